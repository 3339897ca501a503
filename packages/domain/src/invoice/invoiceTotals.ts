import type { TaxKind } from "../catalog/catalogSchemas";
import { divRoundHalfUp, type Minor } from "../money/money";
import { percentToBasisPoints, quantityToMilli } from "../money/quantity";

/** What totals need of a line: the price as sold, never re-read from the catalog. */
export interface PricedLine {
  quantity: number;
  /** Minor units, as stated (tax included when priceIncludesTax). */
  unitPrice: Minor;
  priceIncludesTax: boolean;
  discountPercent: number;
  /**
   * A fixed discount on the whole line (after the percentage), in minor units stated like the
   * price (tax included when priceIncludesTax). Absent: none.
   */
  discountAmount?: Minor;
  /**
   * The line's share of a discount on the whole ticket (see ticketDiscount.ts), stated like the
   * price; spread by the domain code, never typed. Absent: none.
   */
  ticketDiscountShare?: Minor;
  taxId: string;
  taxName: string;
  taxKind: TaxKind;
  taxRateBp: number;
}

export interface LineTotals {
  /** Pre-tax amount before the discount. */
  subtotal: Minor;
  /** Pre-tax discount. */
  discount: Minor;
  /** subtotal - discount. */
  taxBase: Minor;
  tax: Minor;
  /** taxBase + tax: what the customer pays for the line. */
  total: Minor;
}

export interface TaxBreakdown {
  taxId: string;
  name: string;
  kind: TaxKind;
  rateBp: number;
  base: Minor;
  amount: Minor;
}

export interface InvoiceTotals {
  lines: LineTotals[];
  subtotal: Minor;
  discount: Minor;
  taxes: TaxBreakdown[];
  tax: Minor;
  total: Minor;
}

/**
 * The one rounding rule: each line is rounded on its own, half up, and invoice
 * totals are plain sums of rounded lines, so they always add up exactly.
 */
export function computeLineTotals(line: PricedLine): LineTotals {
  const qtyMilli = BigInt(quantityToMilli(line.quantity));
  const discountBp = BigInt(percentToBasisPoints(line.discountPercent));
  const rate = BigInt(line.taxRateBp);
  const gross = divRoundHalfUp(BigInt(line.unitPrice) * qtyMilli, 1000n);
  const percentOff = divRoundHalfUp(gross * discountBp, 10_000n);
  const afterPercent = gross - percentOff;
  // Fixed amounts come off after the percentage; a line never goes below zero (the server refuses
  // a discount larger than its line, so this bound only ever holds a tampered or partial figure).
  const amountsOff = BigInt((line.discountAmount ?? 0) + (line.ticketDiscountShare ?? 0));
  const net = amountsOff < afterPercent ? afterPercent - amountsOff : 0n;
  const statedDiscount = gross - net;
  if (line.priceIncludesTax) {
    const taxBase = divRoundHalfUp(net * 10_000n, 10_000n + rate);
    const subtotal = divRoundHalfUp(gross * 10_000n, 10_000n + rate);
    return {
      subtotal: Number(subtotal),
      discount: Number(subtotal - taxBase),
      taxBase: Number(taxBase),
      tax: Number(net - taxBase),
      total: Number(net),
    };
  }
  const tax = divRoundHalfUp(net * rate, 10_000n);
  return {
    subtotal: Number(gross),
    discount: Number(statedDiscount),
    taxBase: Number(net),
    tax: Number(tax),
    total: Number(net + tax),
  };
}

export function computeInvoiceTotals(lines: readonly PricedLine[]): InvoiceTotals {
  const lineTotals = lines.map(computeLineTotals);
  const taxes = new Map<string, TaxBreakdown>();
  let subtotal = 0;
  let discount = 0;
  let tax = 0;
  let total = 0;
  lines.forEach((line, i) => {
    const t = lineTotals[i] as LineTotals;
    subtotal += t.subtotal;
    discount += t.discount;
    tax += t.tax;
    total += t.total;
    const key = `${line.taxId}|${line.taxRateBp}`;
    const entry = taxes.get(key) ?? {
      taxId: line.taxId,
      name: line.taxName,
      kind: line.taxKind,
      rateBp: line.taxRateBp,
      base: 0,
      amount: 0,
    };
    entry.base += t.taxBase;
    entry.amount += t.tax;
    taxes.set(key, entry);
  });
  const sortedTaxes = [...taxes.values()].sort((a, b) => a.kind.localeCompare(b.kind) || b.rateBp - a.rateBp);
  return { lines: lineTotals, subtotal, discount, taxes: sortedTaxes, tax, total };
}

export interface TenderedPayment {
  paymentMethodId: string;
  kind: "cash" | "debit_card" | "credit_card" | "transfer" | "other";
  amount: Minor;
}

export type PaymentSummary =
  | { ok: true; paid: Minor; change: Minor }
  | { ok: false; reason: "underpaid" | "change_without_cash"; paid: Minor; missing: Minor };

/** Change is only given back from cash: a card or transfer is charged exactly. */
export function summarizePayments(total: Minor, payments: readonly TenderedPayment[]): PaymentSummary {
  const paid = payments.reduce((s, p) => s + p.amount, 0);
  if (paid < total) return { ok: false, reason: "underpaid", paid, missing: total - paid };
  const change = paid - total;
  const cash = payments.filter((p) => p.kind === "cash").reduce((s, p) => s + p.amount, 0);
  if (change > cash) return { ok: false, reason: "change_without_cash", paid, missing: 0 };
  return { ok: true, paid, change };
}
