import type { InvoiceDocument } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import type { ValidationContext } from "./invoiceValidator";

const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** Loads, in a handful of queries, everything a batch of invoices refers to. */
export async function loadValidationContext(
  db: Queryable,
  companyId: string,
  docs: InvoiceDocument[],
  now: Date,
): Promise<ValidationContext> {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const productIds = uniq(docs.flatMap((d) => d.lines.map((l) => l.productId)));
  const clientIds = uniq(docs.map((d) => d.clientId));
  const methodIds = uniq(docs.flatMap((d) => d.payments.map((p) => p.paymentMethodId)));
  const terminalIds = uniq(docs.map((d) => d.terminalId));
  const numberingIds = uniq(docs.map((d) => d.numberingId));
  const cashierIds = uniq(docs.map((d) => d.cashierId));
  const deviceIds = uniq(docs.map((d) => d.deviceId));
  const p = [companyId];
  const [company, products, clients, methods, terminals, numberings, cashiers, blocks] = await Promise.all([
    db.query("SELECT * FROM companies WHERE id = $1", p),
    db.query("SELECT id, name, active FROM products WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      productIds,
    ]),
    db.query("SELECT id, name, active, id_number FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      clientIds,
    ]),
    db.query("SELECT id, name, active FROM payment_methods WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      methodIds,
    ]),
    db.query("SELECT id, active, payment_method_ids FROM terminals WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      terminalIds,
    ]),
    db.query("SELECT * FROM numberings WHERE company_id = $1 AND id = ANY($2::uuid[])", [companyId, numberingIds]),
    db.query("SELECT id, active, role, terminal_ids FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      cashierIds,
    ]),
    db.query<{ device_id: string; numbering_id: string; range_from: number; range_to: number }>(
      // Released numbers are no longer the device's: the block ends where the release began.
      `SELECT device_id, numbering_id, range_from, COALESCE(released_from - 1, range_to) AS range_to FROM number_blocks
        WHERE company_id = $1 AND device_id = ANY($2::uuid[]) AND numbering_id = ANY($3::uuid[])`,
      [companyId, deviceIds, numberingIds],
    ),
  ]);
  const c = company[0] ?? {};
  const byId = <T>(rows: Record<string, unknown>[], f: (r: Record<string, unknown>) => T) =>
    new Map(rows.map((r) => [String(r.id), f(r)]));
  return {
    now,
    company: {
      maxOfflineAgeDays: Number(c.max_offline_age_days ?? 7),
      clockSkewSeconds: Number(c.clock_skew_seconds ?? 300),
      identifiedClientThreshold: c.identified_client_threshold == null ? null : Number(c.identified_client_threshold),
    },
    products: byId(products, (r) => ({ name: String(r.name), active: Boolean(r.active) })),
    clients: byId(clients, (r) => ({ name: String(r.name), active: Boolean(r.active), idNumber: String(r.id_number) })),
    paymentMethods: byId(methods, (r) => ({ name: String(r.name), active: Boolean(r.active) })),
    terminals: byId(terminals, (r) => ({
      active: Boolean(r.active),
      paymentMethodIds: (r.payment_method_ids as string[]) ?? [],
    })),
    numberings: byId(numberings, (r) => ({
      name: String(r.name),
      rangeFrom: Number(r.range_from),
      rangeTo: Number(r.range_to),
      validFrom: dateText(r.valid_from),
      validUntil: dateText(r.valid_until),
      electronic: Boolean(r.electronic),
    })),
    cashiers: byId(cashiers, (r) => ({
      active: Boolean(r.active),
      role: String(r.role),
      terminalIds: (r.terminal_ids as string[]) ?? [],
    })),
    isNumberLeased: (doc) =>
      doc.number !== null &&
      blocks.some(
        (b) =>
          b.device_id === doc.deviceId &&
          b.numbering_id === doc.numberingId &&
          doc.number !== null &&
          doc.number >= b.range_from &&
          doc.number <= b.range_to,
      ),
  };
}
