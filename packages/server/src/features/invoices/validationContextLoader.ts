import type { InvoiceDocument, TaxKind } from "@mostrador/domain";
import type { Database } from "../../db/database";
import { INVOICE_SUMMARY_COLUMNS } from "./invoicePresenter";
import { numberKey, type ValidationContext } from "./invoiceValidator";

type Row = Record<string, unknown>;

/**
 * Every part of the context query is a probe of one index, whatever the tables' statistics say, so the
 * statement can run on the generic plan PostgreSQL keeps for a named statement (planning it for every call
 * cost ≈ 250 µs of PostgreSQL's CPU per single push, issue 17) without that plan ever reading a big table
 * through the wrong index. A generic plan is made once, from the statistics of that moment. On tables never
 * analyzed the planner costs every index of a table alike, and an equality probe `id = k.id` ties with an
 * index on `company_id` alone that reads all of the company's rows (it took products_barcode,
 * clients_id_number, invoices_client_issued); on small analyzed tables a sequential scan and a sort look
 * cheapest. So each probe asks for the key's last column as a one-value range, `>= k AND <= k` (for these
 * types the same rows as `=`), ordered by that column with LIMIT 1, and the statement runs on connections that
 * allow no sequential scan, bitmap scan or sort (Database.keyProbes): only the key's own index returns the rows
 * in that order without a sort, so it is the plan in every state of the statistics
 * (tests: validationContextPlan.pg.test.ts).
 * `arr` is the array parameter; every one is wrapped in a subquery, so a call's plan is costed the same for
 * one invoice as for a hundred, and PostgreSQL switches to the generic plan after five calls of any size.
 */
const each = (param: string, type = "uuid") => `unnest((SELECT ${param}::${type}[]))`;

/** The rows of a (company_id, id) table whose ids are in `param`, one primary-key probe each, as JSON arrays. */
const byIds = (table: string, param: string, columns: string) => `SELECT coalesce(json_agg(json_build_array(${columns
  .split(", ")
  .map((c) => `t.${c}`)
  .join(", ")})), '[]')
     FROM ${each(param)} AS k(id)
     CROSS JOIN LATERAL (SELECT ${columns} FROM ${table} r
       WHERE r.company_id = $1 AND r.id >= k.id AND r.id <= k.id ORDER BY r.id LIMIT 1) t`;

/**
 * "Number already used": one probe of the unique index invoices_number_once per (numbering, number) the
 * batch holds ($11 and $9, index by index), whatever the table's statistics say (before, `numbering_id =
 * ANY(…) AND number = ANY(…)` was planned from the statistics, and on a table that grew since its last
 * ANALYZE it read every invoice of the company).
 */
export const TAKEN_SQL = `SELECT coalesce(json_agg(json_build_array(t.id, n.numbering_id, n.number)), '[]')
     FROM unnest((SELECT $11::uuid[]), (SELECT $9::bigint[])) AS n(numbering_id, number)
     CROSS JOIN LATERAL (SELECT i.id FROM invoices i
       WHERE i.company_id = $1 AND i.numbering_id = n.numbering_id AND i.number >= n.number AND i.number <= n.number
         AND i.status IN ('accepted', 'voided') AND i.claims_number ORDER BY i.number LIMIT 1) t`;

/**
 * "Number not leased to this device": the (device, numbering, number) triples of the batch ($13, $11, $9,
 * index by index) that lie in a block the device holds (up to where it released it). One probe per numbered
 * invoice, of the blocks whose end is at or past the number, in the order of number_blocks_device_range
 * (migration 023): neither the answer nor the probe grows with the device's history of leases (before, every
 * block the device ever leased on the batch's numberings came back and was scanned for each invoice).
 */
export const LEASED_SQL = `SELECT coalesce(json_agg(json_build_array(n.device_id, n.numbering_id, n.number)), '[]')
     FROM unnest((SELECT $13::uuid[]), (SELECT $11::uuid[]), (SELECT $9::bigint[])) AS n(device_id, numbering_id, number)
     CROSS JOIN LATERAL (SELECT 1 FROM number_blocks b
       WHERE b.company_id = $1 AND b.device_id = n.device_id AND b.numbering_id = n.numbering_id
         AND b.range_to >= n.number AND b.range_from <= n.number AND COALESCE(b.released_from - 1, b.range_to) >= n.number
       ORDER BY b.range_to LIMIT 1) b`;

/**
 * The invoices of the batch the server already has ($12: their ids), with the document of their
 * current revision (step 3 of the acceptor): a primary-key probe per id, then one of its revision.
 */
export const STORED_SQL = `SELECT coalesce(json_agg(s), '[]') FROM ${each("$12")} AS k(id)
     CROSS JOIN LATERAL (SELECT ${INVOICE_SUMMARY_COLUMNS.split(", ")
       .map((c) => `i.${c}`)
       .join(", ")}, (SELECT r.document FROM invoice_revisions r
           WHERE r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision >= i.revision AND r.revision <= i.revision
           ORDER BY r.revision LIMIT 1) AS document
       FROM invoices i
      WHERE i.company_id = $1 AND i.id >= k.id AND i.id <= k.id ORDER BY i.id LIMIT 1) s`;

/** The device sign-ins of the batch's (device, cashier) pairs ($14, $15, index by index): a primary-key probe per pair. */
const SIGN_INS_SQL = `SELECT coalesce(json_agg(json_build_array(p.device_id, s.user_id)), '[]')
     FROM unnest((SELECT $14::uuid[]), (SELECT $15::uuid[])) AS p(device_id, user_id)
     CROSS JOIN LATERAL (SELECT x.user_id FROM device_sign_ins x
       WHERE x.company_id = $1 AND x.device_id = p.device_id AND x.user_id >= p.user_id AND x.user_id <= p.user_id
       ORDER BY x.user_id LIMIT 1) s`;

/**
 * Everything a batch of invoices refers to, in ONE round trip (a query per table costs more
 * than the checks themselves): each table's rows come back as a JSON array. Also returns the
 * numbers other accepted invoices already hold, and the invoices of the batch already stored.
 * A named statement: after five calls PostgreSQL runs it on its generic plan, safe as said above.
 */
export const CONTEXT_SQL = `
SELECT
  (SELECT row_to_json(c) FROM (SELECT max_offline_age_days, clock_skew_seconds, identified_client_threshold, time_zone
     FROM companies WHERE id = $1) c) AS company,
  (${byIds("products", "$2", "id, name, active")}) AS products,
  (${byIds("clients", "$3", "id, name, active, id_number")}) AS clients,
  (${byIds("payment_methods", "$4", "id, name, active")}) AS methods,
  (${byIds("terminals", "$5", "id, active, payment_method_ids")}) AS terminals,
  (${byIds("numberings", "$6", "id, name, range_from, range_to, valid_from, valid_until, electronic, next_number, kind")}) AS numberings,
  (${byIds("users", "$7", "id, active, role, terminal_ids")}) AS cashiers,
  (${LEASED_SQL}) AS leased,
  (${byIds("devices", "$8", "id, terminal_id")}) AS devices,
  (${SIGN_INS_SQL}) AS sign_ins,
  (${byIds("taxes", "$10", "id, kind, rate_bp")}) AS taxes,
  (${TAKEN_SQL}) AS taken,
  (${STORED_SQL}) AS stored`;

/** What the acceptor needs before deciding: the stored invoices (by id) and the validation context. */
export interface IngestContext {
  stored: Map<string, Row>;
  ctx: ValidationContext;
}

/**
 * The validation context of every parsed invoice of a batch and the ones the server already holds,
 * in one round trip. A stored row reads as loadStoredInvoices' (timestamps as Dates, numbers as numbers).
 */
export async function loadIngestContext(
  /** A Database, not a transaction: the query runs on its key-probe connections (see above). */
  db: Database,
  companyId: string,
  docs: InvoiceDocument[],
  now: Date,
): Promise<IngestContext> {
  if (docs.length === 0) return { stored: new Map(), ctx: contextFrom({}, now) };
  const r = await queryContext(db, companyId, docs);
  const storedRows = (r.stored as Row[] | null) ?? [];
  const stored = new Map(
    storedRows.map((row) => [
      String(row.id),
      { ...row, issued_at: new Date(String(row.issued_at)), received_at: new Date(String(row.received_at)) },
    ]),
  );
  return { stored, ctx: contextFrom(r, now) };
}

type ContextRow = Record<string, unknown[] | Row | null>;

async function queryContext(db: Database, companyId: string, docs: InvoiceDocument[]): Promise<ContextRow> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const numbered = docs.filter((d) => d.number !== null);
  const signIns = [...new Map(docs.map((d) => [`${d.deviceId}#${d.cashierId}`, d])).values()];
  // On the connections that plan only key-index probes (Database.keyProbes): see above.
  const rows = await (db.keyProbes ?? db).query<ContextRow>(CONTEXT_SQL, [
    companyId,
    uniq(docs.flatMap((d) => d.lines.map((l) => l.productId))),
    uniq(docs.map((d) => d.clientId)),
    uniq(docs.flatMap((d) => d.payments.map((p) => p.paymentMethodId))),
    uniq(docs.map((d) => d.terminalId)),
    uniq(docs.map((d) => d.numberingId)),
    uniq(docs.map((d) => d.cashierId)),
    uniq(docs.map((d) => d.deviceId)),
    numbered.map((d) => d.number),
    uniq(docs.flatMap((d) => d.lines.map((l) => l.taxId))),
    numbered.map((d) => d.numberingId),
    uniq(docs.map((d) => d.id)),
    numbered.map((d) => d.deviceId),
    signIns.map((d) => d.deviceId),
    signIns.map((d) => d.cashierId),
  ]);
  return rows[0] ?? {};
}

const leasedKey = (deviceId: string, numberingId: string, number: number) => `${deviceId}#${numberingId}#${number}`;

function contextFrom(r: ContextRow, now: Date): ValidationContext {
  const list = (k: string) => (r[k] as unknown[][] | null) ?? [];
  const c = (r.company as Row | null) ?? {};
  const leased = new Set(
    list("leased").map(([deviceId, numberingId, number]) =>
      leasedKey(String(deviceId), String(numberingId), Number(number)),
    ),
  );
  return {
    now,
    company: {
      maxOfflineAgeDays: Number(c.max_offline_age_days ?? 7),
      clockSkewSeconds: Number(c.clock_skew_seconds ?? 300),
      identifiedClientThreshold: c.identified_client_threshold == null ? null : Number(c.identified_client_threshold),
      timeZone: String(c.time_zone ?? "America/Bogota"),
    },
    products: new Map(
      list("products").map(([id, name, active]) => [String(id), { name: String(name), active: Boolean(active) }]),
    ),
    clients: new Map(
      list("clients").map(([id, name, active, idNumber]) => [
        String(id),
        { name: String(name), active: Boolean(active), idNumber: String(idNumber) },
      ]),
    ),
    paymentMethods: new Map(
      list("methods").map(([id, name, active]) => [String(id), { name: String(name), active: Boolean(active) }]),
    ),
    terminals: new Map(
      list("terminals").map(([id, active, methods]) => [
        String(id),
        { active: Boolean(active), paymentMethodIds: (methods as string[]) ?? [] },
      ]),
    ),
    numberings: new Map(
      list("numberings").map(([id, name, from, to, validFrom, validUntil, electronic, nextNumber, kind]) => [
        String(id),
        {
          name: String(name),
          rangeFrom: Number(from),
          rangeTo: Number(to),
          validFrom: String(validFrom),
          validUntil: String(validUntil),
          electronic: Boolean(electronic),
          nextNumber: Number(nextNumber),
          kind: String(kind ?? "invoice"),
        },
      ]),
    ),
    cashiers: new Map(
      list("cashiers").map(([id, active, role, terminalIds]) => [
        String(id),
        { active: Boolean(active), role: String(role), terminalIds: (terminalIds as string[]) ?? [] },
      ]),
    ),
    taxes: new Map(
      list("taxes").map(([id, kind, rateBp]) => [String(id), { kind: kind as TaxKind, rateBp: Number(rateBp) }]),
    ),
    devices: new Map(list("devices").map(([id, terminalId]) => [String(id), String(terminalId)])),
    signIns: new Set(list("sign_ins").map(([deviceId, userId]) => `${deviceId}#${userId}`)),
    isNumberLeased: (doc) => doc.number !== null && leased.has(leasedKey(doc.deviceId, doc.numberingId, doc.number)),
    numbersTaken: new Map(
      list("taken").map(([id, numberingId, number]) => [numberKey(String(numberingId), Number(number)), String(id)]),
    ),
  };
}
