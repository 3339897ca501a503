import {
  computeInvoiceTotals,
  type InvoiceTotals,
  type LineTotals,
  type PricedLine,
  type TaxBreakdown,
} from "../invoice/invoiceTotals";
import { divRoundHalfUp } from "../money/money";
import { QUANTITY_SCALE, quantityToMilli } from "../money/quantity";

/** What a return says of one invoice line: which line, how much now, how much earlier notes took. */
export interface ReturnedLine {
  invoiceLineIndex: number;
  quantity: number;
  /**
   * What earlier credit notes had returned of this line when this one was made (as the till
   * knew it). The credit note's amounts are T(before + quantity) − T(before), so a line returned
   * in several notes refunds, in sum, exactly what the line cost.
   */
  returnedBefore: number;
  /**
   * The invoice line's quantity, carried when the line has a fixed or spread discount: the amounts
   * off are prorated by quantity / sold (see atQuantity), so the returns of a line sum to it exactly.
   */
  soldQuantity?: number;
}

/** A credit-note line: the invoice line's price, discount and tax, and the returned quantities. */
export type CreditNotePricedLine = PricedLine & ReturnedLine;

export type ReturnStatus = "none" | "partially_returned" | "returned";

const milli = quantityToMilli;
const fromMilli = (m: number) => m / QUANTITY_SCALE;

/** Quantities returned per invoice line, summed over the given credit notes' lines. */
export function returnedQuantities(
  lineCount: number,
  creditNotes: readonly { lines: readonly Pick<ReturnedLine, "invoiceLineIndex" | "quantity">[] }[],
): number[] {
  const returned = new Array<number>(lineCount).fill(0);
  for (const note of creditNotes)
    for (const line of note.lines)
      if (line.invoiceLineIndex < lineCount)
        returned[line.invoiceLineIndex] = (returned[line.invoiceLineIndex] as number) + milli(line.quantity);
  return returned.map(fromMilli);
}

/** What may still be returned of each invoice line: sold minus returned (never below 0). */
export function returnableQuantities(
  invoiceLines: readonly { quantity: number }[],
  returned: readonly number[],
): number[] {
  return invoiceLines.map((line, i) => fromMilli(Math.max(0, milli(line.quantity) - milli(returned[i] ?? 0))));
}

/** "Devuelta parcialmente" as soon as anything came back, "Devuelta" when every unit did. */
export function returnStatusOf(
  invoiceLines: readonly { quantity: number }[],
  returned: readonly number[],
): ReturnStatus {
  const any = returned.some((q) => milli(q) > 0);
  if (!any) return "none";
  const all = invoiceLines.every((line, i) => milli(returned[i] ?? 0) >= milli(line.quantity));
  return all ? "returned" : "partially_returned";
}

/** One line returned beyond what is left of it. */
export interface ReturnExcess {
  /** Position in the credit note's lines. */
  line: number;
  invoiceLineIndex: number;
  quantity: number;
  returnable: number;
}

/**
 * The quantity rule: for each invoice line, what this note returns (summed, should a line appear
 * twice) plus what was returned before never exceeds what was sold. `returned` is the truth the
 * checker has (on the server: every credit note accepted so far, from any till).
 */
export function returnExcesses(
  invoiceLines: readonly { quantity: number }[],
  returned: readonly number[],
  lines: readonly Pick<ReturnedLine, "invoiceLineIndex" | "quantity">[],
): ReturnExcess[] {
  const returnable = returnableQuantities(invoiceLines, returned).map(milli);
  const taken = new Map<number, number>();
  const excesses: ReturnExcess[] = [];
  lines.forEach((line, i) => {
    const left = line.invoiceLineIndex < invoiceLines.length ? (returnable[line.invoiceLineIndex] as number) : 0;
    const sum = (taken.get(line.invoiceLineIndex) ?? 0) + milli(line.quantity);
    taken.set(line.invoiceLineIndex, sum);
    if (sum > left)
      excesses.push({
        line: i,
        invoiceLineIndex: line.invoiceLineIndex,
        quantity: line.quantity,
        returnable: fromMilli(Math.max(0, left - (sum - milli(line.quantity)))),
      });
  });
  return excesses;
}

/** Has the line a discount stated as an amount (its own fixed one, or a share of the ticket's)? */
export const hasAmountDiscount = (line: PricedLine) =>
  (line.discountAmount ?? 0) > 0 || (line.ticketDiscountShare ?? 0) > 0;

/**
 * The line at a part of its sold quantity: price and percentage as sold, the amounts off prorated
 * (amount × part / sold, half up). At the sold quantity the amounts are exactly the line's, so
 * T(sold) − T(returned) leaves the remainder of a rounded share to the last return.
 */
function atQuantity<L extends PricedLine & { soldQuantity?: number }>(line: L, partMilli: number): PricedLine {
  const quantity = fromMilli(partMilli);
  const sold = line.soldQuantity === undefined ? 0 : milli(line.soldQuantity);
  if (sold === 0 || partMilli === sold || !hasAmountDiscount(line)) return { ...line, quantity };
  const prorate = (amount: number | undefined) =>
    amount ? Number(divRoundHalfUp(BigInt(amount) * BigInt(partMilli), BigInt(sold))) : amount;
  return {
    ...line,
    quantity,
    discountAmount: prorate(line.discountAmount),
    ticketDiscountShare: prorate(line.ticketDiscountShare),
  };
}

const minus = (a: LineTotals, b: LineTotals): LineTotals => ({
  subtotal: a.subtotal - b.subtotal,
  discount: a.discount - b.discount,
  taxBase: a.taxBase - b.taxBase,
  tax: a.tax - b.tax,
  total: a.total - b.total,
});

/**
 * Credit-note totals with the invoices' one rounding rule (computeInvoiceTotals): the totals of
 * the lines at (returnedBefore + quantity) minus their totals at returnedBefore. With nothing
 * returned before, that is exactly computeInvoiceTotals of the returned lines; and the notes of
 * one invoice, made one after the other, add up to T(sold) − T(left), so an invoice returned in
 * full nets to exactly zero even where the rounding of a part differs from the whole's.
 */
export function computeCreditNoteTotals(lines: readonly CreditNotePricedLine[]): InvoiceTotals {
  const after = computeInvoiceTotals(lines.map((l) => atQuantity(l, milli(l.returnedBefore) + milli(l.quantity))));
  if (lines.every((l) => milli(l.returnedBefore) === 0)) return after;
  const before = computeInvoiceTotals(lines.map((l) => atQuantity(l, milli(l.returnedBefore))));
  const key = (t: TaxBreakdown) => `${t.taxId}|${t.rateBp}`;
  const beforeTaxes = new Map(before.taxes.map((t) => [key(t), t]));
  return {
    lines: after.lines.map((t, i) => minus(t, before.lines[i] as LineTotals)),
    subtotal: after.subtotal - before.subtotal,
    discount: after.discount - before.discount,
    tax: after.tax - before.tax,
    total: after.total - before.total,
    taxes: after.taxes.map((t) => {
      const b = beforeTaxes.get(key(t));
      return b ? { ...t, base: t.base - b.base, amount: t.amount - b.amount } : t;
    }),
  };
}

/**
 * What is left of an invoice after its returns, by the same rule: T(sold) − T(returned) per line.
 * invoice total − Σ credit-note totals equals this total when the notes were made one after the other.
 */
export function remainingTotals(invoiceLines: readonly PricedLine[], returned: readonly number[]): InvoiceTotals {
  return computeCreditNoteTotals(
    invoiceLines.map((line, i) => ({
      ...line,
      ...(hasAmountDiscount(line) ? { soldQuantity: line.quantity } : {}),
      invoiceLineIndex: i,
      returnedBefore: returned[i] ?? 0,
      quantity: fromMilli(milli(line.quantity) - milli(returned[i] ?? 0)),
    })),
  );
}

/**
 * The till's builder: credit-note lines for the chosen quantities, priced as the invoice line was
 * sold, with what was returned before (from the invoice's returned quantities).
 */
export function creditNoteLinesFor<L extends PricedLine>(
  invoiceLines: readonly L[],
  returned: readonly number[],
  picks: readonly { invoiceLineIndex: number; quantity: number }[],
): (L & ReturnedLine)[] {
  return picks.map((pick) => {
    const line = invoiceLines[pick.invoiceLineIndex];
    if (!line) throw new RangeError(`the invoice has no line ${pick.invoiceLineIndex}`);
    return {
      ...line,
      ...(hasAmountDiscount(line) ? { soldQuantity: line.quantity } : {}),
      invoiceLineIndex: pick.invoiceLineIndex,
      quantity: pick.quantity,
      returnedBefore: returned[pick.invoiceLineIndex] ?? 0,
    };
  });
}
