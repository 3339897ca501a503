import { divRoundHalfUp, type Minor } from "../money/money";
import { percentToBasisPoints } from "../money/quantity";
import { computeLineTotals, type LineTotals, type PricedLine } from "./invoiceTotals";

/**
 * A discount on the whole ticket ("descuento al total"), as an invoice records it: the amount that
 * comes off what the customer pays (minor units, tax included), and the percentage when the
 * cashier typed one (then the amount is that percentage of the lines, rounded half up).
 */
export interface TicketDiscount {
  amount: Minor;
  percent?: number;
}

/** What the cashier asks for: an amount off the ticket, or a percentage of it. */
export type TicketDiscountRequest = { mode: "amount"; amount: Minor } | { mode: "percent"; percent: number };

/** A line's amount before the ticket discount: its total after its own discounts (tax included). */
export function amountBeforeTicketDiscount(line: PricedLine): Minor {
  return computeLineTotals({ ...line, ticketDiscountShare: 0 }).total;
}

/** The amount the ticket discount takes off: as typed, or the percentage of the lines' amounts. */
export function ticketDiscountAmount(lines: readonly PricedLine[], request: TicketDiscountRequest): Minor {
  if (request.mode === "amount") return request.amount;
  return percentOfAmounts(lines.map(amountBeforeTicketDiscount), request.percent);
}

/** `percent` of the lines' amounts before the ticket discount (their sum), rounded half up. */
function percentOfAmounts(amounts: readonly Minor[], percent: number): Minor {
  const sum = amounts.reduce((s, a) => s + BigInt(a), 0n);
  return Number(divRoundHalfUp(sum * BigInt(percentToBasisPoints(percent)), 10_000n));
}

/**
 * Spreads `amount` over the lines in proportion to each line's amount after its own discounts, by
 * largest remainder: every line gets the floor of its exact share, and the centavos left go one
 * each to the lines with the largest remainders (the first line on a tie). The shares sum to
 * `amount` exactly and none exceeds its line, as long as `amount` ≤ the sum of the lines.
 * Shares are in the total's terms (tax included).
 */
export function spreadTicketDiscount(lines: readonly PricedLine[], amount: Minor): Minor[] {
  return spreadOverAmounts(lines.map(amountBeforeTicketDiscount), amount);
}

/** spreadTicketDiscount over the lines' amounts before the ticket discount, already computed. */
function spreadOverAmounts(amounts: readonly Minor[], amount: Minor): Minor[] {
  if (amount <= 0) return amounts.map(() => 0);
  const weights = amounts.map((a) => BigInt(a));
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (sum === 0n) return amounts.map(() => 0);
  const d = BigInt(amount);
  const shares = weights.map((w) => (d * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (d * w) % sum }));
  let left = d - shares.reduce((s, x) => s + x, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left <= 0n) break;
    shares[i] = (shares[i] as bigint) + 1n;
    left -= 1n;
  }
  return shares.map(Number);
}

/**
 * A share (tax included) stated like the line's price: as is for a tax-included price, its pre-tax
 * part (half up) for a price without tax, whose total then drops by the share give or take a centavo.
 */
export function shareInLineTerms(line: PricedLine, share: Minor): Minor {
  if (line.priceIncludesTax || share === 0) return share;
  return Number(divRoundHalfUp(BigInt(share) * 10_000n, 10_000n + BigInt(line.taxRateBp)));
}

/**
 * The lines with their shares of the ticket discount (`ticketDiscountShare`, absent when 0) and the
 * discount as the invoice records it; no request (or a zero one) gives the lines without shares.
 */
export function applyTicketDiscount<L extends PricedLine>(
  lines: readonly L[],
  request: TicketDiscountRequest | null,
): { lines: L[]; ticketDiscount: TicketDiscount | null } {
  const amount = request ? ticketDiscountAmount(lines, request) : 0;
  const shares = spreadTicketDiscount(lines, amount);
  const spread = lines.map((line, i) => {
    const { ticketDiscountShare: _, ...rest } = line;
    const share = shareInLineTerms(line, shares[i] ?? 0);
    return (share > 0 ? { ...rest, ticketDiscountShare: share } : rest) as L;
  });
  if (!request || amount <= 0) return { lines: spread, ticketDiscount: null };
  return {
    lines: spread,
    ticketDiscount: request.mode === "percent" ? { amount, percent: request.percent } : { amount },
  };
}

/**
 * What the ticket discount really took off the lines' amounts (Σ amount before − total): the
 * recorded amount when prices include tax, within a centavo per line priced without tax.
 */
export function ticketDiscountEffect(lines: readonly PricedLine[]): Minor {
  return lines.reduce((s, l) => s + amountBeforeTicketDiscount(l) - computeLineTotals(l).total, 0);
}

/** The stated amount a line's own discounts take off (percentage, then the fixed amount). */
export function ownDiscountOf(line: PricedLine): Minor {
  const withoutDiscounts = computeLineTotals({
    ...line,
    discountPercent: 0,
    discountAmount: 0,
    ticketDiscountShare: 0,
  }).total;
  return withoutDiscounts - amountBeforeTicketDiscount(line);
}

/** Why an invoice's discounts are not what the rule gives; the server refuses each. */
export type DiscountProblem =
  | { kind: "line_discount_exceeds_line"; line: number; discount: Minor; amount: Minor }
  | { kind: "ticket_discount_exceeds_sale"; discount: Minor; amount: Minor }
  | { kind: "ticket_discount_amount"; expected: Minor; got: Minor }
  | { kind: "share_mismatch"; line: number; expected: Minor; got: Minor };

/**
 * Checks an invoice's discounts against the rule, as the server does: each line's fixed discount
 * fits the line after its percentage; a percentage ticket discount has the amount it gives; the
 * ticket discount fits the sale; and every line carries exactly the share the spread gives it.
 */
export function discountProblems(
  lines: readonly PricedLine[],
  ticketDiscount: TicketDiscount | null | undefined,
  /**
   * computeLineTotals of each line, when the caller has them already (the server's validator):
   * a line without a fixed discount or a share has the same totals after its percentage.
   */
  lineTotals?: readonly LineTotals[],
): DiscountProblem[] {
  const problems: DiscountProblem[] = [];
  // Each line's totals are computed once here (the server checks every invoice it stores): its
  // amount before the ticket discount is the same as after its percentage when it has no fixed discount.
  const amounts = lines.map((line, i) => {
    const known = line.discountAmount || line.ticketDiscountShare ? undefined : lineTotals?.[i];
    const afterPercent = known ?? computeLineTotals({ ...line, discountAmount: 0, ticketDiscountShare: 0 });
    const own = line.discountAmount ?? 0;
    // In the price's terms: the line's amount after its percentage, tax included or not.
    const base = line.priceIncludesTax ? afterPercent.total : afterPercent.taxBase;
    if (own > base) problems.push({ kind: "line_discount_exceeds_line", line: i, discount: own, amount: base });
    return own === 0 ? afterPercent.total : amountBeforeTicketDiscount(line);
  });
  if (problems.length > 0) return problems;
  const sale = amounts.reduce((s, a) => s + a, 0);
  let amount = ticketDiscount?.amount ?? 0;
  if (ticketDiscount?.percent !== undefined) {
    const expected = percentOfAmounts(amounts, ticketDiscount.percent);
    if (expected !== amount) problems.push({ kind: "ticket_discount_amount", expected, got: amount });
    amount = expected;
  }
  if (amount > sale) return [...problems, { kind: "ticket_discount_exceeds_sale", discount: amount, amount: sale }];
  const shares = spreadOverAmounts(amounts, amount);
  lines.forEach((line, i) => {
    const expected = shareInLineTerms(line, shares[i] ?? 0);
    const got = line.ticketDiscountShare ?? 0;
    if (expected !== got) problems.push({ kind: "share_mismatch", line: i, expected, got });
  });
  return problems;
}
