import type { InvoiceDocument } from "@mostrador/domain";
import { type Database, finishTransactionWith, type Queryable } from "../../db/database";
import type { SecretBox } from "../dianCertificate/secretBox";
import { stockBalancesParts } from "../inventory/stockLedger";
import { SalesSummaryDelta } from "../reports/salesSummaryDelta";
import { summaryDeltaParams, summaryUpsertCtes } from "../reports/salesSummaryWriter";
import {
  INVOICE_WRITE_CTES,
  invoiceWriteParams,
  newClientsOf,
  type UploadDecisions,
  writeInvoiceUploads,
} from "./invoiceBatchWriter";

type Row = Record<string, unknown>;

/**
 * At most this many invoices are written in one trip: an online till's sale, or a group of them
 * (pushGroupCommit). A larger batch keeps the write that reads its answer first (see below).
 */
export const ONE_TRIP_MAX_INVOICES = 20;

const SUMMARIES = summaryUpsertCtes(6, "(SELECT ok FROM guard) = 1");
const BALANCES = stockBalancesParts(
  `SELECT warehouse_id, product_id, sum(quantity)::bigint AS quantity FROM mv WHERE ${SUMMARIES.settled} GROUP BY 1, 2`,
);

/**
 * The whole of a few invoices' write in ONE statement, sent with COMMIT before its answer is read:
 * the invoices' CTEs (INVOICE_WRITE_CTES, $1–$5), then the sales summaries ($6–$9: the delta of every
 * invoice decided as accepted), then the warehouse's counter and balances from the movements written.
 * What the two-trip write checks on its answer before it goes on is checked here by `guard`, which
 * calls invoice_write_declined (migration 027: SQLSTATE MS001, the transaction rolls back) unless every
 * invoice decided as accepted was written as accepted by this statement ($10: how many; the summaries'
 * delta counts exactly those), every device taking versions was counted ($11), and none of them is on a
 * DEE POS or contingency numbering (their electronic documents are written on the two-trip path).
 * Order, which the references make: devices, invoices, revisions, attempts and movements (all read by
 * `guard`, which the answer's WHERE reads first), then the summaries, then the warehouse's counter and
 * balances (the only CTE nothing reads: it runs after the answer and pulls the rest): the shared rows in
 * the order every writer takes them (inventory/stockForDocuments), each locked from there to COMMIT.
 */
const ONE_TRIP_SQL = `WITH ${INVOICE_WRITE_CTES}, guard AS MATERIALIZED (
    SELECT CASE
      WHEN (SELECT count(*) FROM inv WHERE status = 'accepted') <> $10 THEN invoice_write_declined('an invoice was not written as decided')
      WHEN (SELECT count(*) FROM dev WHERE n > 0) <> $11 THEN invoice_write_declined('a device vanished')
      WHEN EXISTS (SELECT 1 FROM numberings n WHERE n.company_id = $1 AND n.kind IN ('dee_pos', 'contingency')
                      AND n.id IN (SELECT numbering_id FROM inv WHERE status = 'accepted'))
        THEN invoice_write_declined('an electronic numbering')
      -- Always true: it makes the revisions, attempts and movements written before the summaries.
      WHEN (SELECT count(*) FROM rev) + (SELECT count(*) FROM att) + (SELECT count(*) FROM mv) >= 0 THEN 1
      ELSE invoice_write_declined('unreachable')
    END AS ok
  ),
  ${SUMMARIES.ctes},
  ${BALANCES.ctes},
  stock_bal AS (${BALANCES.insert})
  SELECT inv.* FROM inv WHERE (SELECT ok FROM guard) = 1`;

/** The error of a write the statement declined (SQLSTATE MS001): nothing of it is stored. */
export const isOneTripDeclined = (err: unknown) =>
  typeof err === "object" && err !== null && (err as { code?: string }).code === "MS001";

/**
 * Whether the uploads can be written in one trip: a few invoices, each numbered at the till, no number
 * given up and no client created with them (those statements read or depend on answers), and the
 * company's time zone known (the summaries' local day).
 */
function oneTripFits(uploads: UploadDecisions[], timeZone: string | undefined): timeZone is string {
  const decisions = uploads.flatMap((u) => u.decisions);
  if (timeZone === undefined || decisions.length === 0 || decisions.length > ONE_TRIP_MAX_INVOICES) return false;
  if (uploads.some((u) => u.voided.length > 0)) return false;
  const accepted = decisions.filter((d) => d.verdict.errors.length === 0).map((d) => d.doc);
  return accepted.every((d) => d.number !== null) && newClientsOf(accepted).length === 0;
}

/** Starts the one-trip write in `tx`; the rows it wrote once the transaction is committed. */
function startOneTrip(tx: Queryable, companyId: string, uploads: UploadDecisions[], timeZone: string) {
  const decisions = uploads.flatMap((u) => u.decisions);
  const accepted = decisions.filter((d) => d.verdict.errors.length === 0);
  const delta = new SalesSummaryDelta(timeZone);
  for (const d of accepted) delta.addInvoice(d.doc, d.verdict.totals, "sale");
  const docs = accepted.map((d) => d.doc);
  const { params, takes } = invoiceWriteParams(companyId, uploads, docs, (doc: InvoiceDocument) => doc.number);
  const written = tx.query(ONE_TRIP_SQL, [
    ...params,
    ...summaryDeltaParams(delta),
    accepted.length,
    takes.filter((t) => t.count > 0).length,
  ]);
  // COMMIT follows the statement without waiting for its answer (Queryable.finishWith); on PGlite it waits.
  const finished = finishTransactionWith(tx, [written]);
  const rows = written.then((answer) => new Map(answer.map((row) => [String(row.id), row as Row])));
  rows.catch(() => undefined); // its error is the transaction's
  // In an object: an async function's result that is a promise would be awaited before COMMIT.
  return finished.then(() => ({ rows }));
}

/**
 * invoiceOneTripWriter: writes the decided invoices of one or more pushes in a transaction of `db`. A few
 * invoices (an online till's sale, a group of them) go in one round trip, the statement and COMMIT
 * together (≈ 10 % more single pushes per second: docs/benchmarks.md, "Session 27"); when the statement
 * declines (see ONE_TRIP_SQL) or the uploads do not fit, the two-trip write (writeInvoiceUploads) in a
 * transaction of its own. Returns the rows written, as writeInvoiceUploads does; its errors are its.
 */
export async function writeUploadsInTransaction(
  db: Database,
  companyId: string,
  secrets: SecretBox,
  uploads: UploadDecisions[],
  timeZone?: string,
): Promise<Map<string, Row>> {
  if (oneTripFits(uploads, timeZone)) {
    try {
      const { rows } = await db.transaction((tx) => startOneTrip(tx, companyId, uploads, timeZone));
      return await rows;
    } catch (err) {
      if (!isOneTripDeclined(err)) throw err;
    }
  }
  return db.transaction((tx) => writeInvoiceUploads(tx, companyId, secrets, uploads, timeZone));
}
