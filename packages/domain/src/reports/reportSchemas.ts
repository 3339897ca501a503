import { z } from "zod";
import { paymentMethodKindSchema, taxKindSchema } from "../catalog/catalogSchemas";
import { daysBetween } from "../dates/calendarDay";
import { invoiceReturnStatusSchema, serverInvoiceStatusSchema } from "../invoice/invoiceSchemas";
import { MAX_REPORT_DAYS, reportPeriods } from "./reportRange";

/** A day of this century: the shop's sales are never older, and PostgreSQL has no year 0. */
const dayPattern = /^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const daySchema = z
  .string()
  .regex(dayPattern, { message: "must be a date YYYY-MM-DD (2000–2099)" })
  // zod runs this even when the pattern failed: never throw on any text.
  .refine(
    (d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
    },
    { message: "no such day" },
  );
const uuid = z.uuid({ message: "must be a UUID" });

/** A report's period: a named one in the shop's calendar, or custom days (both included). */
const rangeFields = {
  period: z.enum(reportPeriods).default("today"),
  from: daySchema.optional(),
  to: daySchema.optional(),
};

function checkCustomRange(q: { period: string; from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.period !== "custom") return;
  if (!q.from) ctx.addIssue({ code: "custom", path: ["from"], message: "a custom period needs from" });
  if (!q.to) ctx.addIssue({ code: "custom", path: ["to"], message: "a custom period needs to" });
  if (q.from && q.to) {
    const days = daysBetween(q.from, q.to);
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must not be before from" });
    if (days > MAX_REPORT_DAYS)
      ctx.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_REPORT_DAYS} days` });
  }
}

export const reportRangeQuerySchema = z.strictObject(rangeFields).superRefine(checkCustomRange);
export type ReportRangeQuery = z.input<typeof reportRangeQuerySchema>;

export const reportRangeSchema = z.object({
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
  timeZone: z.string(),
});

const money = z.number().int();

/**
 * The figures of a period, in centavos. Voided invoices are left out (counted in voidCount);
 * returns are credit notes issued in the period. Amounts before tax: grossSales − discounts −
 * returns = netSales; tax is the invoices' minus the credit notes'; netSales + tax = total.
 */
export const salesTotalsSchema = z.object({
  invoiceCount: z.number().int(),
  grossSales: money,
  discounts: money,
  returns: money,
  netSales: money,
  tax: money,
  total: money,
  /** Invoices' total with tax over their count (0 without invoices). */
  averageTicket: money,
  returnCount: z.number().int(),
  voidCount: z.number().int(),
  voidTotal: money,
});
export type SalesTotals = z.infer<typeof salesTotalsSchema>;

/** One row of "Por caja" / "Por cajero", and a point of the by-day or by-hour series. */
export const salesGroupSchema = salesTotalsSchema.extend({ id: z.string(), name: z.string() });
export type SalesGroup = z.infer<typeof salesGroupSchema>;

export const paymentMethodFiguresSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: paymentMethodKindSchema.or(z.string()),
  /** Paid with it (cash: less the change given) on invoices not voided. */
  received: money,
  refunded: money,
  net: money,
});
export type PaymentMethodFigures = z.infer<typeof paymentMethodFiguresSchema>;

export const productFiguresSchema = z.object({
  productId: z.string(),
  name: z.string(),
  /** Sold less returned, on invoices not voided. */
  quantity: z.number(),
  returnedQuantity: z.number(),
  /** Before tax, after discounts, less returns. */
  netSales: money,
  total: money,
});
export type ProductFigures = z.infer<typeof productFiguresSchema>;

/** Per tax rate: the taxable base and the tax, voided invoices and returns subtracted. */
export const taxFiguresSchema = z.object({
  kind: taxKindSchema.or(z.string()),
  rateBp: z.number().int(),
  name: z.string(),
  soldBase: money,
  soldTax: money,
  returnedBase: money,
  returnedTax: money,
  base: money,
  tax: money,
});
export type TaxFigures = z.infer<typeof taxFiguresSchema>;

/** Devices whose last report still had invoices to upload: the figures may still change. */
/**
 * Live tills whose last report still had records to upload, and how many in all: sales, returns, voids, shifts
 * and clients made at the till (the till's report counts every kind, as its sync indicator does).
 */
export const pendingUploadsSchema = z.object({
  devices: z.number().int(),
  documents: z.number().int(),
  /**
   * Deprecated: the same count under its name before session 12 (`documents`). Sent for one more version so a
   * back office still cached from before (it requires `invoices`) shows the dashboard until it reloads.
   */
  invoices: z.number().int().optional(),
});

export const salesDashboardSchema = z.object({
  range: reportRangeSchema,
  totals: salesTotalsSchema,
  previous: salesTotalsSchema,
  /** By day, or by hour (id "00".."23") for a single day. */
  series: z.object({ unit: z.enum(["day", "hour"]), points: z.array(salesGroupSchema) }),
  byPaymentMethod: z.array(paymentMethodFiguresSchema),
  byTerminal: z.array(salesGroupSchema),
  byCashier: z.array(salesGroupSchema),
  topByQuantity: z.array(productFiguresSchema),
  topByAmount: z.array(productFiguresSchema),
  pending: pendingUploadsSchema,
});
export type SalesDashboard = z.infer<typeof salesDashboardSchema>;

export const salesGroupReportSchema = z.object({
  range: reportRangeSchema,
  rows: z.array(salesGroupSchema),
  totals: salesTotalsSchema,
});
export type SalesGroupReport = z.infer<typeof salesGroupReportSchema>;

export const productReportSchema = z.object({
  range: reportRangeSchema,
  rows: z.array(productFiguresSchema),
  totals: salesTotalsSchema,
});
export type ProductReport = z.infer<typeof productReportSchema>;

export const taxReportSchema = z.object({
  range: reportRangeSchema,
  rows: z.array(taxFiguresSchema),
  totals: z.object({ base: money, tax: money }),
});
export type TaxReport = z.infer<typeof taxReportSchema>;

/** "Ventas": every invoice of the company, whatever the till, with filters and paging. */
const salesListFields = {
  ...rangeFields,
  terminalId: uuid.optional(),
  cashierId: uuid.optional(),
  clientId: uuid.optional(),
  paymentMethodId: uuid.optional(),
  status: serverInvoiceStatusSchema.optional(),
  /** The invoice number, with or without its prefix ("POS-12", "12"). */
  number: z.string().trim().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};
export const salesListQuerySchema = z.strictObject(salesListFields).superRefine(checkCustomRange);
export type SalesListQuery = z.input<typeof salesListQuerySchema>;

export const salesListItemSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  number: z.number().int().nullable(),
  status: serverInvoiceStatusSchema,
  returnStatus: invoiceReturnStatusSchema,
  issuedAt: z.string(),
  terminalId: z.string(),
  terminalName: z.string(),
  cashierId: z.string(),
  cashierName: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  total: money,
  paymentMethods: z.array(z.string()),
});
export type SalesListItem = z.infer<typeof salesListItemSchema>;

export const salesListSchema = z.object({
  range: reportRangeSchema,
  items: z.array(salesListItemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type SalesList = z.infer<typeof salesListSchema>;

const delimiter = z.enum(["semicolon", "comma"]).default("semicolon");
export const reportCsvQuerySchema = z.strictObject({ ...rangeFields, delimiter }).superRefine(checkCustomRange);
export const salesCsvQuerySchema = z.strictObject({ ...salesListFields, delimiter }).superRefine(checkCustomRange);
