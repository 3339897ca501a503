import type { InvoiceDocument, InvoiceRejection } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { finishTransactionWith, type Queryable } from "../../db/database";
import {
  type DeviceActivity,
  type DeviceVersionTake,
  deviceVersionsSql,
  deviceVersionTakes,
  takeInvoiceVersions,
} from "../devices/deviceActivity";
import type { SecretBox } from "../dianCertificate/secretBox";
import { electronicNumberingsOf, recordElectronicDocuments } from "../electronicDocument/electronicDocumentRecorder";
import { invoiceSaleMovementsSql, saleMovementsOf } from "../inventory/stockForDocuments";
import { applyStockBalances, stockDeltasOf } from "../inventory/stockLedger";
import { recordInvoiceSales } from "../reports/salesSummaryWriter";
import { insertNewClients } from "../tillClients/newClientWriter";
import { INVOICE_SUMMARY_COLUMNS } from "./invoicePresenter";
import type { InvoiceVerdict } from "./invoiceValidator";

type Row = Record<string, unknown>;

/** An invoice the acceptor decided on, to be stored (accepted or rejected). */
export interface InvoiceDecision {
  doc: InvoiceDocument;
  verdict: InvoiceVerdict;
}

/** A number an invoice in error gave up when it was re-billed with a new one: voided, never reused. */
export interface VoidedNumber {
  numberingId: string;
  number: number;
  invoiceId: string;
}

/** The invoices of a batch the server already has, with the document of their current revision. */
export async function loadStoredInvoices(db: Queryable, companyId: string, ids: string[]): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query(
    `SELECT ${INVOICE_SUMMARY_COLUMNS.split(", ")
      .map((c) => `i.${c}`)
      .join(", ")}, r.document
       FROM invoices i
       LEFT JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
      WHERE i.company_id = $1 AND i.id = ANY($2::uuid[])`,
    [companyId, ids],
  );
  return new Map(rows.map((r) => [String(r.id), r]));
}

/**
 * An electronic number could not be given as decided (the range ran out after validation, or a
 * concurrent request stored the invoice first and the number would be left unused): the whole
 * transaction rolls back and the invoices are answered "retry", so no number is ever skipped.
 */
export class ElectronicNumberConflict extends Error {}

/**
 * Electronic numberings are online only: the server gives the next number inside the transaction.
 * The documents are not changed (a rolled-back attempt must leave them as sent): the numbers come
 * back by invoice id.
 */
async function assignElectronicNumbers(tx: Queryable, companyId: string, docs: InvoiceDocument[]) {
  const assigned = new Map<string, number>();
  for (const doc of docs) {
    if (doc.number !== null) continue;
    const rows = await tx.query<{ number: number }>(
      `UPDATE numberings SET next_number = next_number + 1
        WHERE company_id = $1 AND id = $2 AND next_number <= range_to RETURNING next_number - 1 AS number`,
      [companyId, doc.numberingId],
    );
    if (!rows[0]) throw new ElectronicNumberConflict();
    assigned.set(doc.id, Number(rows[0].number));
  }
  return assigned;
}

async function recordVoidedNumbers(tx: Queryable, companyId: string, numbers: VoidedNumber[]) {
  if (numbers.length === 0) return;
  await tx.query(
    `INSERT INTO voided_numbers (company_id, numbering_id, number, invoice_id, reason)
     SELECT $1, x."numberingId", x.number, x."invoiceId", 'replaced by a new number after an error'
       FROM jsonb_to_recordset($2::jsonb) AS x("numberingId" uuid, number bigint, "invoiceId" uuid)
      WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = $1 AND i.numbering_id = x."numberingId"
                          AND i.number = x.number AND i.status IN ('accepted', 'voided') AND i.claims_number)
     ON CONFLICT DO NOTHING`,
    [companyId, JSON.stringify(numbers)],
  );
}

/** Clients created at the till travel with their first accepted invoice (also pushed on their own). */
export function newClientsOf(docs: InvoiceDocument[]) {
  return docs.flatMap((d) => (d.newClient && d.newClient.id === d.clientId ? [d.newClient] : []));
}

/** An invoice's row; `seq` is its place among its device's invoices of the write (version = first + seq). */
function invoiceRecord(
  { doc, verdict }: InvoiceDecision,
  seq: number,
  number: number | null,
  byUser: string,
  byDevice: string | undefined,
) {
  const { totals } = verdict;
  return {
    id: doc.id,
    revision: doc.revision,
    status: verdict.errors.length ? "rejected" : "accepted",
    numbering_id: doc.numberingId,
    prefix: doc.prefix,
    number,
    terminal_id: doc.terminalId,
    device_id: doc.deviceId,
    cashier_id: doc.cashierId,
    client_id: doc.clientId,
    issued_at: doc.issuedAt,
    subtotal: totals.subtotal,
    discount: totals.discount,
    tax: totals.tax,
    total: totals.total,
    paid: doc.totals.paid,
    change: doc.totals.change,
    errors: verdict.errors as InvoiceRejection[],
    notices: verdict.notices,
    seq,
    shift_id: doc.shiftId ?? null,
    // Who uploaded it (one group may hold several tills' pushes).
    by_user: byUser,
    by_device: byDevice,
  };
}

const RECORD_COLUMNS = `id uuid, revision int, status text, numbering_id uuid, prefix text, number bigint,
  terminal_id uuid, device_id uuid, cashier_id uuid, client_id uuid, issued_at timestamptz, subtotal bigint,
  discount bigint, tax bigint, total bigint, paid bigint, change bigint, errors jsonb, seq bigint, shift_id uuid`;
// The invoices' columns; `version` is computed in SQL from the device's counter and the row's `seq`.
const COLUMN_NAMES = RECORD_COLUMNS.split(",")
  .map((c) => c.trim().split(" ")[0])
  .map((c) => (c === "seq" ? "version" : c));

/**
 * The CTEs of ONE statement that writes a transaction's invoices, in one round trip (BEGIN travels with
 * it on a pipelined connection): the devices' version counters and the uploading tills' activity (`dev`,
 * deviceActivity), the invoices with their versions, their revisions (the documents: JSON text in one
 * binary parameter, $3, each row's bytes at doc_at: DocumentBytes), the attempts,
 * and the stock movements of the invoices it wrote as accepted (`mv`, inventory/stockForDocuments).
 * Who uploaded each invoice (by_user, by_device) travels in its row, as one group may hold several
 * tills' pushes. Parameters: invoiceWriteParams. WRITE_SQL reads them, and so does invoiceOneTripWriter.
 */
export const INVOICE_WRITE_CTES = `${deviceVersionsSql(4)}, x AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${RECORD_COLUMNS}, notices jsonb, by_user uuid, by_device uuid,
                                                     doc_at int, doc_bytes int)
  ), inv AS (
    INSERT INTO invoices (company_id, ${COLUMN_NAMES.join(", ")})
    SELECT $1, ${COLUMN_NAMES.map((c) => (c === "version" ? "dev.first + x.seq" : `x.${c}`)).join(", ")}
      FROM x JOIN dev ON dev.id = x.device_id
    ON CONFLICT (company_id, id) DO UPDATE SET
      ${COLUMN_NAMES.filter((c) => c !== "id")
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(", ")}, updated_at = now()
    WHERE invoices.status = 'rejected' AND invoices.revision <= EXCLUDED.revision
    RETURNING ${INVOICE_SUMMARY_COLUMNS}
  ), rev AS (
    INSERT INTO invoice_revisions (company_id, invoice_id, revision, document, user_id, device_id)
    SELECT $1, x.id, x.revision, convert_from(substring($3::bytea FROM x.doc_at FOR x.doc_bytes), 'UTF8')::json,
           x.by_user, x.by_device
      FROM x
    ON CONFLICT DO NOTHING
    RETURNING 1
  ), att AS (
    INSERT INTO invoice_attempts (company_id, invoice_id, revision, outcome, errors, notices, user_id, device_id)
    SELECT $1, x.id, x.revision, x.status, x.errors, x.notices, x.by_user, x.by_device
      FROM x
    RETURNING 1
  ), mv AS (${invoiceSaleMovementsSql(5, "inv")})`;
/**
 * The write that answers before the transaction goes on: the first row answered also carries the number
 * of devices counted and the movements written, summed per warehouse and product (on one row only: a
 * batch's movements repeated on each of its 100 rows made its answer megabytes long); the caller removes
 * both.
 */
const WRITE_SQL = `WITH ${INVOICE_WRITE_CTES}
  SELECT inv.*,
         CASE WHEN row_number() OVER () = 1 THEN (SELECT count(*) FROM dev WHERE n > 0) END AS devices_counted,
         CASE WHEN row_number() OVER () = 1 THEN (
           SELECT coalesce(json_agg(json_build_object('warehouse_id', warehouse_id, 'product_id', product_id,
                                                      'quantity', quantity)), '[]'::json)
             FROM (SELECT warehouse_id, product_id, sum(quantity) AS quantity FROM mv GROUP BY 1, 2) moved
         ) END AS stock_moved
    FROM inv`;

/**
 * The revisions' documents as JSON text, one after the other in one buffer, sent as a binary (bytea)
 * parameter: PostgreSQL then only checks each one's JSON syntax for the json column, where a jsonb
 * parameter was parsed into a tree and its keys sorted (≈ a tenth of PostgreSQL's CPU per batched
 * invoice; docs/benchmarks.md, "Session 23"). Offsets are 1-based, as substring counts.
 */
class DocumentBytes {
  private readonly parts: Buffer[] = [];
  private next = 1;

  add(document: InvoiceDocument): { doc_at: number; doc_bytes: number } {
    const part = Buffer.from(JSON.stringify(document));
    this.parts.push(part);
    const slot = { doc_at: this.next, doc_bytes: part.length };
    this.next += part.length;
    return slot;
  }

  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** One till's push inside a write: its decided invoices, the numbers they give up, its activity. */
export interface UploadDecisions {
  auth: AuthContext;
  decisions: InvoiceDecision[];
  voided: VoidedNumber[];
  activity: DeviceActivity;
}

/**
 * invoiceBatchWriter: stores decided invoices in the caller's transaction and returns the rows it
 * wrote (an invoice missing from the answer was written first by another request). The uploading
 * till's activity is written by the statement that takes its invoice versions: one commit per push.
 */
export function writeInvoiceBatch(
  tx: Queryable,
  auth: AuthContext,
  /** Opens the DIAN software PIN for the DEE POS documents written here. */
  secrets: SecretBox,
  decisions: InvoiceDecision[],
  voided: VoidedNumber[],
  activity: DeviceActivity,
  /** The company's time zone, when the caller read it already (the sales summaries' local day). */
  timeZone?: string,
): Promise<Map<string, Row>> {
  return writeInvoiceUploads(tx, auth.companyId, secrets, [{ auth, decisions, voided, activity }], timeZone);
}

/**
 * The pushes of several tills of one company in one transaction (pushGroupCommit): one statement of
 * each kind for all of them. The invoice ids are distinct across the uploads; a till's activity goes
 * with its own device's counter (of two uploads of one till, the later one's).
 */
export async function writeInvoiceUploads(
  tx: Queryable,
  companyId: string,
  secrets: SecretBox,
  uploads: UploadDecisions[],
  timeZone?: string,
): Promise<Map<string, Row>> {
  const decisions = uploads.flatMap((u) => u.decisions);
  await recordVoidedNumbers(
    tx,
    companyId,
    uploads.flatMap((u) => u.voided),
  );
  const accepted = decisions.filter((d) => d.verdict.errors.length === 0).map((d) => d.doc);
  const assigned = await assignElectronicNumbers(tx, companyId, accepted);
  const numberOf = (doc: InvoiceDocument) => assigned.get(doc.id) ?? doc.number;
  await insertNewClients(tx, companyId, newClientsOf(accepted));
  const { params, takes, invoices } = invoiceWriteParams(companyId, uploads, accepted, numberOf);
  if (invoices === 0) {
    // Nothing to write but the tills' activity.
    await Promise.all(takes.map((t) => takeInvoiceVersions(tx, companyId, t.deviceId, 0, t.activity)));
    return new Map();
  }
  // The electronic numberings are looked up together with the write (one round trip on a pipelined
  // connection): nothing the write changes decides which numberings those are.
  const written = tx.query(WRITE_SQL, params);
  const electronicNumberings =
    accepted.length > 0
      ? electronicNumberingsOf(
          tx,
          companyId,
          accepted.map((d) => d.numberingId),
        )
      : undefined;
  electronicNumberings?.catch(() => undefined); // its error, if any, is thrown where it is awaited
  const answer = await written;
  const first = answer.find((row) => row.stock_moved != null);
  // The validator refuses unknown devices as not storable; a device deleted meanwhile is a bug.
  const counted = takes.filter((t) => t.count > 0).length;
  if (first && Number(first.devices_counted) < counted) throw new Error("a device vanished during the push");
  const stock = stockDeltasOf((first?.stock_moved ?? []) as Row[]);
  const rows = new Map(
    answer.map(({ devices_counted: _d, stock_moved: _s, ...invoice }) => [String(invoice.id), invoice as Row]),
  );
  // Another request stored one of these first: the number taken for it would stay unused.
  for (const id of assigned.keys()) if (!rows.has(id)) throw new ElectronicNumberConflict();
  // DEE POS sales (numbered here) and contingency tickets (numbered at the till, issue 19).
  await recordElectronicDocuments(
    tx,
    companyId,
    accepted
      .filter((d) => assigned.has(d.id) || rows.get(d.id)?.status === "accepted")
      .map((d) => ({ ...d, number: numberOf(d) })),
    secrets,
    electronicNumberings,
  );
  // The rows every till shares (the day's sales summaries, the warehouse's stock balances) are locked
  // until COMMIT: their statements are made at once and last, and COMMIT travels with them (one round
  // trip on a pipelined connection). Nothing reads their answers; an error still rolls everything back.
  // Summaries first, then the warehouse: the order every writer keeps (inventory/stockForDocuments).
  await finishTransactionWith(tx, [
    recordInvoiceSales(tx, companyId, decisions, rows, timeZone),
    applyStockBalances(tx, companyId, stock),
  ]);
  return rows;
}

/**
 * The parameters $1–$5 of INVOICE_WRITE_CTES: the invoices' records, their documents, the devices' version
 * takes and the accepted invoices' lines for the stock movements. `numberOf`: an invoice's number (the
 * server's, on an electronic numbering). `invoices`: how many records (none: nothing to write).
 */
export function invoiceWriteParams(
  companyId: string,
  uploads: UploadDecisions[],
  accepted: InvoiceDocument[],
  numberOf: (doc: InvoiceDocument) => number | null,
) {
  const takes = versionTakes(uploads);
  const records: (ReturnType<typeof invoiceRecord> & ReturnType<DocumentBytes["add"]>)[] = [];
  const documents = new DocumentBytes();
  const seqOf = new Map<string, number>();
  for (const { auth, decisions: own } of uploads) {
    // Who uploaded: the till's device, else (a user's token) the first invoice's device, as before.
    const byDevice = auth.deviceId ?? own[0]?.doc.deviceId;
    for (const d of own) {
      const seq = seqOf.get(d.doc.deviceId) ?? 0;
      seqOf.set(d.doc.deviceId, seq + 1);
      const number = numberOf(d.doc);
      // A copy only when the server gave the number (the same JSON: the key keeps its place).
      const slot = documents.add(number === d.doc.number ? d.doc : { ...d.doc, number });
      records.push({ ...invoiceRecord(d, seq, number, auth.userId, byDevice), ...slot });
    }
  }
  const params = [
    companyId,
    JSON.stringify(records),
    documents.bytes(),
    deviceVersionTakes(takes),
    JSON.stringify(saleMovementsOf(accepted)),
  ];
  return { params, takes, invoices: records.length };
}

/**
 * Versions come from each invoice's device counter, so devices never wait for one another. An
 * uploading till's activity goes with its own device's counter, also when it sent no invoice of its
 * own. In the devices' order (every writer locks device rows in that order).
 */
function versionTakes(uploads: UploadDecisions[]): DeviceVersionTake[] {
  const counts = new Map<string, number>();
  for (const d of uploads.flatMap((u) => u.decisions))
    counts.set(d.doc.deviceId, (counts.get(d.doc.deviceId) ?? 0) + 1);
  const activityOf = new Map<string, DeviceActivity>();
  for (const u of uploads) if (u.auth.deviceId) activityOf.set(u.auth.deviceId, u.activity);
  const deviceIds = [...new Set([...counts.keys(), ...activityOf.keys()])].sort();
  return deviceIds.map((deviceId) => ({
    deviceId,
    count: counts.get(deviceId) ?? 0,
    activity: activityOf.get(deviceId),
  }));
}
