import type { InvoiceDocument, TaxKind } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { numberKey, type ValidationContext } from "./invoiceValidator";

type Row = Record<string, unknown>;

/**
 * Everything a batch of invoices refers to, in ONE round trip (a query per table costs more
 * than the checks themselves): each table's rows come back as a JSON array. Also returns the
 * numbers other accepted invoices already hold.
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
  (SELECT coalesce(json_agg(json_build_array(device_id, numbering_id, range_from, COALESCE(released_from - 1, range_to))), '[]')
     FROM number_blocks WHERE company_id = $1 AND device_id = ANY($8::uuid[]) AND numbering_id = ANY($6::uuid[])) AS blocks,
  (SELECT coalesce(json_agg(json_build_array(id, terminal_id)), '[]') FROM devices WHERE company_id = $1 AND id = ANY($8::uuid[])) AS devices,
  (SELECT coalesce(json_agg(json_build_array(device_id, user_id)), '[]') FROM device_sign_ins
     WHERE company_id = $1 AND device_id = ANY($8::uuid[]) AND user_id = ANY($7::uuid[])) AS sign_ins,
  (SELECT coalesce(json_agg(json_build_array(id, kind, rate_bp)), '[]') FROM taxes
     WHERE company_id = $1 AND id = ANY($10::uuid[])) AS taxes,
  (SELECT coalesce(json_agg(json_build_array(id, numbering_id, number)), '[]') FROM invoices
     WHERE company_id = $1 AND numbering_id = ANY($6::uuid[]) AND number = ANY($9::bigint[])
       AND status IN ('accepted', 'voided') AND claims_number) AS taken`;

export async function loadValidationContext(
  db: Queryable,
  companyId: string,
  docs: InvoiceDocument[],
  now: Date,
): Promise<ValidationContext> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const rows = await db.query<Record<string, unknown[] | Row | null>>(CONTEXT_SQL, [
    companyId,
    uniq(docs.flatMap((d) => d.lines.map((l) => l.productId))),
    uniq(docs.map((d) => d.clientId)),
    uniq(docs.flatMap((d) => d.payments.map((p) => p.paymentMethodId))),
    uniq(docs.map((d) => d.terminalId)),
    uniq(docs.map((d) => d.numberingId)),
    uniq(docs.map((d) => d.cashierId)),
    uniq(docs.map((d) => d.deviceId)),
    docs.flatMap((d) => (d.number === null ? [] : [d.number])),
    uniq(docs.flatMap((d) => d.lines.map((l) => l.taxId))),
  ]);
  const r = rows[0] ?? {};
  const list = (k: string) => (r[k] as unknown[][] | null) ?? [];
  const c = (r.company as Row | null) ?? {};
  const blocks = list("blocks").map(([deviceId, numberingId, from, to]) => ({
    deviceId: String(deviceId),
    numberingId: String(numberingId),
    from: Number(from),
    to: Number(to),
  }));
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
    isNumberLeased: (doc) =>
      doc.number !== null &&
      blocks.some(
        (b) =>
          b.deviceId === doc.deviceId &&
          b.numberingId === doc.numberingId &&
          doc.number !== null &&
          doc.number >= b.from &&
          doc.number <= b.to,
      ),
    numbersTaken: new Map(
      list("taken").map(([id, numberingId, number]) => [numberKey(String(numberingId), Number(number)), String(id)]),
    ),
  };
}
