import type { InvoiceDocument, TaxKind } from "@mostrador/domain";
import { PLAN_EACH_CALL, type Queryable } from "../../db/database";
import { INVOICE_SUMMARY_COLUMNS } from "./invoicePresenter";
import { numberKey, type ValidationContext } from "./invoiceValidator";

type Row = Record<string, unknown>;

/**
 * "Number already used": one probe of the unique index invoices_number_once per (numbering, number)
 * the batch holds. The LATERAL subquery is run once per pair with all three key columns equal (its
 * LIMIT keeps the planner from flattening it into a join it would plan from the statistics), so the
 * plan is a nested loop over the pairs with an index probe inside whatever the table's statistics say (before, `numbering_id = ANY(…) AND number = ANY(…)` was planned from the
 * statistics, and on a table that grew since its last ANALYZE it read every invoice of the company).
 * $11 and $9 are the pairs' numbering ids and numbers, index by index.
 */
export const TAKEN_SQL = `SELECT coalesce(json_agg(json_build_array(t.id, n.numbering_id, n.number)), '[]')
     FROM unnest($11::uuid[], $9::bigint[]) AS n(numbering_id, number)
     CROSS JOIN LATERAL (SELECT i.id FROM invoices i
       WHERE i.company_id = $1 AND i.numbering_id = n.numbering_id AND i.number = n.number
         AND i.status IN ('accepted', 'voided') AND i.claims_number LIMIT 1) t`;

/**
 * "Number not leased to this device": the (device, numbering, number) triples of the batch ($13, $11, $9,
 * index by index) that lie in a block the device holds (up to where it released it). One probe per numbered
 * invoice (a LATERAL with LIMIT, as TAKEN_SQL), of the blocks whose end is at or past the number, in the
 * order of number_blocks_device_range (migration 023; the ORDER BY keeps a plan made from the statistics
 * from scanning the table in the hope of an early match):
 * neither the answer nor the probe grows with the device's history of leases (before, every block the device
 * ever leased on the batch's numberings came back and was scanned for each invoice).
 */
export const LEASED_SQL = `SELECT coalesce(json_agg(json_build_array(n.device_id, n.numbering_id, n.number)), '[]')
     FROM unnest($13::uuid[], $11::uuid[], $9::bigint[]) AS n(device_id, numbering_id, number)
     CROSS JOIN LATERAL (SELECT 1 FROM number_blocks b
       WHERE b.company_id = $1 AND b.device_id = n.device_id AND b.numbering_id = n.numbering_id
         AND b.range_to >= n.number AND b.range_from <= n.number AND COALESCE(b.released_from - 1, b.range_to) >= n.number
       ORDER BY b.range_to LIMIT 1) b`;

/**
 * The invoices of the batch the server already has ($12: their ids), with the document of their
 * current revision (step 3 of the acceptor), one primary-key probe per id.
 */
const STORED_SQL = `SELECT coalesce(json_agg(s), '[]') FROM unnest($12::uuid[]) AS k(id)
     CROSS JOIN LATERAL (SELECT ${INVOICE_SUMMARY_COLUMNS.split(", ")
       .map((c) => `i.${c}`)
       .join(", ")}, r.document
       FROM invoices i
       LEFT JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
      WHERE i.company_id = $1 AND i.id = k.id LIMIT 1) s`;

/**
 * Everything a batch of invoices refers to, in ONE round trip (a query per table costs more
 * than the checks themselves): each table's rows come back as a JSON array. Also returns the
 * numbers other accepted invoices already hold, and the invoices of the batch already stored.
 */
const CONTEXT_SQL = `
SELECT
  (SELECT row_to_json(c) FROM (SELECT max_offline_age_days, clock_skew_seconds, identified_client_threshold, time_zone
     FROM companies WHERE id = $1) c) AS company,
  (SELECT coalesce(json_agg(json_build_array(id, name, active)), '[]') FROM products
     WHERE company_id = $1 AND id = ANY($2::uuid[])) AS products,
  (SELECT coalesce(json_agg(json_build_array(id, name, active, id_number)), '[]') FROM clients
     WHERE company_id = $1 AND id = ANY($3::uuid[])) AS clients,
  (SELECT coalesce(json_agg(json_build_array(id, name, active)), '[]') FROM payment_methods
     WHERE company_id = $1 AND id = ANY($4::uuid[])) AS methods,
  (SELECT coalesce(json_agg(json_build_array(id, active, payment_method_ids)), '[]') FROM terminals
     WHERE company_id = $1 AND id = ANY($5::uuid[])) AS terminals,
  (SELECT coalesce(json_agg(json_build_array(id, name, range_from, range_to, valid_from, valid_until, electronic, next_number, kind)), '[]')
     FROM numberings WHERE company_id = $1 AND id = ANY($6::uuid[])) AS numberings,
  (SELECT coalesce(json_agg(json_build_array(id, active, role, terminal_ids)), '[]') FROM users
     WHERE company_id = $1 AND id = ANY($7::uuid[])) AS cashiers,
  (${LEASED_SQL}) AS leased,
  (SELECT coalesce(json_agg(json_build_array(id, terminal_id)), '[]') FROM devices WHERE company_id = $1 AND id = ANY($8::uuid[])) AS devices,
  (SELECT coalesce(json_agg(json_build_array(device_id, user_id)), '[]') FROM device_sign_ins
     WHERE company_id = $1 AND device_id = ANY($8::uuid[]) AND user_id = ANY($7::uuid[])) AS sign_ins,
  (SELECT coalesce(json_agg(json_build_array(id, kind, rate_bp)), '[]') FROM taxes
     WHERE company_id = $1 AND id = ANY($10::uuid[])) AS taxes,
  (${TAKEN_SQL}) AS taken,
  (${STORED_SQL}) AS stored`;

/**
 * Which text of the context query a group sends. A small group (what online tills push: 1–8 invoices) runs it as a
 * named statement: parsed once per connection, and PostgreSQL keeps planning it for each call's values, because
 * its generic plan (which assumes 10 elements per array) never looks cheaper than those. A bigger batch sends it
 * unnamed (PLAN_EACH_CALL): were it named, five batches of 100 would make the generic plan look cheap, and the
 * connection would keep one made from that moment's statistics for its life, for the single pushes too (issue 17,
 * session 11). Parsing and planning once per batch costs little per invoice; unnamed for single pushes too, it
 * cost 250–600 µs more of PostgreSQL's CPU per push (docs/benchmarks.md).
 */
export const SMALL_GROUP = 8;
const BATCH_CONTEXT_SQL = `${PLAN_EACH_CALL}${CONTEXT_SQL}`;
const contextSqlFor = (invoices: number) => (invoices <= SMALL_GROUP ? CONTEXT_SQL : BATCH_CONTEXT_SQL);

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
  db: Queryable,
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

/** The validation context alone (the batch's stored invoices not asked for). */
export async function loadValidationContext(
  db: Queryable,
  companyId: string,
  docs: InvoiceDocument[],
  now: Date,
): Promise<ValidationContext> {
  return contextFrom(await queryContext(db, companyId, docs, false), now);
}

type ContextRow = Record<string, unknown[] | Row | null>;

async function queryContext(
  db: Queryable,
  companyId: string,
  docs: InvoiceDocument[],
  withStored = true,
): Promise<ContextRow> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const numbered = docs.filter((d) => d.number !== null);
  const rows = await db.query<ContextRow>(contextSqlFor(docs.length), [
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
    withStored ? uniq(docs.map((d) => d.id)) : [],
    numbered.map((d) => d.deviceId),
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
