import {
  type CreditNoteDocument,
  computeInvoiceTotals,
  type InvoiceDocument,
  type InvoiceTotals,
} from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { SalesSummaryDelta, type SummaryTableName, summaryTables } from "./salesSummaryDelta";

type Row = Record<string, unknown>;

/** The upsert of one summary table from the rows in parameter `param`; `gate`: a condition the rows pass. */
function upsertSql(table: SummaryTableName, param: number, gate?: string): string {
  const def = summaryTables[table];
  const keyNames = def.keys.map(([k]) => k);
  const columns = [...keyNames, ...def.counters, ...def.texts];
  const types = [
    ...def.keys.map(([k, t]) => `${k} ${t}`),
    ...def.counters.map((c) => `${c} bigint`),
    ...def.texts.map((c) => `${c} text`),
  ];
  const updates = [
    ...def.counters.map((c) => `${c} = ${def.name}.${c} + EXCLUDED.${c}`),
    ...def.texts.map((c) => `${c} = EXCLUDED.${c}`),
  ];
  return `INSERT INTO ${def.name} (company_id, ${columns.join(", ")})
    SELECT $1, ${columns.join(", ")} FROM jsonb_to_recordset($${param}::jsonb) AS x(${types.join(", ")})${
      gate
        ? `
     WHERE ${gate}`
        : ""
    }
    ON CONFLICT (company_id, ${keyNames.join(", ")}) DO UPDATE SET ${updates.join(", ")}`;
}

const TABLES = Object.keys(summaryTables) as SummaryTableName[];

/**
 * True once the four upserts named `<prefix><table>` have run, and what makes them run in ONE order in every
 * statement that writes summaries: the first of TABLES first. Each is a scalar subquery PostgreSQL runs when
 * the expression first reads it, left to right; upserts nothing reads would run at the statement's end in
 * the reverse order of their writing, and two writers locking the same summary rows in opposite orders
 * deadlock (a one-trip sale against a credit note or a batch of the same terminal did, before this).
 */
function summariesWrittenInOrder(prefix: string): string {
  return `(${TABLES.map((t) => `(SELECT count(*) FROM ${prefix}${t})`).join(" + ")}) >= 0`;
}

/** One statement adds a delta to the four summary tables (one round trip per push), in TABLES' order. */
const WRITE_SQL = `WITH ${TABLES.map((t, i) => `w_${t} AS (${upsertSql(t, i + 2)} RETURNING 1)`).join(",\n")}
  SELECT ${summariesWrittenInOrder("w_")}`;

/**
 * The four upserts as CTEs of a larger statement (invoiceOneTripWriter), named `sums_<table>` and each
 * returning a row per summary row written, from the parameters `firstParam`… (summaryDeltaParams), the
 * rows passing `gate`. `settled`: a condition true once all four are written, in the order every summary
 * writer keeps (and to order what follows them).
 */
export function summaryUpsertCtes(firstParam: number, gate: string): { ctes: string; settled: string } {
  return {
    ctes: TABLES.map((t, i) => `sums_${t} AS (${upsertSql(t, firstParam + i, gate)} RETURNING 1)`).join(",\n  "),
    settled: summariesWrittenInOrder("sums_"),
  };
}

/** The parameters of summaryUpsertCtes (and of WRITE_SQL after the company): each table's rows of the delta. */
export function summaryDeltaParams(delta: SalesSummaryDelta): string[] {
  return TABLES.map((t) => JSON.stringify(delta.rowsOf(t)));
}

/** Writes what the documents added, in the caller's transaction. */
export async function writeSummaryDelta(tx: Queryable, companyId: string, delta: SalesSummaryDelta) {
  if (delta.isEmpty) return;
  await tx.query(WRITE_SQL, [companyId, ...summaryDeltaParams(delta)]);
}

/** The company's IANA zone: the local day and hour a document is counted in. */
export async function companyTimeZone(q: Queryable, companyId: string): Promise<string> {
  const rows = await q.query<{ time_zone: string }>("SELECT time_zone FROM companies WHERE id = $1", [companyId]);
  return rows[0]?.time_zone ?? "America/Bogota";
}

/**
 * recordInvoiceSales: the invoices a push accepted, counted in the sales summaries inside the
 * ingest transaction. Only rows the statement wrote as accepted count (a duplicate or a copy
 * another request stored first is not written again, so it is never counted twice).
 */
export async function recordInvoiceSales(
  tx: Queryable,
  companyId: string,
  decisions: readonly { doc: InvoiceDocument; verdict: { totals: InvoiceTotals } }[],
  written: ReadonlyMap<string, Row>,
  /** The company's zone when the caller already read it (ingest's validation context): one query less. */
  timeZone?: string,
) {
  const accepted = decisions.filter((d) => written.get(d.doc.id)?.status === "accepted");
  if (accepted.length === 0) return;
  const delta = new SalesSummaryDelta(timeZone ?? (await companyTimeZone(tx, companyId)));
  for (const d of accepted) delta.addInvoice(d.doc, d.verdict.totals, "sale");
  await writeSummaryDelta(tx, companyId, delta);
}

/** recordCreditNoteSales: an accepted credit note, counted as a return on its own day. */
export async function recordCreditNoteSales(
  tx: Queryable,
  companyId: string,
  doc: CreditNoteDocument,
  totals: InvoiceTotals,
) {
  const delta = new SalesSummaryDelta(await companyTimeZone(tx, companyId));
  delta.addCreditNote(doc, totals);
  await writeSummaryDelta(tx, companyId, delta);
}

/**
 * recordInvoiceVoidSales: an invoice that was accepted (`before`, its row as locked before the
 * void) leaves the sales of its own day; one voided while rejected was never counted.
 */
export async function recordInvoiceVoidSales(tx: Queryable, companyId: string, before: Row) {
  if (before.status !== "accepted") return;
  const rows = await tx.query<{ document: InvoiceDocument }>(
    "SELECT document FROM invoice_revisions WHERE company_id = $1 AND invoice_id = $2 AND revision = $3",
    [companyId, before.id, before.revision],
  );
  const doc = rows[0]?.document;
  if (!doc) return;
  const delta = new SalesSummaryDelta(await companyTimeZone(tx, companyId));
  delta.addInvoice(doc, computeInvoiceTotals(doc.lines), "void");
  await writeSummaryDelta(tx, companyId, delta);
}
