import type { ProductReport, SalesDashboard, SalesGroupReport, TaxReport } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import {
  paymentFigures,
  pendingUploads,
  productFigures,
  type ResolvedRange,
  salesGroups,
  taxFigures,
} from "./salesFigures";

const rangeOf = (r: ResolvedRange) => ({ from: r.from, to: r.to });

/**
 * The "Resumen": every figure of the period from the one query layer (salesFigures), the same
 * functions the tables and the CSV files use, so they always agree.
 */
export async function salesDashboard(q: Queryable, companyId: string, range: ResolvedRange): Promise<SalesDashboard> {
  const unit = range.from === range.to ? "hour" : "day";
  const [groups, previous, byPaymentMethod, topByQuantity, topByAmount, pending] = await Promise.all([
    salesGroups(q, companyId, rangeOf(range)),
    salesGroups(q, companyId, { from: range.previousFrom, to: range.previousTo }),
    paymentFigures(q, companyId, rangeOf(range)),
    productFigures(q, companyId, rangeOf(range), "quantity", 10),
    productFigures(q, companyId, rangeOf(range), "amount", 10),
    pendingUploads(q, companyId),
  ]);
  return {
    range,
    totals: groups.totals,
    previous: previous.totals,
    series: { unit, points: groups[unit] },
    byPaymentMethod,
    byTerminal: groups.terminal,
    byCashier: groups.cashier,
    topByQuantity,
    topByAmount,
    pending,
  };
}

/** "Por caja" or "Por cajero". */
export async function salesGroupReport(
  q: Queryable,
  companyId: string,
  range: ResolvedRange,
  by: "terminal" | "cashier",
): Promise<SalesGroupReport> {
  const groups = await salesGroups(q, companyId, rangeOf(range));
  return { range, rows: groups[by], totals: groups.totals };
}

/** "Productos vendidos": every product of the period, by net sales. */
export async function productReport(q: Queryable, companyId: string, range: ResolvedRange): Promise<ProductReport> {
  const [rows, groups] = await Promise.all([
    productFigures(q, companyId, rangeOf(range), "amount"),
    salesGroups(q, companyId, rangeOf(range)),
  ]);
  return { range, rows, totals: groups.totals };
}

/** "Impuestos": base and tax per rate. */
export async function taxReport(q: Queryable, companyId: string, range: ResolvedRange): Promise<TaxReport> {
  const rows = await taxFigures(q, companyId, rangeOf(range));
  return {
    range,
    rows,
    totals: { base: rows.reduce((s, r) => s + r.base, 0), tax: rows.reduce((s, r) => s + r.tax, 0) },
  };
}
