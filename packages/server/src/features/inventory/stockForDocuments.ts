import { type CreditNoteDocument, type InvoiceDocument, quantityToMilli } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { insertStockMovements, reverseStockMovements, type StockDelta, type StockMovementInput } from "./stockLedger";

/**
 * The stock side of the documents the server accepts, each called once inside the transaction
 * that writes the document, right after its rows are written. Exactly once follows from both the
 * caller (only rows the statement actually wrote are passed) and the ledger's unique key.
 * Each writes the movements and returns their deltas; the writer passes them to applyStockBalances
 * as its last statement, after the sales summaries: every writer takes the shared rows in the same
 * order (summaries, then the warehouse counter and balances), so two writers never deadlock, and
 * holds them only from there to the commit.
 */

/**
 * Sales of the invoices just accepted (a duplicate or an invoice written first by another request
 * is not among them): one movement per line of a tracked product, out of the terminal's warehouse,
 * by the quantities of the revision accepted. Set-based: one statement for the whole batch.
 */
export async function recordStockForInvoices(
  tx: Queryable,
  companyId: string,
  accepted: readonly InvoiceDocument[],
): Promise<StockDelta[]> {
  const movements: StockMovementInput[] = [];
  for (const doc of accepted) {
    doc.lines.forEach((line, i) => {
      movements.push({
        productId: line.productId,
        terminalId: doc.terminalId,
        kind: "sale",
        quantity: -quantityToMilli(line.quantity),
        documentId: doc.id,
        lineIndex: i,
        userId: doc.cashierId,
      });
    });
  }
  return insertStockMovements(tx, companyId, movements);
}

/** A return puts the returned quantities back into the warehouse of the terminal that took it. */
export async function recordStockForCreditNote(
  tx: Queryable,
  companyId: string,
  doc: CreditNoteDocument,
  soldLines: readonly { productId: string }[],
): Promise<StockDelta[]> {
  const movements = doc.lines.flatMap((line): StockMovementInput[] => {
    const productId = soldLines[line.invoiceLineIndex]?.productId;
    if (!productId) return [];
    return [
      {
        productId,
        terminalId: doc.terminalId,
        kind: "return",
        quantity: quantityToMilli(line.quantity),
        documentId: doc.id,
        lineIndex: line.invoiceLineIndex,
        reason: doc.reason,
        userId: doc.cashierId,
      },
    ];
  });
  return insertStockMovements(tx, companyId, movements);
}

/**
 * A void puts back exactly what the invoice's sale took, where it took it (an invoice with returns
 * cannot be voided, so nothing came back before). An invoice voided while in error never moved
 * stock: nothing to reverse.
 */
export async function recordStockForVoid(
  tx: Queryable,
  companyId: string,
  invoiceId: string,
  v: { reason: string; by: string },
): Promise<StockDelta[]> {
  return reverseStockMovements(tx, companyId, invoiceId, { of: "sale", as: "void", reason: v.reason, userId: v.by });
}
