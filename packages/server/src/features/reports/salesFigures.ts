import {
  type DayRange,
  localDate,
  type PaymentMethodFigures,
  type ProductFigures,
  previousRange,
  type ReportPeriod,
  resolveReportRange,
  type SalesGroup,
  type SalesTotals,
  type TaxFigures,
} from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { companyTimeZone } from "./salesSummaryWriter";

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** A report's days, the days it compares with, and the zone they are in. */
export interface ResolvedRange extends DayRange {
  previousFrom: string;
  previousTo: string;
  timeZone: string;
}

/** The period asked for, in the company's calendar ("today" is the shop's today). */
export async function resolveRange(
  q: Queryable,
  companyId: string,
  query: { period: ReportPeriod; from?: string; to?: string },
  now = new Date(),
): Promise<ResolvedRange> {
  const timeZone = await companyTimeZone(q, companyId);
  const range = resolveReportRange(query.period, localDate(now.toISOString(), timeZone), query);
  const previous = previousRange(range);
  return { ...range, previousFrom: previous.from, previousTo: previous.to, timeZone };
}

const SUMS = `sum(invoice_count) AS invoice_count, sum(subtotal) AS subtotal, sum(discount) AS discount,
  sum(tax) AS tax, sum(total) AS total, sum(void_count) AS void_count, sum(void_subtotal) AS void_subtotal,
  sum(void_discount) AS void_discount, sum(void_tax) AS void_tax, sum(void_total) AS void_total,
  sum(return_count) AS return_count, sum(return_base) AS return_base, sum(return_tax) AS return_tax`;

/** The one definition of the figures, from summed summary columns (see salesTotalsSchema). */
export function totalsOf(r: Row | undefined): SalesTotals {
  const invoiceCount = n(r?.invoice_count) - n(r?.void_count);
  const grossSales = n(r?.subtotal) - n(r?.void_subtotal);
  const discounts = n(r?.discount) - n(r?.void_discount);
  const returns = n(r?.return_base);
  const netSales = grossSales - discounts - returns;
  const tax = n(r?.tax) - n(r?.void_tax) - n(r?.return_tax);
  const invoiceTotal = n(r?.total) - n(r?.void_total);
  return {
    invoiceCount,
    grossSales,
    discounts,
    returns,
    netSales,
    tax,
    total: netSales + tax,
    averageTicket: invoiceCount > 0 ? Math.round(invoiceTotal / invoiceCount) : 0,
    returnCount: n(r?.return_count),
    voidCount: n(r?.void_count),
    voidTotal: n(r?.void_total),
  };
}

export interface SalesGroups {
  totals: SalesTotals;
  day: SalesGroup[];
  hour: SalesGroup[];
  terminal: SalesGroup[];
  cashier: SalesGroup[];
}

/**
 * salesGroups: the figures of a range, in total, by day, by hour, by terminal and by cashier, with
 * one statement over the summary by day and hour (GROUPING SETS). Terminals and cashiers come
 * with their names, largest net sales first; days and hours in order.
 */
export async function salesGroups(q: Queryable, companyId: string, range: DayRange): Promise<SalesGroups> {
  const rows = await q.query(
    `WITH g AS (
       SELECT local_date, local_hour, terminal_id, cashier_id,
              GROUPING(local_date, local_hour, terminal_id, cashier_id) AS grouping_set, ${SUMS}
         FROM sales_summary
        WHERE company_id = $1 AND local_date BETWEEN $2::date AND $3::date
        GROUP BY GROUPING SETS ((), (local_date), (local_hour), (terminal_id), (cashier_id))
     )
     SELECT g.*, to_char(g.local_date, 'YYYY-MM-DD') AS day, t.name AS terminal_name, u.name AS cashier_name
       FROM g
       LEFT JOIN terminals t ON t.company_id = $1 AND t.id = g.terminal_id
       LEFT JOIN users u ON u.company_id = $1 AND u.id = g.cashier_id`,
    [companyId, range.from, range.to],
  );
  const of = (set: number, id: (r: Row) => string, name: (r: Row) => string) =>
    rows.filter((r) => n(r.grouping_set) === set).map((r) => ({ id: id(r), name: name(r), ...totalsOf(r) }));
  const byNet = (a: SalesGroup, b: SalesGroup) => b.netSales - a.netSales || a.name.localeCompare(b.name);
  const hour = (r: Row) => String(n(r.local_hour)).padStart(2, "0");
  return {
    totals: totalsOf(rows.find((r) => n(r.grouping_set) === 15)),
    day: of(
      7,
      (r) => String(r.day),
      (r) => String(r.day),
    ).sort((a, b) => a.id.localeCompare(b.id)),
    hour: of(11, hour, (r) => `${hour(r)}:00`).sort((a, b) => a.id.localeCompare(b.id)),
    terminal: of(
      13,
      (r) => String(r.terminal_id),
      (r) => String(r.terminal_name ?? r.terminal_id),
    ).sort(byNet),
    cashier: of(
      14,
      (r) => String(r.cashier_id),
      (r) => String(r.cashier_name ?? r.cashier_id),
    ).sort(byNet),
  };
}

/** Money by payment method: received on invoices not voided, refunded by credit notes. */
export async function paymentFigures(
  q: Queryable,
  companyId: string,
  range: DayRange,
): Promise<PaymentMethodFigures[]> {
  const rows = await q.query(
    `SELECT s.payment_method_id, pm.name, pm.kind, sum(s.received) AS received, sum(s.voided) AS voided,
            sum(s.refunded) AS refunded
       FROM sales_payment_summary s
       LEFT JOIN payment_methods pm ON pm.company_id = s.company_id AND pm.id = s.payment_method_id
      WHERE s.company_id = $1 AND s.local_date BETWEEN $2::date AND $3::date
      GROUP BY s.payment_method_id, pm.name, pm.kind`,
    [companyId, range.from, range.to],
  );
  return rows
    .map((r) => {
      const received = n(r.received) - n(r.voided);
      const refunded = n(r.refunded);
      return {
        id: String(r.payment_method_id),
        name: String(r.name ?? r.payment_method_id),
        kind: String(r.kind ?? "other"),
        received,
        refunded,
        net: received - refunded,
      };
    })
    .sort((a, b) => b.net - a.net || a.name.localeCompare(b.name));
}

const PRODUCT_SQL = `SELECT s.product_id, coalesce(p.name, max(s.description)) AS name,
       sum(s.quantity_milli - s.void_quantity_milli - s.returned_quantity_milli) AS quantity_milli,
       sum(s.returned_quantity_milli) AS returned_quantity_milli,
       sum(s.base - s.void_base - s.returned_base) AS net_sales,
       sum(s.total - s.void_total - s.returned_total) AS total
  FROM sales_product_summary s
  LEFT JOIN products p ON p.company_id = s.company_id AND p.id = s.product_id
 WHERE s.company_id = $1 AND s.local_date BETWEEN $2::date AND $3::date
 GROUP BY s.product_id, p.name`;

const presentProduct = (r: Row): ProductFigures => ({
  productId: String(r.product_id),
  name: String(r.name),
  quantity: n(r.quantity_milli) / 1000,
  returnedQuantity: n(r.returned_quantity_milli) / 1000,
  netSales: n(r.net_sales),
  total: n(r.total),
});

/**
 * Products sold in a range (sold less voided and returned). `top` keeps the first N by quantity
 * or by net sales; without it every product, by net sales.
 */
export async function productFigures(
  q: Queryable,
  companyId: string,
  range: DayRange,
  order: "quantity" | "amount" = "amount",
  top?: number,
): Promise<ProductFigures[]> {
  const orderBy = order === "quantity" ? "quantity_milli DESC, net_sales DESC" : "net_sales DESC, quantity_milli DESC";
  const limit = top ? ` LIMIT ${Math.floor(top)}` : "";
  const rows = await q.query(`${PRODUCT_SQL} ORDER BY ${orderBy}, name, s.product_id${limit}`, [
    companyId,
    range.from,
    range.to,
  ]);
  return rows.map(presentProduct);
}

/** Labels sort IVA by rate down, then INC, then exempt rates. */
const KIND_ORDER: Record<string, number> = { IVA: 0, INC: 1, EXENTO: 2 };

/** Base and tax per rate, voided invoices and returns subtracted: the IVA and INC returns' figures. */
export async function taxFigures(q: Queryable, companyId: string, range: DayRange): Promise<TaxFigures[]> {
  const rows = await q.query(
    `SELECT tax_kind, rate_bp, tax_name, sum(base - void_base) AS sold_base, sum(tax - void_tax) AS sold_tax,
            sum(returned_base) AS returned_base, sum(returned_tax) AS returned_tax
       FROM sales_tax_summary
      WHERE company_id = $1 AND local_date BETWEEN $2::date AND $3::date
      GROUP BY tax_kind, rate_bp, tax_name`,
    [companyId, range.from, range.to],
  );
  return rows
    .map((r) => ({
      kind: String(r.tax_kind),
      rateBp: n(r.rate_bp),
      name: String(r.tax_name),
      soldBase: n(r.sold_base),
      soldTax: n(r.sold_tax),
      returnedBase: n(r.returned_base),
      returnedTax: n(r.returned_tax),
      base: n(r.sold_base) - n(r.returned_base),
      tax: n(r.sold_tax) - n(r.returned_tax),
    }))
    .sort(
      (a, b) =>
        (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || b.rateBp - a.rateBp || a.name.localeCompare(b.name),
    );
}

/** Live devices whose last report still had records to upload (the fleet's reported queues). */
export async function pendingUploads(
  q: Queryable,
  companyId: string,
): Promise<{ devices: number; documents: number; invoices: number }> {
  const rows = await q.query(
    `SELECT count(*)::int AS devices, coalesce(sum(reported_pending), 0)::int AS documents
       FROM devices WHERE company_id = $1 AND active AND reported_pending > 0`,
    [companyId],
  );
  const documents = n(rows[0]?.documents);
  // `invoices`: the deprecated name, for a back office cached from before the rename (pendingUploadsSchema).
  return { devices: n(rows[0]?.devices), documents, invoices: documents };
}
