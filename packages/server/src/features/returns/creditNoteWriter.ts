import {
  type CreditNoteDocument,
  type InvoiceLine,
  type InvoiceTotals,
  type ReturnRejection,
  returnExcesses,
  returnRejection,
  returnStatusOf,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Queryable } from "../../db/database";
import { takeInvoiceVersions } from "../devices/deviceActivity";
import type { SecretBox } from "../dianCertificate/secretBox";
import { recordReturnAdjustmentNote } from "../electronicDocument/adjustmentNoteRecorder";
import { recordStockForCreditNote } from "../inventory/stockForDocuments";
import { applyStockBalances } from "../inventory/stockLedger";
import { INVOICE_SUMMARY_COLUMNS } from "../invoices/invoicePresenter";
import { recordCreditNoteSales } from "../reports/salesSummaryWriter";

type Row = Record<string, unknown>;

export type CreditNoteWrite =
  | { kind: "written"; creditNote: Row; invoice: Row }
  /** Another request stored this credit note first: answer from what is stored. */
  | { kind: "raced" }
  | { kind: "rejected"; errors: ReturnRejection[] };

/**
 * New versions for rows of two devices' counters, always taken in device id order: two
 * transactions that each need both counters can never wait on each other in a circle.
 */
export async function takeVersionsFor(tx: Queryable, companyId: string, deviceIds: string[]) {
  const versions = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const id of deviceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const [id, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const first = await takeInvoiceVersions(tx, companyId, id, count);
    if (first === null) throw new Error(`device ${id} vanished during the push`);
    versions.set(id, first);
  }
  // With one device for both rows, the second row takes the next version.
  return deviceIds.map((id, i) => (versions.get(id) as number) + deviceIds.slice(0, i).filter((x) => x === id).length);
}

/**
 * creditNoteWriter: stores one validated credit note in the caller's transaction. The invoice's
 * row is locked first (FOR UPDATE), so two tills returning the last unit of one line at once are
 * decided one after the other: the second sees the first's returned quantities and is refused
 * with RETURN_EXCEEDS_SOLD. The invoice takes a new version from its device's counter, so its
 * returned quantities and status come down to the till that sold it.
 */
export async function writeCreditNote(
  tx: Queryable,
  auth: AuthContext,
  doc: CreditNoteDocument,
  totals: InvoiceTotals,
  /** Opens the DIAN software PIN for a DEE POS ticket's adjustment note. */
  secrets: SecretBox,
): Promise<CreditNoteWrite> {
  const locked = await tx.query(
    `SELECT i.status, i.device_id, i.returned_quantities, r.document -> 'lines' AS lines
       FROM invoices i
       JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
      WHERE i.company_id = $1 AND i.id = $2
        FOR UPDATE OF i`,
    [auth.companyId, doc.invoiceId],
  );
  const invoice = locked[0];
  if (!invoice) return { kind: "rejected", errors: [returnRejection("INVOICE_NOT_FOUND", {}, "invoiceId")] };
  if (invoice.status === "voided")
    return { kind: "rejected", errors: [returnRejection("INVOICE_VOIDED", {}, "invoiceId")] };
  if (invoice.status !== "accepted")
    return { kind: "rejected", errors: [returnRejection("INVOICE_NOT_ACCEPTED", {}, "invoiceId")] };
  const sold = (invoice.lines as InvoiceLine[]) ?? [];
  const before = ((invoice.returned_quantities as number[] | null) ?? []).map(Number);
  const excesses = returnExcesses(sold, before, doc.lines);
  if (excesses.length > 0)
    return {
      kind: "rejected",
      errors: excesses.map((e) =>
        returnRejection(
          "RETURN_EXCEEDS_SOLD",
          { name: sold[e.invoiceLineIndex]?.description ?? "?", quantity: e.quantity, returnable: e.returnable },
          `lines.${e.line}.quantity`,
        ),
      ),
    };
  const returned = sold.map((_, i) => {
    const now = doc.lines.find((l) => l.invoiceLineIndex === i)?.quantity ?? 0;
    return Math.round(((before[i] ?? 0) + now) * 1000) / 1000;
  });
  const invoiceDevice = String(invoice.device_id);
  const [noteVersion, invoiceVersion] = await takeVersionsFor(tx, auth.companyId, [doc.deviceId, invoiceDevice]);
  const inserted = await tx.query(
    `INSERT INTO credit_notes (company_id, id, revision, numbering_id, prefix, number, invoice_id, terminal_id,
                               device_id, cashier_id, shift_id, issued_at, reason, subtotal, discount, tax, total,
                               lines, refunds, document, user_id, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb, $19::jsonb,
             $20::jsonb, $21, $22)
     ON CONFLICT (company_id, id) DO NOTHING RETURNING *`,
    [
      auth.companyId,
      doc.id,
      doc.revision,
      doc.numberingId,
      doc.prefix,
      doc.number,
      doc.invoiceId,
      doc.terminalId,
      doc.deviceId,
      doc.cashierId,
      doc.shiftId ?? null,
      doc.issuedAt,
      doc.reason,
      totals.subtotal,
      totals.discount,
      totals.tax,
      totals.total,
      JSON.stringify(doc.lines.map((l) => ({ invoiceLineIndex: l.invoiceLineIndex, quantity: l.quantity }))),
      JSON.stringify(doc.refunds),
      JSON.stringify(doc),
      auth.userId,
      noteVersion,
    ],
  );
  // Stored meanwhile by another request: the versions taken roll back with the caller's transaction.
  if (inserted.length === 0) return { kind: "raced" };
  const stock = await recordStockForCreditNote(tx, auth.companyId, doc, sold);
  const updated = await tx.query(
    `UPDATE invoices SET returned_quantities = $3::jsonb, return_status = $4, version = $5, updated_at = now()
      WHERE company_id = $1 AND id = $2 RETURNING ${INVOICE_SUMMARY_COLUMNS}`,
    [auth.companyId, doc.invoiceId, JSON.stringify(returned), returnStatusOf(sold, returned), invoiceVersion],
  );
  // A DEE POS ticket's return is an adjustment note in the outbox (once: only a credit note inserted here).
  await recordReturnAdjustmentNote(tx, auth.companyId, doc, totals, secrets);
  // Last, the shared rows (inventory/stockForDocuments: the order every writer keeps).
  await recordCreditNoteSales(tx, auth.companyId, doc, totals);
  await applyStockBalances(tx, auth.companyId, stock);
  return { kind: "written", creditNote: inserted[0] as Row, invoice: updated[0] as Row };
}
