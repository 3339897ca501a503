import type { InvoiceDocument } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { recordElectronicDocuments } from "./electronicDocumentRecorder";

/**
 * electronicDocumentResender: an admin's "Reenviar". Never for a document the DIAN accepted (409).
 * A rejected or not generated document is built again from its invoice's stored revision with
 * today's company data and settings (what the admin corrected), by the same recorder as at ingest,
 * keeping its place in the list and its attempts; it goes out as new (its old answer was final).
 * A generated or sent one (stuck) is only made due now: the sender asks GetStatus before sending
 * again anything that was sent.
 */
export async function resendElectronicDocument(
  tx: Queryable,
  companyId: string,
  invoiceId: string,
  now: Date,
): Promise<void> {
  const rows = await tx.query(
    "SELECT state, created_at, attempts FROM electronic_documents WHERE company_id = $1 AND invoice_id = $2 FOR UPDATE",
    [companyId, invoiceId],
  );
  const row = rows[0];
  if (!row) throw notFound("electronic document");
  if (row.state === "accepted")
    throw new ApiError(409, "CONFLICT", "the DIAN accepted this document: it is never sent again");
  if (row.state === "generated" || row.state === "sent") {
    await tx.query(
      "UPDATE electronic_documents SET next_attempt_at = $3, updated_at = $3 WHERE company_id = $1 AND invoice_id = $2",
      [companyId, invoiceId, now.toISOString()],
    );
    return;
  }
  const revisions = await tx.query<{ document: InvoiceDocument & { number: number } }>(
    `SELECT r.document FROM invoices i
       JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
      WHERE i.company_id = $1 AND i.id = $2`,
    [companyId, invoiceId],
  );
  const stored = revisions[0]?.document;
  if (!stored) throw notFound("invoice");
  const document = typeof stored === "string" ? JSON.parse(stored) : stored;
  await tx.query("DELETE FROM electronic_documents WHERE company_id = $1 AND invoice_id = $2", [companyId, invoiceId]);
  await recordElectronicDocuments(tx, companyId, [document]);
  const rebuilt = await tx.query(
    "UPDATE electronic_documents SET created_at = $3, attempts = $4, updated_at = $5 WHERE company_id = $1 AND invoice_id = $2 RETURNING state",
    [companyId, invoiceId, row.created_at, row.attempts, now.toISOString()],
  );
  if (!rebuilt[0]) throw new ApiError(409, "CONFLICT", "the invoice's numbering is no longer a DEE POS numbering");
}
