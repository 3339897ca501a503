import {
  type CreditNoteDocument,
  computeCreditNoteTotals,
  computeInvoiceTotals,
  type InvoiceDocument,
} from "@mostrador/domain";
import type { Database, Queryable } from "../../db/database";
import { SalesSummaryDelta, summaryTables } from "./salesSummaryDelta";
import { companyTimeZone, writeSummaryDelta } from "./salesSummaryWriter";

/** The migration that created the summaries: a database migrated to it has its sales summed once. */
export const SUMMARY_MIGRATION = "015_sales_summaries.sql";
const PAGE = 2000;

/**
 * Adds one company's stored documents into a delta page by page (keyset on id), through the same
 * code as ingest. An invoice counts as sold when it was accepted (no errors: one voided while in
 * error was never a sale), and also as voided when it is voided now.
 */
async function addCompany(tx: Queryable, companyId: string) {
  const timeZone = await companyTimeZone(tx, companyId);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await tx.query<{ id: string; status: string; document: InvoiceDocument }>(
      `SELECT i.id, i.status, r.document FROM invoices i
         JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
        WHERE i.company_id = $1 AND i.id > $2 AND i.status IN ('accepted', 'voided') AND i.errors = '[]'::jsonb
        ORDER BY i.id LIMIT ${PAGE}`,
      [companyId, after],
    );
    if (rows.length === 0) break;
    const delta = new SalesSummaryDelta(timeZone);
    for (const r of rows) {
      const totals = computeInvoiceTotals(r.document.lines);
      delta.addInvoice(r.document, totals, "sale");
      if (r.status === "voided") delta.addInvoice(r.document, totals, "void");
    }
    await writeSummaryDelta(tx, companyId, delta);
    after = String(rows.at(-1)?.id);
  }
  after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await tx.query<{ id: string; document: CreditNoteDocument }>(
      `SELECT id, document FROM credit_notes WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT ${PAGE}`,
      [companyId, after],
    );
    if (rows.length === 0) break;
    const delta = new SalesSummaryDelta(timeZone);
    for (const r of rows) delta.addCreditNote(r.document, computeCreditNoteTotals(r.document.lines));
    await writeSummaryDelta(tx, companyId, delta);
    after = String(rows.at(-1)?.id);
  }
}

/**
 * rebuildSalesSummaries: sums every company's stored invoices, voids and credit notes again into
 * the summary tables (each company in one transaction). Run once when migration 015 is applied
 * to a database that already holds sales, so the reports include them.
 */
export async function rebuildSalesSummaries(db: Database, companyIds?: string[]) {
  const ids =
    companyIds ?? (await db.query<{ id: string }>("SELECT id FROM companies ORDER BY id")).map((r) => String(r.id));
  for (const companyId of ids)
    await db.transaction(async (tx) => {
      for (const t of Object.values(summaryTables))
        await tx.query(`DELETE FROM ${t.name} WHERE company_id = $1`, [companyId]);
      await addCompany(tx, companyId);
    });
}
