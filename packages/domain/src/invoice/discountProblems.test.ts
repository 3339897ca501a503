import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divRoundHalfUp } from "../money/money";
import { percentToBasisPoints } from "../money/quantity";
import { computeLineTotals, type PricedLine } from "./invoiceTotals";
import {
  amountBeforeTicketDiscount,
  applyTicketDiscount,
  type DiscountProblem,
  discountProblems,
  shareInLineTerms,
  spreadTicketDiscount,
  type TicketDiscount,
} from "./ticketDiscount";

/**
 * discountProblems as it was before it computed each line's totals once (session 9): every step
 * asked the lines again. The rule it states is the reference the faster shape must give exactly.
 */
function referenceDiscountProblems(
  lines: readonly PricedLine[],
  ticketDiscount: TicketDiscount | null | undefined,
): DiscountProblem[] {
  const problems: DiscountProblem[] = [];
  lines.forEach((line, i) => {
    const afterPercent = computeLineTotals({ ...line, discountAmount: 0, ticketDiscountShare: 0 });
    const own = line.discountAmount ?? 0;
    const base = line.priceIncludesTax ? afterPercent.total : afterPercent.taxBase;
    if (own > base) problems.push({ kind: "line_discount_exceeds_line", line: i, discount: own, amount: base });
  });
  if (problems.length > 0) return problems;
  const sale = lines.reduce((s, l) => s + amountBeforeTicketDiscount(l), 0);
  let amount = ticketDiscount?.amount ?? 0;
  if (ticketDiscount?.percent !== undefined) {
    const sum = lines.reduce((s, l) => s + BigInt(amountBeforeTicketDiscount(l)), 0n);
    const expected = Number(divRoundHalfUp(sum * BigInt(percentToBasisPoints(ticketDiscount.percent)), 10_000n));
    if (expected !== amount) problems.push({ kind: "ticket_discount_amount", expected, got: amount });
    amount = expected;
  }
  if (amount > sale) return [...problems, { kind: "ticket_discount_exceeds_sale", discount: amount, amount: sale }];
  const shares = spreadTicketDiscount(lines, amount);
  lines.forEach((line, i) => {
    const expected = shareInLineTerms(line, shares[i] ?? 0);
    const got = line.ticketDiscountShare ?? 0;
    if (expected !== got) problems.push({ kind: "share_mismatch", line: i, expected, got });
  });
  return problems;
}

const TAXES = [
  { taxId: "t19", taxName: "IVA 19%", taxKind: "IVA", taxRateBp: 1900 },
  { taxId: "t5", taxName: "IVA 5%", taxKind: "IVA", taxRateBp: 500 },
  { taxId: "t0", taxName: "Exento", taxKind: "EXENTO", taxRateBp: 0 },
  { taxId: "t8", taxName: "INC 8%", taxKind: "INC", taxRateBp: 800 },
] as const;

/** Any line a till (or a tampered upload) may send: fixed discounts and shares that fit or not. */
const lineArb: fc.Arbitrary<PricedLine> = fc
  .record({
    quantity: fc.integer({ min: 1, max: 20_000 }).map((m) => m / 1000),
    unitPrice: fc.integer({ min: 0, max: 5_000_000 }),
    priceIncludesTax: fc.boolean(),
    discountPercent: fc.oneof(
      fc.constant(0),
      fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
    ),
    discountAmount: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6_000_000 })), { nil: undefined }),
    ticketDiscountShare: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    tax: fc.constantFrom(...TAXES),
  })
  .map(({ tax, discountAmount, ticketDiscountShare, ...rest }) => ({
    ...rest,
    ...tax,
    ...(discountAmount === undefined ? {} : { discountAmount }),
    ...(ticketDiscountShare === undefined ? {} : { ticketDiscountShare }),
  }));

const ticketArb: fc.Arbitrary<TicketDiscount | null | undefined> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ amount: fc.integer({ min: 0, max: 2_000_000 }) }),
  fc.record({
    amount: fc.integer({ min: 0, max: 2_000_000 }),
    percent: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
  }),
);

describe("discountProblems with each line's totals computed once", () => {
  it("finds exactly the reference's problems on any lines and ticket discount", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 0, maxLength: 8 }), ticketArb, (lines, ticket) => {
        const reference = referenceDiscountProblems(lines, ticket);
        expect(discountProblems(lines, ticket)).toEqual(reference);
        // With the lines' totals the validator computed already (computeInvoiceTotals' lines).
        expect(discountProblems(lines, ticket, lines.map(computeLineTotals))).toEqual(reference);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  it("finds exactly the reference's problems on sales spread by the rule (none, unless tampered with)", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
        fc.integer({ min: -1, max: 7 }),
        (raw, percent, tamper) => {
          const fitting = raw.map(({ discountAmount: _a, ticketDiscountShare: _s, ...l }) => l);
          const { lines, ticketDiscount } = applyTicketDiscount<PricedLine>(fitting, { mode: "percent", percent });
          const sent = lines.map((l, i) =>
            i === tamper ? { ...l, ticketDiscountShare: (l.ticketDiscountShare ?? 0) + 1 } : l,
          );
          const reference = referenceDiscountProblems(sent, ticketDiscount);
          expect(discountProblems(sent, ticketDiscount)).toEqual(reference);
          expect(discountProblems(sent, ticketDiscount, sent.map(computeLineTotals))).toEqual(reference);
          if (tamper < 0) expect(discountProblems(sent, ticketDiscount)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  }, 60_000);
});
