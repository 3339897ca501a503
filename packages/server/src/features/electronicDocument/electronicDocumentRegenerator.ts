import type { CreditNoteDocument, InvoiceDocument, InvoiceTotals } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import type { SecretBox } from "../dianCertificate/secretBox";
import { recordReturnAdjustmentNote } from "./adjustmentNoteRecorder";
import { recordElectronicDocuments } from "./electronicDocumentRecorder";
import { letTillsLearnElectronicDocumentStates } from "./electronicDocumentStateToTills";

type Row = Record<string, unknown>;
const parsed = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

/**
 * electronicDocumentResender: an admin's "Reenviar" of one row of the outbox, by its document id
 * (the invoice's id for a ticket, the note's id for an adjustment note). Never for a document the
 * DIAN accepted (409). A rejected or not generated document is built again — a ticket from its
 * invoice's stored revision, a return's note from its stored credit note — with today's company
 * data and settings (what the admin corrected), by the same recorders as at ingest, keeping its
 * place in the list and its attempts; it goes out as new (its old answer was final). A generated
 * or sent one (stuck) is only made due now: the sender asks GetStatus before sending again
 * anything that was sent.
 */
export async function resendElectronicDocument(
  tx: Queryable,
  companyId: string,
  documentId: string,
  now: Date,
  /** Opens the company's software PIN (sealed at rest) to build the document again. */
  secrets: SecretBox,
): Promise<void> {
  const target = await tx.query<{ invoice_id: string }>(
    "SELECT invoice_id FROM electronic_documents WHERE company_id = $1 AND document_id = $2",
    [companyId, documentId],
  );
  if (!target[0]) throw notFound("electronic document");
  // The till that sold it learns the document built again (its state, a new CUDE and QR) on its next pull, as
  // it learns the sender's verdicts: else it kept the rejection until a verdict came, and none comes for a
  // document that could not be built (found by a review). Taken before the document's row: a return's
  // adjustment note takes the device counters before its ticket's document, so this order never meets it in
  // a circle. (Undone with the rest when the resend is refused.)
  await letTillsLearnElectronicDocumentStates(tx, companyId, [String(target[0].invoice_id)]);
  const rows = await tx.query(
    `SELECT kind, invoice_id, note_reason, state, created_at, attempts FROM electronic_documents
      WHERE company_id = $1 AND document_id = $2 FOR UPDATE`,
    [companyId, documentId],
  );
  const row = rows[0];
  if (!row) throw notFound("electronic document");
  if (row.state === "accepted")
    throw new ApiError(409, "CONFLICT", "the DIAN accepted this document: it is never sent again");
  if (row.state === "generated" || row.state === "sent") {
    await tx.query(
      "UPDATE electronic_documents SET next_attempt_at = $3, updated_at = $3 WHERE company_id = $1 AND document_id = $2",
      [companyId, documentId, now.toISOString()],
    );
    return;
  }
  if (row.kind === "adjustment_note") await rebuildNote(tx, companyId, documentId, row, secrets);
  else await rebuildTicket(tx, companyId, documentId, secrets);
  const rebuilt = await tx.query(
    `UPDATE electronic_documents SET created_at = $3, attempts = $4, updated_at = $5
      WHERE company_id = $1 AND document_id = $2 RETURNING state`,
    [companyId, documentId, row.created_at, row.attempts, now.toISOString()],
  );
  if (!rebuilt[0]) throw new ApiError(409, "CONFLICT", "the invoice's numbering is no longer a DEE POS numbering");
}

async function rebuildTicket(tx: Queryable, companyId: string, invoiceId: string, secrets: SecretBox) {
  const revisions = await tx.query<{ document: InvoiceDocument & { number: number } }>(
    `SELECT r.document FROM invoices i
       JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
      WHERE i.company_id = $1 AND i.id = $2`,
    [companyId, invoiceId],
  );
  const stored = revisions[0]?.document;
  if (!stored) throw notFound("invoice");
  await tx.query("DELETE FROM electronic_documents WHERE company_id = $1 AND document_id = $2", [companyId, invoiceId]);
  await recordElectronicDocuments(tx, companyId, [parsed(stored)], secrets);
  // Its return notes were never sent (a note waits for its ticket's acceptance): built again
  // with the ticket's new CUDE, in their places.
  const notes = await tx.query(
    `SELECT document_id, note_reason, created_at, attempts FROM electronic_documents
      WHERE company_id = $1 AND invoice_id = $2 AND kind = 'adjustment_note' AND note_reason = 'return'
        AND state <> 'accepted' AND sent_at IS NULL ORDER BY created_at FOR UPDATE`,
    [companyId, invoiceId],
  );
  for (const note of notes) {
    await rebuildNote(tx, companyId, String(note.document_id), note, secrets);
    await tx.query(
      "UPDATE electronic_documents SET created_at = $3, attempts = $4 WHERE company_id = $1 AND document_id = $2",
      [companyId, note.document_id, note.created_at, note.attempts],
    );
  }
}

/** A return's note, from its credit note as stored; a void's note has no number to be built with. */
async function rebuildNote(tx: Queryable, companyId: string, noteId: string, row: Row, secrets: SecretBox) {
  if (row.note_reason !== "return")
    throw new ApiError(409, "CONFLICT", "a void's adjustment note has no number: return the ticket's lines instead");
  const notes = await tx.query("SELECT document FROM credit_notes WHERE company_id = $1 AND id = $2", [
    companyId,
    noteId,
  ]);
  if (!notes[0]) throw notFound("credit note");
  const creditNote = parsed<CreditNoteDocument>(notes[0].document);
  await tx.query("DELETE FROM electronic_documents WHERE company_id = $1 AND document_id = $2", [companyId, noteId]);
  await recordReturnAdjustmentNote(tx, companyId, creditNote, creditNote.totals as InvoiceTotals, secrets);
}
