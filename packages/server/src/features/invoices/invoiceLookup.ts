import type { InvoiceLookup } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Queryable } from "../../db/database";
import { notFound } from "../../http/apiError";
import { INVOICE_SUMMARY_COLUMNS, presentInvoiceSummary } from "./invoicePresenter";

/**
 * invoiceLookup: an invoice of the caller's company by its printed number ("POS-12"), with its
 * current revision's document, so any till of the company (online) can take a return of it. An
 * invoice of another company is simply not found.
 */
export async function findInvoiceByNumber(
  db: Queryable,
  auth: Pick<AuthContext, "companyId">,
  prefix: string,
  number: number,
): Promise<InvoiceLookup> {
  const columns = INVOICE_SUMMARY_COLUMNS.split(", ")
    .map((c) => `i.${c}`)
    .join(", ");
  const rows = await db.query(
    `SELECT ${columns}, r.document, c.name AS client_name
       FROM invoices i
       JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
       LEFT JOIN clients c ON c.company_id = i.company_id AND c.id = i.client_id
      WHERE i.company_id = $1 AND upper(i.prefix) = upper($2) AND i.number = $3
      ORDER BY i.issued_at DESC
      LIMIT 1`,
    [auth.companyId, prefix, number],
  );
  const row = rows[0];
  if (!row) throw notFound("invoice");
  return {
    invoice: presentInvoiceSummary(row),
    document: row.document as Record<string, unknown>,
    clientName: row.client_name == null ? "" : String(row.client_name),
  };
}
