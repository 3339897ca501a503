import type { InvoiceElectronicDocument, InvoiceSummary, PushResult } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

/**
 * What a till learns of its invoices' electronic documents (issue 19): the CUDE and QR text its
 * receipt prints and the state ("Validación DIAN pendiente" until accepted), added to the push's
 * answers and the pull's invoice rows. One lookup by primary key per answer; invoices without a
 * document (POS numberings) get nothing, so old tills and plain shops see the same answers as before.
 */
export async function electronicDocumentsOfInvoices(
  db: Queryable,
  companyId: string,
  invoiceIds: string[],
): Promise<Map<string, InvoiceElectronicDocument>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db.query(
    `SELECT invoice_id, state, cude, qr_text, contingency FROM electronic_documents
      WHERE company_id = $1 AND invoice_id = ANY($2::uuid[]) AND kind = 'dee_pos'`,
    [companyId, [...new Set(invoiceIds)]],
  );
  return new Map(rows.map((r) => [String(r.invoice_id), presentElectronicDocument(r)]));
}

/** An electronic_documents row (state, cude, qr_text, contingency) as the till sees it. */
export function presentElectronicDocument(r: Record<string, unknown>): InvoiceElectronicDocument {
  return {
    state: String(r.state) as InvoiceElectronicDocument["state"],
    cude: r.cude == null ? null : String(r.cude),
    qrText: r.qr_text == null ? null : String(r.qr_text),
    contingency: Boolean(r.contingency),
  };
}

/**
 * The columns of an invoice's ticket document for a query where `i` is the invoice (LEFT JOIN
 * ELECTRONIC_DOCUMENT_JOIN): read with the invoices, no lookup of their own (the pull's invoice rows).
 */
export const ELECTRONIC_DOCUMENT_COLUMNS =
  "e.invoice_id AS e_invoice_id, e.state AS e_state, e.cude AS e_cude, e.qr_text AS e_qr_text, e.contingency AS e_contingency";
export const ELECTRONIC_DOCUMENT_JOIN =
  "LEFT JOIN electronic_documents e ON e.company_id = i.company_id AND e.invoice_id = i.id AND e.kind = 'dee_pos'";

/** An invoice row read with ELECTRONIC_DOCUMENT_COLUMNS: its ticket document, when it has one. */
export function electronicDocumentOfRow(r: Record<string, unknown>): InvoiceElectronicDocument | undefined {
  if (r.e_invoice_id == null) return undefined;
  return presentElectronicDocument({
    state: r.e_state,
    cude: r.e_cude,
    qr_text: r.e_qr_text,
    contingency: r.e_contingency,
  });
}

/** The invoice summaries with their electronic document, where they have one. */
export async function withElectronicDocuments<T extends InvoiceSummary>(
  db: Queryable,
  companyId: string,
  invoices: T[],
): Promise<T[]> {
  const documents = await electronicDocumentsOfInvoices(
    db,
    companyId,
    invoices.map((i) => i.id),
  );
  if (documents.size === 0) return invoices;
  return invoices.map((i) => {
    const electronicDocument = documents.get(i.id);
    return electronicDocument ? { ...i, electronicDocument } : i;
  });
}

/**
 * The push's answers, the accepted ones with their electronic document. `candidates`: the ids that
 * may have one (the acceptor knows each invoice's numbering kind); none → no lookup at all, the
 * common case of a shop without DEE POS numberings.
 */
export async function pushResultsWithElectronicDocuments(
  db: Queryable,
  companyId: string,
  results: PushResult[],
  candidates?: ReadonlySet<string>,
): Promise<PushResult[]> {
  const accepted = results.flatMap((r) =>
    r.outcome === "accepted" && (!candidates || candidates.has(r.id)) ? [r.invoice] : [],
  );
  if (accepted.length === 0) return results;
  const invoices = new Map((await withElectronicDocuments(db, companyId, accepted)).map((i) => [i.id, i]));
  return results.map((r) => (r.outcome === "accepted" ? { ...r, invoice: invoices.get(r.id) ?? r.invoice } : r));
}
