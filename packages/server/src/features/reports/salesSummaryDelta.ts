import {
  type CreditNoteDocument,
  type InvoiceDocument,
  type InvoicePayment,
  type InvoiceTotals,
  localDateHour,
  quantityToMilli,
} from "@mostrador/domain";

/** What one document adds to the summary tables, keyed like their primary keys. */
type Counters = Record<string, number>;
interface Keyed<K> {
  key: K;
  add: Counters;
  text?: Record<string, string>;
}

const SALES_COLUMNS = [
  "invoice_count",
  "subtotal",
  "discount",
  "tax",
  "total",
  "void_count",
  "void_subtotal",
  "void_discount",
  "void_tax",
  "void_total",
  "return_count",
  "return_base",
  "return_tax",
  "return_total",
] as const;
const PAYMENT_COLUMNS = ["received", "voided", "refunded"] as const;
const PRODUCT_COLUMNS = [
  "quantity_milli",
  "base",
  "total",
  "void_quantity_milli",
  "void_base",
  "void_total",
  "returned_quantity_milli",
  "returned_base",
  "returned_total",
] as const;
const TAX_COLUMNS = ["base", "tax", "void_base", "void_tax", "returned_base", "returned_tax"] as const;

export interface SummaryTable {
  name: string;
  keys: [string, string][];
  counters: readonly string[];
  /** Text columns kept as last written (a product's description). */
  texts: string[];
}

export const summaryTables = {
  sales: {
    name: "sales_summary",
    keys: [
      ["local_date", "date"],
      ["local_hour", "smallint"],
      ["terminal_id", "uuid"],
      ["cashier_id", "uuid"],
    ],
    counters: SALES_COLUMNS,
    texts: [],
  },
  payments: {
    name: "sales_payment_summary",
    keys: [
      ["local_date", "date"],
      ["terminal_id", "uuid"],
      ["cashier_id", "uuid"],
      ["payment_method_id", "uuid"],
    ],
    counters: PAYMENT_COLUMNS,
    texts: [],
  },
  products: {
    name: "sales_product_summary",
    keys: [
      ["local_date", "date"],
      ["terminal_id", "uuid"],
      ["product_id", "uuid"],
    ],
    counters: PRODUCT_COLUMNS,
    texts: ["description"],
  },
  taxes: {
    name: "sales_tax_summary",
    keys: [
      ["local_date", "date"],
      ["terminal_id", "uuid"],
      ["tax_kind", "text"],
      ["rate_bp", "integer"],
      ["tax_name", "text"],
    ],
    counters: TAX_COLUMNS,
    texts: [],
  },
} satisfies Record<string, SummaryTable>;
export type SummaryTableName = keyof typeof summaryTables;

/**
 * The money an invoice leaves per payment method: what was tendered, less the change given
 * (taken from the cash payments, largest first; from the last payment if none is cash), so the
 * methods add up to the invoice's total as the Z report counts cash.
 */
export function receivedByPayment(payments: readonly InvoicePayment[], change: number): number[] {
  const received = payments.map((p) => p.amount);
  let left = change;
  const cashFirst = payments
    .map((p, i) => ({ i, cash: p.kind === "cash", amount: p.amount }))
    .sort((a, b) => Number(b.cash) - Number(a.cash) || b.amount - a.amount);
  for (const { i } of cashFirst) {
    if (left <= 0) break;
    const take = Math.min(left, received[i] ?? 0);
    received[i] = (received[i] ?? 0) - take;
    left -= take;
  }
  return received;
}

/** A key's part in a row's id as Array.prototype.join writes it (null and undefined: empty). */
const keyPart = (v: string | number | undefined) => (v === undefined || v === null ? "" : String(v));

/**
 * salesSummaryDelta: adds documents up in memory into rows of the summary tables (one row per
 * key), so a whole push is written with one statement per table.
 */
export class SalesSummaryDelta {
  private readonly rows: Record<SummaryTableName, Map<string, Keyed<Record<string, string | number>>>> = {
    sales: new Map(),
    payments: new Map(),
    products: new Map(),
    taxes: new Map(),
  };

  constructor(private readonly timeZone: string) {}

  private add(
    table: SummaryTableName,
    key: Record<string, string | number>,
    add: Counters,
    text?: Record<string, string>,
  ) {
    // Plain loops, no intermediate arrays: this runs several times per invoice a server stores.
    const def = summaryTables[table];
    let id = "";
    def.keys.forEach(([k], i) => {
      const v = key[k];
      id += i === 0 ? keyPart(v) : `|${keyPart(v)}`;
    });
    let row = this.rows[table].get(id);
    if (!row) {
      const zero: Counters = {};
      for (const c of def.counters) zero[c] = 0;
      row = { key, add: zero };
      this.rows[table].set(id, row);
    }
    for (const c in add) row.add[c] = (row.add[c] ?? 0) + (add[c] as number);
    if (text) row.text = text;
  }

  /** An accepted invoice (kind "sale"), or the same invoice voided later (kind "void", on its own day). */
  addInvoice(doc: InvoiceDocument, totals: InvoiceTotals, kind: "sale" | "void") {
    // The counters' names are written out for each kind (no computed names, no spread keys): this
    // runs for every invoice a server stores, and objects of one fixed shape are the cheap ones.
    const { date, hour } = localDateHour(doc.issuedAt, this.timeZone);
    const voided = kind === "void";
    const terminalId = doc.terminalId;
    const cashierId = doc.cashierId;
    this.add(
      "sales",
      { local_date: date, terminal_id: terminalId, local_hour: hour, cashier_id: cashierId },
      voided
        ? {
            void_count: 1,
            void_subtotal: totals.subtotal,
            void_discount: totals.discount,
            void_tax: totals.tax,
            void_total: totals.total,
          }
        : {
            invoice_count: 1,
            subtotal: totals.subtotal,
            discount: totals.discount,
            tax: totals.tax,
            total: totals.total,
          },
    );
    const received = receivedByPayment(doc.payments, doc.totals.change);
    doc.payments.forEach((p, i) => {
      const amount = received[i] ?? 0;
      this.add(
        "payments",
        { local_date: date, terminal_id: terminalId, cashier_id: cashierId, payment_method_id: p.paymentMethodId },
        voided ? { voided: amount } : { received: amount },
      );
    });
    doc.lines.forEach((line, i) => {
      const t = totals.lines[i];
      if (!t) return;
      const quantity = quantityToMilli(line.quantity);
      this.add(
        "products",
        { local_date: date, terminal_id: terminalId, product_id: line.productId },
        voided
          ? { void_quantity_milli: quantity, void_base: t.taxBase, void_total: t.total }
          : { quantity_milli: quantity, base: t.taxBase, total: t.total },
        { description: line.description },
      );
    });
    for (const t of totals.taxes)
      this.add(
        "taxes",
        { local_date: date, terminal_id: terminalId, tax_kind: t.kind, rate_bp: t.rateBp, tax_name: t.name },
        voided ? { void_base: t.base, void_tax: t.amount } : { base: t.base, tax: t.amount },
      );
  }

  /** An accepted credit note: on its own day, terminal and cashier. */
  addCreditNote(doc: CreditNoteDocument, totals: InvoiceTotals) {
    const { date, hour } = localDateHour(doc.issuedAt, this.timeZone);
    const where = { local_date: date, terminal_id: doc.terminalId };
    this.add(
      "sales",
      { ...where, local_hour: hour, cashier_id: doc.cashierId },
      {
        return_count: 1,
        return_base: totals.subtotal - totals.discount,
        return_tax: totals.tax,
        return_total: totals.total,
      },
    );
    for (const r of doc.refunds)
      this.add(
        "payments",
        { ...where, cashier_id: doc.cashierId, payment_method_id: r.paymentMethodId },
        { refunded: r.amount },
      );
    doc.lines.forEach((line, i) => {
      const t = totals.lines[i];
      if (!t) return;
      this.add(
        "products",
        { ...where, product_id: line.productId },
        { returned_quantity_milli: quantityToMilli(line.quantity), returned_base: t.taxBase, returned_total: t.total },
        { description: line.description },
      );
    });
    for (const t of totals.taxes)
      this.add(
        "taxes",
        { ...where, tax_kind: t.kind, rate_bp: t.rateBp, tax_name: t.name },
        { returned_base: t.base, returned_tax: t.amount },
      );
  }

  /** The rows of one table, in key order (concurrent writers lock summary rows in the same order). */
  rowsOf(table: SummaryTableName): Record<string, string | number>[] {
    // Object.assign, not `{ ...key, ...add, ...text }`: on Node 20 a literal with two spreads took
    // 12–16 µs per row (V8 11.3's slow path): a fifth of the acceptor's CPU for a one-invoice group.
    return [...this.rows[table].entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => Object.assign({}, r.key, r.add, r.text));
  }

  get isEmpty() {
    return this.rows.sales.size === 0;
  }
}
