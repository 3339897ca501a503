import { type CreditNoteDocument, type InvoiceDocument, quantityToMilli } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import {
  insertStockMovements,
  movementsSql,
  reverseStockMovements,
  type StockDelta,
  type StockMovementInput,
} from "./stockLedger";

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
 * Sales of the invoices a write accepts: one movement per line of a tracked product, out of the
 * terminal's warehouse, by the quantities of the revision accepted. Not a call of its own but a CTE
 * of the invoices' write statement (invoiceBatchWriter), so it costs no round trip: `writtenCte`
 * names that statement's INSERT … RETURNING of the invoices, and only rows it wrote as accepted move
 * stock (a duplicate, or an invoice another request stored first, is not among them). The statement
 * returns the movements it wrote; their deltas (stockDeltasOf) go to applyStockBalances, last.
 * `$1` is the company; `movementsParam` the parameter holding saleMovementsOf(the accepted documents).
 */
export function invoiceSaleMovementsSql(movementsParam: number, writtenCte: string): string {
  return movementsSql(`
    SELECT x."productId" AS product_id, t.warehouse_id, 'sale'::text AS kind, x.quantity,
           x."documentId" AS document_id, x."lineIndex" AS line_index, NULL::text AS reason, x."userId" AS user_id
      FROM jsonb_to_recordset($${movementsParam}::jsonb) AS x("productId" uuid, "terminalId" uuid, quantity bigint,
           "documentId" uuid, "lineIndex" int, "userId" uuid)
      JOIN ${writtenCte} w ON w.id = x."documentId" AND w.status = 'accepted'
      JOIN terminals t ON t.company_id = $1 AND t.id = x."terminalId"`);
}

/** The parameter of invoiceSaleMovementsSql: every line of the documents (untracked ones are left out in SQL). */
export function saleMovementsOf(docs: readonly InvoiceDocument[]) {
  return docs.flatMap((doc) =>
    doc.lines.map((line, i) => ({
      productId: line.productId,
      terminalId: doc.terminalId,
      quantity: -quantityToMilli(line.quantity),
      documentId: doc.id,
      lineIndex: i,
      userId: doc.cashierId,
    })),
  );
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
