import type { PaymentMethodKind } from "../catalog/catalogSchemas";
import type { InvoiceDocument } from "../invoice/invoiceSchemas";
import type { AmountByKind, CashMovement, ShiftDocument } from "./shiftSchemas";
import type { SoldElsewhere } from "./terminalShift";

/** An invoice of the shift and whether it was voided (a voided invoice is no sale). */
export interface ShiftSale {
  invoice: InvoiceDocument;
  voided?: boolean;
}

/** The figures that make the expected cash. */
export interface CashFlow {
  openingFloat: number;
  cashReceived: number;
  changeGiven: number;
  cashIn: number;
  cashOut: number;
  /** Cash paid back by the shift's credit notes (returns). */
  cashRefunded?: number;
}

/** Expected cash in the drawer: base + cash received − change given + ingresos − retiros − cash refunds. */
export function expectedCash(flow: CashFlow): number {
  return (
    flow.openingFloat + flow.cashReceived - flow.changeGiven + flow.cashIn - flow.cashOut - (flow.cashRefunded ?? 0)
  );
}

/** A credit note ("nota crédito") of the shift: the money it gave back, per payment kind. */
export interface ShiftRefund {
  total: number;
  refunds: readonly { paymentMethodId: string; kind: PaymentMethodKind; amount: number }[];
}

export function movementTotals(movements: readonly CashMovement[]): { cashIn: number; cashOut: number } {
  let cashIn = 0;
  let cashOut = 0;
  for (const m of movements) {
    if (m.kind === "in") cashIn += m.amount;
    else cashOut += m.amount;
  }
  return { cashIn, cashOut };
}

export interface TaxLine {
  kind: string;
  rateBp: number;
  base: number;
  amount: number;
}

export interface DifferenceLine {
  kind: PaymentMethodKind;
  expected: number;
  counted: number | null;
  /** counted − expected: above 0 "Sobrante", below 0 "Faltante"; null while not counted. */
  difference: number | null;
}

/** The "Cierre de turno" (Z report) figures of a shift over the invoices given. */
export interface ZReport {
  salesCount: number;
  salesTotal: number;
  subtotal: number;
  discount: number;
  tax: number;
  byPaymentMethod: { paymentMethodId: string; kind: PaymentMethodKind; amount: number }[];
  taxes: TaxLine[];
  voidedCount: number;
  voidedTotal: number;
  /** Credit notes of the shift (returns) and what they gave back. */
  refundedCount: number;
  refundedTotal: number;
  /** Of that, paid back in cash from the drawer (it lowers the expected cash). */
  cashRefunded: number;
  firstInvoice: { prefix: string; number: number } | null;
  lastInvoice: { prefix: string; number: number } | null;
  openingFloat: number;
  cashReceived: number;
  changeGiven: number;
  cashIn: number;
  cashOut: number;
  expected: AmountByKind;
  counted: AmountByKind | null;
  differences: DifferenceLine[];
  /** Counted cash − expected cash; null while the shift is open. */
  cashDifference: number | null;
}

const byNumber = (a: InvoiceDocument, b: InvoiceDocument) =>
  (a.number ?? 0) - (b.number ?? 0) || a.issuedAt.localeCompare(b.issuedAt);

/**
 * The Z report: sales (voided invoices apart), payments per method, taxes per kind and rate,
 * the expected amount per payment kind (cash: expectedCash; others: what was paid with them),
 * and the difference with the count when the shift is closed. Pure: the till and the server
 * compute the same figures from the same invoices. `elsewhere`: a shift taken over from another
 * device adds the sales figures the server reports for the invoices sold there (soldElsewhereOf).
 * `returns`: the shift's credit notes; what they gave back lowers the expected amount of its kind.
 */
export function zReport(
  shift: Pick<ShiftDocument, "movements" | "openingFloat" | "closing">,
  sales: readonly ShiftSale[],
  elsewhere?: SoldElsewhere,
  returns: readonly ShiftRefund[] = [],
): ZReport {
  const kept = sales.filter((s) => !s.voided).map((s) => s.invoice);
  const voided = sales.filter((s) => s.voided).map((s) => s.invoice);
  const methods = new Map<string, { paymentMethodId: string; kind: PaymentMethodKind; amount: number }>();
  const taxes = new Map<string, TaxLine>();
  const addPayment = (p: { paymentMethodId: string; kind: PaymentMethodKind; amount: number }) => {
    const m = methods.get(p.paymentMethodId) ?? { paymentMethodId: p.paymentMethodId, kind: p.kind, amount: 0 };
    m.amount += p.amount;
    methods.set(p.paymentMethodId, m);
  };
  const addTax = (t: { kind: string; rateBp: number; base: number; amount: number }) => {
    const key = `${t.kind}#${t.rateBp}`;
    const line = taxes.get(key) ?? { kind: t.kind, rateBp: t.rateBp, base: 0, amount: 0 };
    line.base += t.base;
    line.amount += t.amount;
    taxes.set(key, line);
  };
  let changeGiven = elsewhere?.changeGiven ?? 0;
  for (const inv of kept) {
    for (const p of inv.payments) addPayment(p);
    changeGiven += inv.totals.change;
    for (const t of inv.totals.taxes) addTax(t);
  }
  for (const p of elsewhere?.byPaymentMethod ?? []) addPayment(p);
  for (const t of elsewhere?.taxes ?? []) addTax(t);
  let cashReceived = 0;
  const perKind = new Map<PaymentMethodKind, number>();
  for (const m of methods.values()) {
    if (m.kind === "cash") cashReceived += m.amount;
    else perKind.set(m.kind, (perKind.get(m.kind) ?? 0) + m.amount);
  }
  let cashRefunded = 0;
  for (const r of returns)
    for (const p of r.refunds) {
      if (p.kind === "cash") cashRefunded += p.amount;
      else perKind.set(p.kind, (perKind.get(p.kind) ?? 0) - p.amount);
    }
  const { cashIn, cashOut } = movementTotals(shift.movements);
  const cash = expectedCash({
    openingFloat: shift.openingFloat,
    cashReceived,
    changeGiven,
    cashIn,
    cashOut,
    cashRefunded,
  });
  const expected: AmountByKind = [
    { kind: "cash", amount: cash },
    ...[...perKind].map(([kind, amount]) => ({ kind, amount })),
  ];
  const counted = shift.closing?.counted ?? null;
  const kinds = new Set([...expected.map((e) => e.kind), ...(counted ?? []).map((c) => c.kind)]);
  const differences = [...kinds].map((kind): DifferenceLine => {
    const e = expected.find((x) => x.kind === kind)?.amount ?? 0;
    const c = counted ? (counted.find((x) => x.kind === kind)?.amount ?? 0) : null;
    return { kind, expected: e, counted: c, difference: c === null ? null : c - e };
  });
  const numbered = [...kept, ...voided]
    .filter((i) => i.number !== null)
    .sort(byNumber)
    .map((i) => ({ prefix: i.prefix, number: i.number as number }));
  const ends = [numbered[0], numbered[numbered.length - 1], elsewhere?.firstInvoice, elsewhere?.lastInvoice]
    .filter((x): x is { prefix: string; number: number } => !!x)
    .sort((a, b) => a.number - b.number);
  const sum = (list: InvoiceDocument[], f: (i: InvoiceDocument) => number) => list.reduce((s, i) => s + f(i), 0);
  return {
    salesCount: kept.length + (elsewhere?.salesCount ?? 0),
    salesTotal: sum(kept, (i) => i.totals.total) + (elsewhere?.salesTotal ?? 0),
    subtotal: sum(kept, (i) => i.totals.subtotal) + (elsewhere?.subtotal ?? 0),
    discount: sum(kept, (i) => i.totals.discount) + (elsewhere?.discount ?? 0),
    tax: sum(kept, (i) => i.totals.tax) + (elsewhere?.tax ?? 0),
    byPaymentMethod: [...methods.values()],
    taxes: [...taxes.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.rateBp - a.rateBp),
    voidedCount: voided.length + (elsewhere?.voidedCount ?? 0),
    voidedTotal: sum(voided, (i) => i.totals.total) + (elsewhere?.voidedTotal ?? 0),
    refundedCount: returns.length,
    refundedTotal: returns.reduce((s, r) => s + r.total, 0),
    cashRefunded,
    firstInvoice: ends[0] ?? null,
    lastInvoice: ends[ends.length - 1] ?? null,
    openingFloat: shift.openingFloat,
    cashReceived,
    changeGiven,
    cashIn,
    cashOut,
    expected,
    counted,
    differences,
    cashDifference: counted ? (differences.find((d) => d.kind === "cash")?.difference ?? null) : null,
  };
}

/**
 * The sales figures of some invoices of a shift (the server's, for those sold on other devices
 * than the one asking): the same sums as the Z report, so zReport can add them back.
 */
export function soldElsewhereOf(sales: readonly ShiftSale[]): SoldElsewhere {
  const r = zReport({ movements: [], openingFloat: 0, closing: null }, sales);
  return {
    salesCount: r.salesCount,
    salesTotal: r.salesTotal,
    subtotal: r.subtotal,
    discount: r.discount,
    tax: r.tax,
    changeGiven: r.changeGiven,
    byPaymentMethod: r.byPaymentMethod,
    taxes: r.taxes,
    voidedCount: r.voidedCount,
    voidedTotal: r.voidedTotal,
    firstInvoice: r.firstInvoice,
    lastInvoice: r.lastInvoice,
  };
}
