import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  computeCreditNoteTotals,
  creditNoteLinesFor,
  returnableQuantities,
  returnedQuantities,
} from "../returns/returnRules";
import { computeInvoiceTotals, computeLineTotals, type PricedLine } from "./invoiceTotals";
import {
  amountBeforeTicketDiscount,
  applyTicketDiscount,
  discountProblems,
  spreadTicketDiscount,
  type TicketDiscountRequest,
  ticketDiscountEffect,
} from "./ticketDiscount";

const TAXES = [
  { taxId: "00000000-0000-4000-8000-000000000019", taxName: "IVA 19%", taxKind: "IVA", taxRateBp: 1900 },
  { taxId: "00000000-0000-4000-8000-000000000005", taxName: "IVA 5%", taxKind: "IVA", taxRateBp: 500 },
  { taxId: "00000000-0000-4000-8000-000000000000", taxName: "Exento", taxKind: "EXENTO", taxRateBp: 0 },
  { taxId: "00000000-0000-4000-8000-000000000008", taxName: "INC 8%", taxKind: "INC", taxRateBp: 800 },
] as const;

const line = (overrides: Partial<PricedLine> = {}): PricedLine => ({
  quantity: 1,
  unitPrice: 1_000_000,
  priceIncludesTax: true,
  discountPercent: 0,
  ...TAXES[0],
  ...overrides,
});

/** A line with a percentage and maybe a fixed discount that fits it (a part in thousandths of what is left). */
const lineArb = (includesTax: fc.Arbitrary<boolean> = fc.boolean()): fc.Arbitrary<PricedLine> =>
  fc
    .record({
      quantity: fc.integer({ min: 1, max: 20_000 }).map((m) => m / 1000),
      unitPrice: fc.integer({ min: 0, max: 50_000_000 }),
      priceIncludesTax: includesTax,
      discountPercent: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
      ),
      fixedPart: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
      tax: fc.constantFrom(...TAXES),
    })
    .map(({ tax, fixedPart, ...rest }) => {
      const priced: PricedLine = { ...rest, ...tax };
      const t = computeLineTotals(priced);
      const room = priced.priceIncludesTax ? t.total : t.taxBase;
      const discountAmount = Math.floor((room * fixedPart) / 1000);
      return discountAmount > 0 ? { ...priced, discountAmount } : priced;
    });

/** A sale and a ticket discount that fits it: an amount (a part of the sale) or a percentage. */
const saleArb = (includesTax?: fc.Arbitrary<boolean>) =>
  fc.array(lineArb(includesTax), { minLength: 1, maxLength: 8 }).chain((lines) => {
    const sale = lines.reduce((s, l) => s + amountBeforeTicketDiscount(l), 0);
    const request: fc.Arbitrary<TicketDiscountRequest> = fc.oneof(
      fc.integer({ min: 0, max: sale }).map((amount) => ({ mode: "amount" as const, amount })),
      fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ mode: "percent" as const, percent: bp / 100 })),
    );
    return fc.record({ lines: fc.constant(lines), request });
  });

describe("the ticket discount's spread", () => {
  it("sums exactly to the ticket discount, and no share exceeds its line", () => {
    fc.assert(
      fc.property(saleArb(), ({ lines }) => {
        const sale = lines.reduce((s, l) => s + amountBeforeTicketDiscount(l), 0);
        for (const amount of [0, 1, Math.floor(sale / 3), sale - 1, sale].filter((a) => a >= 0 && a <= sale)) {
          const shares = spreadTicketDiscount(lines, amount);
          expect(shares.reduce((s, x) => s + x, 0)).toBe(sale === 0 ? 0 : amount);
          shares.forEach((share, i) => {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(amountBeforeTicketDiscount(lines[i] as PricedLine));
          });
        }
      }),
    );
  });

  it("no line goes negative; taxes are the sum of the lines' taxes; the totals add up", () => {
    fc.assert(
      fc.property(saleArb(), ({ lines, request }) => {
        const applied = applyTicketDiscount(lines, request);
        const t = computeInvoiceTotals(applied.lines);
        for (const lt of t.lines) {
          expect(lt.taxBase).toBeGreaterThanOrEqual(0);
          expect(lt.tax).toBeGreaterThanOrEqual(0);
          expect(lt.total).toBeGreaterThanOrEqual(0);
        }
        const perLineTax = applied.lines.map((l) => computeLineTotals(l).tax).reduce((s, x) => s + x, 0);
        expect(t.tax).toBe(perLineTax);
        expect(t.taxes.reduce((s, x) => s + x.amount, 0)).toBe(t.tax);
        expect(t.subtotal - t.discount + t.tax).toBe(t.total);
        // What the server recomputes from the document finds nothing to refuse.
        expect(discountProblems(applied.lines, applied.ticketDiscount)).toEqual([]);
      }),
    );
  });

  it("with prices that include tax the total drops by exactly the ticket discount", () => {
    fc.assert(
      fc.property(saleArb(fc.constant(true)), ({ lines, request }) => {
        const applied = applyTicketDiscount(lines, request);
        const before = lines.reduce((s, l) => s + amountBeforeTicketDiscount(l), 0);
        const amount = applied.ticketDiscount?.amount ?? 0;
        expect(computeInvoiceTotals(applied.lines).total).toBe(before - amount);
        expect(ticketDiscountEffect(applied.lines)).toBe(amount);
      }),
    );
  });

  it("with prices without tax the total is off by at most a centavo per line", () => {
    fc.assert(
      fc.property(saleArb(fc.constant(false)), ({ lines, request }) => {
        const applied = applyTicketDiscount(lines, request);
        const amount = applied.ticketDiscount?.amount ?? 0;
        expect(Math.abs(ticketDiscountEffect(applied.lines) - amount)).toBeLessThanOrEqual(lines.length);
      }),
    );
  });

  it("spreads by largest remainder in proportion to the lines (an example)", () => {
    // $ 10.000 + $ 20.000 + $ 30.000, $ 100 off: 16,67 / 33,33 / 50,00 → 1.667 / 3.333 / 5.000 centavos.
    const lines = [line({ unitPrice: 1_000_000 }), line({ unitPrice: 2_000_000 }), line({ unitPrice: 3_000_000 })];
    expect(spreadTicketDiscount(lines, 10_000)).toEqual([1_667, 3_333, 5_000]);
    // A fixed line discount counts: the first line weighs $ 5.000, so the shares follow 5:20:30.
    const withFixed = [{ ...lines[0], discountAmount: 500_000 } as PricedLine, lines[1], lines[2]] as PricedLine[];
    expect(spreadTicketDiscount(withFixed, 11_000)).toEqual([1_000, 4_000, 6_000]);
  });

  it("names what the server refuses: a fixed discount over its line, a tampered share or amount", () => {
    const lines = [line(), line({ unitPrice: 3_000_000 })];
    const applied = applyTicketDiscount(lines, { mode: "percent", percent: 10 });
    expect(applied.ticketDiscount).toEqual({ amount: 400_000, percent: 10 });
    expect(applied.lines.map((l) => l.ticketDiscountShare)).toEqual([100_000, 300_000]);
    expect(discountProblems([line({ discountAmount: 1_000_001 })], null)).toEqual([
      { kind: "line_discount_exceeds_line", line: 0, discount: 1_000_001, amount: 1_000_000 },
    ]);
    const tampered = applied.lines.map((l, i) => (i === 1 ? { ...l, ticketDiscountShare: 200_000 } : l));
    expect(discountProblems(tampered, applied.ticketDiscount)).toEqual([
      { kind: "share_mismatch", line: 1, expected: 300_000, got: 200_000 },
    ]);
    expect(discountProblems(applied.lines, { amount: 500_000, percent: 10 })[0]).toEqual({
      kind: "ticket_discount_amount",
      expected: 400_000,
      got: 500_000,
    });
    expect(discountProblems(lines, { amount: 4_000_001 })).toEqual([
      { kind: "ticket_discount_exceeds_sale", discount: 4_000_001, amount: 4_000_000 },
    ]);
  });
});

/** Returns in notes of random parts, then one note for what is left: what the notes refund. */
function returnAll(lines: PricedLine[], parts: number[][]): { notes: number[]; lastTotal: number } {
  const accepted: ReturnType<typeof creditNoteLinesFor<PricedLine>>[] = [];
  for (const part of parts) {
    const returned = returnedQuantities(
      lines.length,
      accepted.map((l) => ({ lines: l })),
    );
    const picks = returnableQuantities(lines, returned)
      .map((left, i) => ({
        invoiceLineIndex: i,
        quantity: Math.floor((Math.round(left * 1000) * (part[i % part.length] ?? 0)) / 1000) / 1000,
      }))
      .filter((p) => p.quantity > 0);
    if (picks.length > 0) accepted.push(creditNoteLinesFor(lines, returned, picks));
  }
  const returned = returnedQuantities(
    lines.length,
    accepted.map((l) => ({ lines: l })),
  );
  const rest = returnableQuantities(lines, returned)
    .map((quantity, i) => ({ invoiceLineIndex: i, quantity }))
    .filter((p) => p.quantity > 0);
  if (rest.length > 0) accepted.push(creditNoteLinesFor(lines, returned, rest));
  const notes = accepted.map((l) => computeCreditNoteTotals(l).total);
  return { notes, lastTotal: notes.at(-1) ?? 0 };
}

describe("returns of discounted lines", () => {
  it("all lines returned in any number of partial returns refund exactly the invoice total", () => {
    fc.assert(
      fc.property(
        saleArb(),
        fc.array(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        ({ lines, request }, parts) => {
          const applied = applyTicketDiscount(lines, request);
          const invoice = computeInvoiceTotals(applied.lines);
          const { notes } = returnAll(applied.lines, parts);
          expect(notes.reduce((s, x) => s + x, 0)).toBe(invoice.total);
        },
      ),
    );
  });

  it("a returned part gets its prorated share of the discount, the remainder on the last return", () => {
    // 3 units of $ 1.000 with $ 100 off the line: each unit refunds its third of $ 2.900 (prorated at 1, 2 and 3 units).
    const sold = line({ quantity: 3, unitPrice: 100_000, discountAmount: 10_000 });
    expect(computeInvoiceTotals([sold]).total).toBe(290_000);
    let returned = [0];
    const refunds: number[] = [];
    for (let i = 0; i < 3; i++) {
      refunds.push(
        computeCreditNoteTotals(creditNoteLinesFor([sold], returned, [{ invoiceLineIndex: 0, quantity: 1 }])).total,
      );
      returned = [(returned[0] as number) + 1];
    }
    expect(refunds).toEqual([96_667, 96_666, 96_667]);
    expect(refunds.reduce((s, x) => s + x, 0)).toBe(290_000);
  });
});
