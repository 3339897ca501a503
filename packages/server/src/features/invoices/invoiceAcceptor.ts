import {
  computeInvoiceTotals,
  type DeviceReport,
  type InvoiceDocument,
  type InvoiceRejection,
  invoiceDocumentSchema,
  invoiceRejection,
  type PushResult,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { allocateVersions } from "../../db/changeVersions";
import { type Database, isUniqueViolation, type Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";
import { recordDeviceReport } from "../sync/deviceContact";
import { INVOICE_SUMMARY_COLUMNS, presentInvoiceSummary } from "./invoicePresenter";
import { validateInvoice } from "./invoiceValidator";
import { loadValidationContext } from "./validationContextLoader";

type Row = Record<string, unknown>;

interface Decision {
  doc: InvoiceDocument;
  errors: InvoiceRejection[];
}

const idOf = (raw: unknown) =>
  typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
    ? (raw as { id: string }).id
    : "";
const revisionOf = (raw: unknown) => Number((raw as { revision?: unknown })?.revision) || 0;

async function existingInvoices(db: Queryable, companyId: string, ids: string[]): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query(
    `SELECT ${INVOICE_SUMMARY_COLUMNS} FROM invoices WHERE company_id = $1 AND id = ANY($2::uuid[])`,
    [companyId, ids],
  );
  return new Map(rows.map((r) => [String(r.id), r]));
}

/** The last electronic numbers went to a concurrent batch after validation: answer "retry" (it is then rejected). */
class ElectronicRangeExhausted extends Error {}

/** Electronic numberings are online only: the server gives the next number inside the transaction. */
async function assignElectronicNumbers(tx: Queryable, companyId: string, docs: InvoiceDocument[]) {
  for (const doc of docs) {
    if (doc.number !== null) continue;
    const rows = await tx.query<{ number: number }>(
      `UPDATE numberings SET next_number = next_number + 1
        WHERE company_id = $1 AND id = $2 AND next_number <= range_to RETURNING next_number - 1 AS number`,
      [companyId, doc.numberingId],
    );
    if (!rows[0]) throw new ElectronicRangeExhausted();
    doc.number = rows[0].number;
  }
}

function invoiceRecord(d: Decision, version: number) {
  const totals = computeInvoiceTotals(d.doc.lines);
  return {
    id: d.doc.id,
    revision: d.doc.revision,
    status: d.errors.length ? "rejected" : "accepted",
    numbering_id: d.doc.numberingId,
    prefix: d.doc.prefix,
    number: d.doc.number ?? 0,
    terminal_id: d.doc.terminalId,
    device_id: d.doc.deviceId,
    cashier_id: d.doc.cashierId,
    client_id: d.doc.clientId,
    issued_at: d.doc.issuedAt,
    subtotal: totals.subtotal,
    discount: totals.discount,
    tax: totals.tax,
    total: totals.total,
    paid: d.doc.totals.paid,
    change: d.doc.totals.change,
    document: d.doc,
    errors: d.errors,
    version,
  };
}

const RECORD_COLUMNS = `id uuid, revision int, status text, numbering_id uuid, prefix text, number bigint,
  terminal_id uuid, device_id uuid, cashier_id uuid, client_id uuid, issued_at timestamptz, subtotal bigint,
  discount bigint, tax bigint, total bigint, paid bigint, change bigint, errors jsonb, version bigint`;
const COLUMN_NAMES = RECORD_COLUMNS.split(",").map((c) => c.trim().split(" ")[0]);

/** A number an invoice in error gave up when it was re-billed with a new one: voided, never reused. */
interface AbandonedNumber {
  numberingId: string;
  number: number;
  invoiceId: string;
}

async function recordAbandonedNumbers(tx: Queryable, companyId: string, abandoned: AbandonedNumber[]) {
  if (abandoned.length === 0) return;
  await tx.query(
    `INSERT INTO voided_numbers (company_id, numbering_id, number, invoice_id, reason)
     SELECT $1, x."numberingId", x.number, x."invoiceId", 'replaced by a new number after an error'
       FROM jsonb_to_recordset($2::jsonb) AS x("numberingId" uuid, number bigint, "invoiceId" uuid)
      WHERE NOT EXISTS (SELECT 1 FROM invoices i WHERE i.company_id = $1 AND i.numbering_id = x."numberingId"
                          AND i.number = x.number AND i.status IN ('accepted', 'voided') AND i.claims_number)
     ON CONFLICT DO NOTHING`,
    [companyId, JSON.stringify(abandoned)],
  );
}

/**
 * Reserves `count` invoice versions on a device's own counter (locks that device row until commit);
 * when it is the uploading till, its report is written by the same statement.
 */
async function allocateDeviceVersions(
  tx: Queryable,
  companyId: string,
  deviceId: string,
  count: number,
  report?: DeviceReport,
) {
  const rows = report
    ? await tx.query<{ v: number }>(
        `UPDATE devices SET invoice_version = invoice_version + $3, last_seen_at = now(), reported_pending = $4,
                reported_errors = $5, oldest_pending_at = $6, app_version = COALESCE($7, app_version)
          WHERE company_id = $1 AND id = $2 RETURNING invoice_version AS v`,
        [companyId, deviceId, count, report.pending, report.errors, report.oldestPendingAt, report.appVersion ?? null],
      )
    : await tx.query<{ v: number }>(
        "UPDATE devices SET invoice_version = invoice_version + $3 WHERE company_id = $1 AND id = $2 RETURNING invoice_version AS v",
        [companyId, deviceId, count],
      );
  const last = rows[0]?.v;
  // Stopgap until invoices name only the token's device (issue 10 §2): a 400, never a 500.
  if (last === undefined) throw new ApiError(400, "VALIDATION_FAILED", `deviceId ${deviceId}: no such device`);
  return last - count + 1;
}

async function writeDecisions(
  tx: Queryable,
  auth: AuthContext,
  decisions: Decision[],
  abandoned: AbandonedNumber[],
  report: DeviceReport | undefined,
): Promise<Map<string, Row>> {
  await recordAbandonedNumbers(tx, auth.companyId, abandoned);
  const accepted = decisions.filter((d) => d.errors.length === 0);
  await assignElectronicNumbers(
    tx,
    auth.companyId,
    accepted.map((d) => d.doc),
  );
  const newClients = accepted.flatMap((d) => (d.doc.newClient ? [d.doc.newClient] : []));
  if (newClients.length) {
    // Clients are company data: they take company versions (and its counter lock) only when present.
    const first = await allocateVersions(tx, auth.companyId, newClients.length);
    await tx.query(
      `INSERT INTO clients (company_id, id, name, id_type, id_number, email, phone, address, active, version)
       SELECT $1, x.id, x.name, x."idType", x."idNumber", x.email, x.phone, x.address, true, x.version
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, name text, "idType" text, "idNumber" text,
              email text, phone text, address text, version bigint)
       ON CONFLICT (company_id, id) DO NOTHING`,
      [auth.companyId, JSON.stringify(newClients.map((c, i) => ({ ...c, version: first + i })))],
    );
  }
  // Versions come from each invoice's device counter, so devices never wait for one another.
  const records: ReturnType<typeof invoiceRecord>[] = [];
  let reportWritten = false;
  const byDevice = new Map<string, Decision[]>();
  for (const d of decisions) byDevice.set(d.doc.deviceId, [...(byDevice.get(d.doc.deviceId) ?? []), d]);
  for (const [deviceId, group] of [...byDevice].sort(([a], [b]) => a.localeCompare(b))) {
    const ownReport = deviceId === auth.deviceId ? report : undefined;
    if (ownReport) reportWritten = true;
    const first = await allocateDeviceVersions(tx, auth.companyId, deviceId, group.length, ownReport);
    group.forEach((d, i) => {
      records.push(invoiceRecord(d, first + i));
    });
  }
  const cols = COLUMN_NAMES.join(", ");
  const uploader = auth.deviceId ?? records[0]?.device_id;
  // One statement writes the invoices, their revisions (the documents) and the attempts.
  const written = await tx.query(
    `WITH inv AS (
       INSERT INTO invoices (company_id, ${cols})
       SELECT $1, ${cols} FROM jsonb_to_recordset($2::jsonb) AS x(${RECORD_COLUMNS})
       ON CONFLICT (company_id, id) DO UPDATE SET
         ${COLUMN_NAMES.filter((c) => c !== "id")
           .map((c) => `${c} = EXCLUDED.${c}`)
           .join(", ")}, updated_at = now()
       WHERE invoices.status = 'rejected' AND invoices.revision <= EXCLUDED.revision
       RETURNING ${INVOICE_SUMMARY_COLUMNS}
     ), rev AS (
       INSERT INTO invoice_revisions (company_id, invoice_id, revision, document, user_id, device_id)
       SELECT $1, x.id, x.revision, x.document, $4, $5
         FROM jsonb_to_recordset($3::jsonb) AS x(id uuid, revision int, document jsonb)
       ON CONFLICT DO NOTHING
     ), att AS (
       INSERT INTO invoice_attempts (company_id, invoice_id, revision, outcome, errors, user_id, device_id)
       SELECT $1, x.id, x.revision, x.status, x.errors, $4, $5
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, revision int, status text, errors jsonb)
     )
     SELECT * FROM inv`,
    [
      auth.companyId,
      JSON.stringify(records.map(({ document: _d, ...r }) => r)),
      JSON.stringify(records.map((r) => ({ id: r.id, revision: r.revision, document: r.document }))),
      auth.userId,
      uploader,
    ],
  );
  // The till's report rides in the same transaction: one commit per push.
  if (report && auth.deviceId && !reportWritten) await recordDeviceReport(tx, auth, report);
  return new Map(written.map((w) => [String(w.id), w]));
}

/**
 * invoiceAcceptor: takes a batch from a till and answers per invoice. Exactly
 * once is the database's job: the primary key (company_id, id) admits one row
 * per invoice, and the upsert only replaces a rejected revision with a newer one.
 */
export async function acceptInvoiceBatch(
  db: Database,
  auth: AuthContext,
  rawInvoices: unknown[],
  report?: DeviceReport,
  now = new Date(),
): Promise<{ results: PushResult[]; reportRecorded: boolean }> {
  let reportRecorded = false;
  const results = new Map<number, PushResult>();
  const docs: { index: number; doc: InvoiceDocument }[] = [];
  const seen = new Set<string>();
  rawInvoices.forEach((raw, index) => {
    const parsed = invoiceDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      results.set(index, {
        outcome: "rejected",
        id: idOf(raw),
        revision: revisionOf(raw),
        errors: [invoiceRejection("INVOICE_INVALID", { detail })],
      });
      return;
    }
    const key = `${parsed.data.id}@${parsed.data.revision}`;
    if (seen.has(key)) return; // a copy in the same batch: answered below from the first one
    seen.add(key);
    docs.push({ index, doc: parsed.data });
  });
  // Two revisions of one invoice in a batch: only the newest is decided; older ones are stale.
  const newest = new Map<string, number>();
  for (const { doc } of docs) newest.set(doc.id, Math.max(newest.get(doc.id) ?? 0, doc.revision));
  for (let i = docs.length - 1; i >= 0; i--) {
    const { index, doc } = docs[i] as { index: number; doc: InvoiceDocument };
    if (doc.revision === newest.get(doc.id)) continue;
    results.set(index, {
      outcome: "rejected",
      id: doc.id,
      revision: doc.revision,
      errors: [invoiceRejection("REVISION_CONFLICT")],
    });
    docs.splice(i, 1);
  }

  const existing = await existingInvoices(
    db,
    auth.companyId,
    docs.map((d) => d.doc.id),
  );
  const toDecide: { index: number; doc: InvoiceDocument }[] = [];
  for (const item of docs) {
    const row = existing.get(item.doc.id);
    if (row && row.status !== "rejected") {
      results.set(item.index, duplicateResult(row, item.doc));
    } else if (row && Number(row.revision) > item.doc.revision) {
      results.set(item.index, {
        outcome: "rejected",
        id: item.doc.id,
        revision: item.doc.revision,
        errors: [invoiceRejection("REVISION_CONFLICT")],
      });
    } else {
      toDecide.push(item);
    }
  }

  if (toDecide.length > 0) {
    const docsToDecide = toDecide.map((d) => d.doc);
    const { ctx, taken } = await loadValidationContext(db, auth.companyId, docsToDecide, now);
    const decisions: Decision[] = toDecide.map(({ doc }) => {
      const errors = validateInvoice(doc, ctx);
      const key = `${doc.numberingId}#${doc.number}`;
      const holder = doc.number === null ? undefined : taken.get(key);
      if (holder && holder !== doc.id)
        errors.push(invoiceRejection("NUMBER_ALREADY_USED", { number: doc.number ?? 0 }, "number"));
      else if (doc.number !== null && errors.length === 0) taken.set(key, doc.id);
      return { doc, errors };
    });
    let written: Map<string, Row>;
    try {
      const abandoned = toDecide.flatMap(({ doc }): AbandonedNumber[] => {
        const before = existing.get(doc.id);
        if (!before || Number(before.number) === doc.number || Number(before.number) <= 0) return [];
        return [{ numberingId: String(before.numbering_id), number: Number(before.number), invoiceId: doc.id }];
      });
      written = await db.transaction((tx) => writeDecisions(tx, auth, decisions, abandoned, report));
      reportRecorded = report !== undefined;
    } catch (err) {
      // A concurrent batch took one of the numbers: nothing was written; the till retries and
      // the next attempt sees the number as taken.
      if (!isUniqueViolation(err) && !(err instanceof ElectronicRangeExhausted)) throw err;
      for (const { index, doc } of toDecide)
        results.set(index, { outcome: "retry", id: doc.id, revision: doc.revision, reason: "number conflict, retry" });
      written = new Map();
    }
    // Only what another request wrote first needs reading back.
    const reread = await existingInvoices(
      db,
      auth.companyId,
      toDecide.filter((d) => !written.has(d.doc.id)).map((d) => d.doc.id),
    );
    toDecide.forEach(({ index, doc }, i) => {
      if (results.has(index)) return;
      const decision = decisions[i] as Decision;
      const row = written.get(doc.id) ?? reread.get(doc.id);
      if (written.has(doc.id) && row) {
        results.set(
          index,
          decision.errors.length
            ? { outcome: "rejected", id: doc.id, revision: doc.revision, errors: decision.errors }
            : {
                outcome: "accepted",
                id: doc.id,
                revision: doc.revision,
                duplicate: false,
                invoice: presentInvoiceSummary(row),
              },
        );
      } else if (row) {
        // Another request (tab, process, retry) wrote it first: report what the database holds.
        results.set(index, duplicateResult(row, doc));
      } else {
        results.set(index, { outcome: "retry", id: doc.id, revision: doc.revision, reason: "not stored, retry" });
      }
    });
  }

  // Copies inside the same batch get the answer of their first occurrence.
  const ordered = rawInvoices.map((raw, index) => {
    const direct = results.get(index);
    if (direct) return direct;
    const firstIndex = docs.find((d) => d.doc.id === idOf(raw) && d.doc.revision === revisionOf(raw))?.index;
    return results.get(firstIndex ?? -1) as PushResult;
  });
  return { results: ordered, reportRecorded };
}

function duplicateResult(row: Row, doc: InvoiceDocument): PushResult {
  if (row.status === "rejected")
    return {
      outcome: "rejected",
      id: doc.id,
      revision: doc.revision,
      errors: (row.errors as InvoiceRejection[]).length
        ? (row.errors as InvoiceRejection[])
        : [invoiceRejection("REVISION_CONFLICT")],
    };
  return {
    outcome: "accepted",
    id: doc.id,
    revision: Number(row.revision),
    duplicate: true,
    invoice: presentInvoiceSummary(row),
  };
}
