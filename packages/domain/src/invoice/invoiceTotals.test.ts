import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, computeLineTotals, type PricedLine, summarizePayments } from "./invoiceTotals";

const TAXES = [
  { taxId: "00000000-0000-4000-8000-000000000019", taxName: "IVA 19%", taxKind: "IVA", taxRateBp: 1900 },
  { taxId: "00000000-0000-4000-8000-000000000005", taxName: "IVA 5%", taxKind: "IVA", taxRateBp: 500 },
  { taxId: "00000000-0000-4000-8000-000000000000", taxName: "Exento", taxKind: "EXENTO", taxRateBp: 0 },
  { taxId: "00000000-0000-4000-8000-000000000008", taxName: "INC 8%", taxKind: "INC", taxRateBp: 800 },
] as const;

function buildLine(overrides: Partial<PricedLine> = {}): PricedLine {
  return { quantity: 1, unitPrice: 1_250_000, priceIncludesTax: true, discountPercent: 0, ...TAXES[0], ...overrides };
}

const lineArb: fc.Arbitrary<PricedLine> = fc
  .record({
    quantity: fc.integer({ min: 1, max: 100_000 }).map((m) => m / 1000),
    unitPrice: fc.integer({ min: 0, max: 500_000_000 }),
    priceIncludesTax: fc.boolean(),
    discountPercent: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
    tax: fc.constantFrom(...TAXES),
  })
  .map(({ tax, ...rest }) => ({ ...rest, ...tax }));

describe("line totals", () => {
  it("splits a tax-included price into base and IVA", () => {
    // $ 11.900 with IVA 19 % → base 10.000, IVA 1.900.
    expect(computeLineTotals(buildLine({ unitPrice: 1_190_000 }))).toEqual({
      subtotal: 1_000_000,
      discount: 0,
      taxBase: 1_000_000,
      tax: 190_000,
      total: 1_190_000,
    });
  });

  it("adds tax on top of a price stated without it, after the discount", () => {
    const t = computeLineTotals(
      buildLine({ unitPrice: 1_000_000, priceIncludesTax: false, quantity: 3, discountPercent: 10 }),
    );
    expect(t).toEqual({ subtotal: 3_000_000, discount: 300_000, taxBase: 2_700_000, tax: 513_000, total: 3_213_000 });
  });

  it("rounds half up once per line", () => {
    // 0.5 kg at $ 1,01 (101 centavos) = 50.5 → 51 centavos.
    const t = computeLineTotals(buildLine({ unitPrice: 101, quantity: 0.5, ...TAXES[2] }));
    expect(t.total).toBe(51);
  });

  it("keeps each line's own equation for any input", () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const t = computeLineTotals(line);
        expect(t.subtotal - t.discount).toBe(t.taxBase);
        expect(t.taxBase + t.tax).toBe(t.total);
        expect(t.discount).toBeGreaterThanOrEqual(0);
        expect(t.tax).toBeGreaterThanOrEqual(0);
        for (const v of Object.values(t)) expect(Number.isSafeInteger(v)).toBe(true);
      }),
    );
  });
});

describe("invoice totals", () => {
  it("adds up exactly: Σ lines = subtotal, subtotal − discounts + taxes = total", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 60 }), (lines) => {
        const t = computeInvoiceTotals(lines);
        expect(t.lines.reduce((s, l) => s + l.subtotal, 0)).toBe(t.subtotal);
        expect(t.subtotal - t.discount + t.tax).toBe(t.total);
        expect(t.taxes.reduce((s, x) => s + x.amount, 0)).toBe(t.tax);
        expect(t.taxes.reduce((s, x) => s + x.base, 0)).toBe(t.subtotal - t.discount);
      }),
    );
  });

  it("has no rounding drift over 1,000 lines", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1000, maxLength: 1000 }), (lines) => {
        const t = computeInvoiceTotals(lines);
        const oneByOne = lines.map((l) => computeLineTotals(l).total).reduce((s, v) => s + v, 0);
        expect(t.total).toBe(oneByOne);
        expect(t.subtotal - t.discount + t.tax).toBe(t.total);
      }),
      { numRuns: 20 },
    );
  });

  it("itemises taxes per rate (IVA and INC apart)", () => {
    const t = computeInvoiceTotals([
      buildLine({ unitPrice: 1_190_000 }),
      buildLine({ unitPrice: 1_080_000, ...TAXES[3] }),
      buildLine({ unitPrice: 500_000, ...TAXES[2] }),
    ]);
    expect(t.taxes.map((x) => [x.name, x.base, x.amount])).toEqual([
      ["Exento", 500_000, 0],
      ["INC 8%", 1_000_000, 80_000],
      ["IVA 19%", 1_000_000, 190_000],
    ]);
    expect(t.total).toBe(2_770_000);
  });
});

describe("payments", () => {
  const cash = (amount: number) => ({ paymentMethodId: "c", kind: "cash" as const, amount });
  const card = (amount: number) => ({ paymentMethodId: "d", kind: "debit_card" as const, amount });

  it("gives change from cash", () => {
    expect(summarizePayments(1_250_000, [cash(2_000_000)])).toEqual({ ok: true, paid: 2_000_000, change: 750_000 });
  });
  it("splits across methods", () => {
    expect(summarizePayments(1_250_000, [card(1_000_000), cash(300_000)])).toEqual({
      ok: true,
      paid: 1_300_000,
      change: 50_000,
    });
  });
  it("refuses underpayment and change from a card", () => {
    expect(summarizePayments(1_000, [cash(999)]).ok).toBe(false);
    expect(summarizePayments(1_000, [card(2_000)])).toMatchObject({ ok: false, reason: "change_without_cash" });
  });
});
