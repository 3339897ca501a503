import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInvoiceTotals, type PricedLine } from "../invoice/invoiceTotals";
import {
  computeCreditNoteTotals,
  creditNoteLinesFor,
  remainingTotals,
  returnableQuantities,
  returnExcesses,
  returnedQuantities,
  returnStatusOf,
} from "./returnRules";
import { voidRefusal } from "./voidRules";

const TAXES = [
  { taxId: "00000000-0000-4000-8000-000000000019", taxName: "IVA 19%", taxKind: "IVA", taxRateBp: 1900 },
  { taxId: "00000000-0000-4000-8000-000000000005", taxName: "IVA 5%", taxKind: "IVA", taxRateBp: 500 },
  { taxId: "00000000-0000-4000-8000-000000000000", taxName: "Exento", taxKind: "EXENTO", taxRateBp: 0 },
  { taxId: "00000000-0000-4000-8000-000000000008", taxName: "INC 8%", taxKind: "INC", taxRateBp: 800 },
] as const;

const lineArb: fc.Arbitrary<PricedLine> = fc
  .record({
    quantity: fc.integer({ min: 1, max: 20_000 }).map((m) => m / 1000),
    unitPrice: fc.integer({ min: 0, max: 50_000_000 }),
    priceIncludesTax: fc.boolean(),
    discountPercent: fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100),
    tax: fc.constantFrom(...TAXES),
  })
  .map(({ tax, ...rest }) => ({ ...rest, ...tax }));

/** An invoice and a cashier's attempts to return from it: (line, thousandths) picks per note. */
const scenarioArb = fc.array(lineArb, { minLength: 1, maxLength: 6 }).chain((lines) =>
  fc.record({
    lines: fc.constant(lines),
    attempts: fc.array(
      fc.uniqueArray(
        fc.record({
          invoiceLineIndex: fc.integer({ min: 0, max: lines.length - 1 }),
          milli: fc.integer({ min: 1, max: 25_000 }),
        }),
        { minLength: 1, maxLength: lines.length, selector: (p) => p.invoiceLineIndex },
      ),
      { maxLength: 8 },
    ),
  }),
);

/** Plays the attempts one after the other as the server does: a note is kept only when it fits. */
function play(lines: PricedLine[], attempts: { invoiceLineIndex: number; milli: number }[][]) {
  const accepted: ReturnType<typeof creditNoteLinesFor<PricedLine>>[] = [];
  for (const attempt of attempts) {
    const returned = returnedQuantities(
      lines.length,
      accepted.map((l) => ({ lines: l })),
    );
    const picks = attempt.map((p) => ({ invoiceLineIndex: p.invoiceLineIndex, quantity: p.milli / 1000 }));
    if (returnExcesses(lines, returned, picks).length > 0) continue;
    accepted.push(creditNoteLinesFor(lines, returned, picks));
  }
  return accepted;
}

const milli = (q: number) => Math.round(q * 1000);

describe("returnable quantities", () => {
  it("Σ returned ≤ sold per line, whatever the cashiers try", () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, attempts }) => {
        const notes = play(lines, attempts);
        const returned = returnedQuantities(
          lines.length,
          notes.map((l) => ({ lines: l })),
        );
        lines.forEach((line, i) => {
          expect(milli(returned[i] as number)).toBeLessThanOrEqual(milli(line.quantity));
        });
        const returnable = returnableQuantities(lines, returned);
        lines.forEach((line, i) => {
          expect(milli(returnable[i] as number) + milli(returned[i] as number)).toBe(milli(line.quantity));
        });
      }),
    );
  });

  it("a return beyond what is left is refused, counting every earlier note; one that fits is not", () => {
    const lines = [{ quantity: 3 }, { quantity: 0.5 }];
    expect(returnExcesses(lines, [2, 0], [{ invoiceLineIndex: 0, quantity: 1 }])).toEqual([]);
    expect(returnExcesses(lines, [3, 0], [{ invoiceLineIndex: 0, quantity: 1 }])).toEqual([
      { line: 0, invoiceLineIndex: 0, quantity: 1, returnable: 0 },
    ]);
    expect(returnExcesses(lines, [0, 0.25], [{ invoiceLineIndex: 1, quantity: 0.3 }])[0]?.returnable).toBe(0.25);
    // A line the invoice does not have has nothing to return.
    expect(returnExcesses(lines, [0, 0], [{ invoiceLineIndex: 7, quantity: 1 }])).toHaveLength(1);
  });

  it("status: none, then 'partially_returned', then 'returned' when every unit came back", () => {
    const lines = [{ quantity: 3 }, { quantity: 1 }];
    expect(returnStatusOf(lines, [0, 0])).toBe("none");
    expect(returnStatusOf(lines, [1, 0])).toBe("partially_returned");
    expect(returnStatusOf(lines, [3, 0])).toBe("partially_returned");
    expect(returnStatusOf(lines, [3, 1])).toBe("returned");
  });
});

describe("credit-note totals", () => {
  it("a first return is computed exactly like an invoice of the returned lines", () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, attempts }) => {
        const first = attempts[0];
        fc.pre(first !== undefined);
        const picks = (first ?? []).map((p) => ({
          invoiceLineIndex: p.invoiceLineIndex,
          quantity: Math.min(p.milli, milli(lines[p.invoiceLineIndex]?.quantity ?? 0)) / 1000,
        }));
        const noteLines = creditNoteLinesFor(lines, new Array(lines.length).fill(0), picks);
        expect(computeCreditNoteTotals(noteLines)).toEqual(computeInvoiceTotals(noteLines));
      }),
    );
  });

  it("every note adds up (subtotal − discount + tax = total; the tax breakdown sums to the tax)", () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, attempts }) => {
        for (const note of play(lines, attempts)) {
          const t = computeCreditNoteTotals(note);
          expect(t.subtotal - t.discount + t.tax).toBe(t.total);
          expect(t.taxes.reduce((s, x) => s + x.amount, 0)).toBe(t.tax);
          expect(t.lines.reduce((s, x) => s + x.total, 0)).toBe(t.total);
        }
      }),
    );
  });

  it("invoice − its credit notes = the remaining amount, and a full return nets to exactly zero", () => {
    fc.assert(
      fc.property(scenarioArb, ({ lines, attempts }) => {
        const invoice = computeInvoiceTotals(lines);
        const notes = play(lines, attempts).map(computeCreditNoteTotals);
        const returned = returnedQuantities(
          lines.length,
          play(lines, attempts).map((l) => ({ lines: l })),
        );
        const remaining = remainingTotals(lines, returned);
        const sum = (k: "subtotal" | "discount" | "tax" | "total") => notes.reduce((s, n) => s + n[k], 0);
        expect(invoice.total - sum("total")).toBe(remaining.total);
        expect(invoice.tax - sum("tax")).toBe(remaining.tax);
        expect(invoice.subtotal - sum("subtotal")).toBe(remaining.subtotal);
        // Returning what is left, in one more note, brings the invoice to zero.
        const rest = returnableQuantities(lines, returned)
          .map((q, i) => ({ invoiceLineIndex: i, quantity: q }))
          .filter((p) => p.quantity > 0);
        if (rest.length === 0) return;
        const last = computeCreditNoteTotals(creditNoteLinesFor(lines, returned, rest));
        expect(invoice.total - sum("total") - last.total).toBe(0);
        expect(invoice.tax - sum("tax") - last.tax).toBe(0);
      }),
    );
  });

  it("3 × 1 unit returned one by one refunds exactly what 3 units cost (rounding of a discounted line)", () => {
    const line: PricedLine = { ...TAXES[0], quantity: 3, unitPrice: 1005, priceIncludesTax: true, discountPercent: 10 };
    const invoice = computeInvoiceTotals([line]);
    let returned = [0];
    let refunded = 0;
    for (let i = 0; i < 3; i++) {
      refunded += computeCreditNoteTotals(
        creditNoteLinesFor([line], returned, [{ invoiceLineIndex: 0, quantity: 1 }]),
      ).total;
      returned = [(returned[0] as number) + 1];
    }
    expect(refunded).toBe(invoice.total);
  });
});

describe("voids of synced invoices", () => {
  const invoice = {
    status: "accepted" as const,
    electronic: false,
    returnStatus: "none" as const,
    shift: { openedAt: "2026-12-01T12:00:00.000Z", closedAt: "2026-12-01T20:00:00.000Z" },
  };
  it("an admin may; a cashier only within the invoice's shift", () => {
    expect(voidRefusal(invoice, { role: "admin", at: "2026-12-02T10:00:00.000Z" })).toBeNull();
    expect(voidRefusal(invoice, { role: "cashier", at: "2026-12-01T19:00:00.000Z" })).toBeNull();
    expect(voidRefusal(invoice, { role: "cashier", at: "2026-12-01T21:00:00.000Z" })).toBe("VOID_NOT_ALLOWED");
    expect(voidRefusal({ ...invoice, shift: null }, { role: "cashier", at: "2026-12-01T19:00:00.000Z" })).toBe(
      "VOID_NOT_ALLOWED",
    );
  });
  it("never an electronic invoice, one with returns, or one not accepted", () => {
    const admin = { role: "admin", at: "2026-12-01T19:00:00.000Z" };
    expect(voidRefusal({ ...invoice, electronic: true }, admin)).toBe("INVOICE_ELECTRONIC");
    expect(voidRefusal({ ...invoice, returnStatus: "partially_returned" }, admin)).toBe("INVOICE_HAS_RETURNS");
    expect(voidRefusal({ ...invoice, status: "rejected" }, admin)).toBe("INVOICE_NOT_ACCEPTED");
    expect(voidRefusal({ ...invoice, status: "voided" }, admin)).toBe("INVOICE_VOIDED");
  });
});
