import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InvoiceDocument, InvoicePayment } from "../invoice/invoiceSchemas";
import { computeInvoiceTotals, summarizePayments } from "../invoice/invoiceTotals";
import { expectedCash, type ShiftSale, soldElsewhereOf, zReport } from "./shiftReport";
import { type CashMovement, type ShiftDocument, shiftDocumentSchema } from "./shiftSchemas";

const ID = "00000000-0000-4000-8000-000000000001";
const V7 = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`;
const TAXES = [
  { taxId: V7(19), taxName: "IVA 19%", taxKind: "IVA", taxRateBp: 1900 },
  { taxId: V7(5), taxName: "IVA 5%", taxKind: "IVA", taxRateBp: 500 },
  { taxId: V7(0), taxName: "Exento", taxKind: "EXENTO", taxRateBp: 0 },
  { taxId: V7(8), taxName: "INC 8%", taxKind: "INC", taxRateBp: 800 },
] as const;
const METHODS = [
  { paymentMethodId: V7(101), kind: "cash" },
  { paymentMethodId: V7(102), kind: "debit_card" },
  { paymentMethodId: V7(103), kind: "transfer" },
] as const;

function shift(movements: CashMovement[], openingFloat = 10_000_000): ShiftDocument {
  return shiftDocumentSchema.parse({
    id: V7(1),
    revision: 1,
    terminalId: ID,
    deviceId: ID,
    openedBy: ID,
    openedAt: "2026-11-30T13:00:00.000Z",
    openingFloat,
    status: "open",
    movements,
  });
}

const movementArb = fc.record({
  kind: fc.constantFrom("in" as const, "out" as const),
  amount: fc.integer({ min: 1, max: 1_000_000_000 }),
});

/** An invoice as the till builds it: totals from the shared code, paid by one method (cash may overpay). */
const invoiceArb = fc
  .record({
    lines: fc.array(
      fc.record({
        quantity: fc.integer({ min: 1, max: 5000 }).map((m) => m / 1000),
        unitPrice: fc.integer({ min: 1000, max: 50_000_000 }),
        tax: fc.constantFrom(...TAXES),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    method: fc.constantFrom(...METHODS),
    overpay: fc.integer({ min: 0, max: 5_000_000 }),
    number: fc.integer({ min: 1, max: 1_000_000 }),
    voided: fc.boolean(),
  })
  .map(({ lines, method, overpay, number, voided }): ShiftSale => {
    const priced = lines.map(({ tax, ...l }, i) => ({
      ...l,
      ...tax,
      priceIncludesTax: true,
      discountPercent: 0,
      productId: V7(500 + i),
      description: "Producto",
    }));
    const t = computeInvoiceTotals(priced);
    const payment: InvoicePayment = {
      ...method,
      amount: Math.max(1, t.total + (method.kind === "cash" ? overpay : 0)),
    };
    const paid = summarizePayments(t.total, [payment]);
    const invoice = {
      id: V7(number),
      revision: 1,
      terminalId: ID,
      deviceId: ID,
      cashierId: ID,
      numberingId: ID,
      prefix: "POS",
      number,
      issuedAt: "2026-11-30T14:00:00.000Z",
      clientId: ID,
      lines: priced,
      payments: [payment],
      notes: "",
      totals: { ...t, paid: paid.paid, change: paid.ok ? paid.change : 0 },
    } as unknown as InvoiceDocument;
    return { invoice, voided };
  });

describe("expected cash", () => {
  it("base 100.000, cash sale 30.000 paid with 50.000, Ingreso 5.000, Retiro 20.000 → 115.000", () => {
    expect(
      expectedCash({
        openingFloat: 10_000_000,
        cashReceived: 5_000_000,
        changeGiven: 2_000_000,
        cashIn: 500_000,
        cashOut: 2_000_000,
      }),
    ).toBe(11_500_000);
  });

  it("equals base + cash received − change + ingresos − retiros for any sequence", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(movementArb, { maxLength: 30 }),
        fc.array(invoiceArb, { maxLength: 20 }),
        (base, moves, sales) => {
          const movements = moves.map((m, i) => ({
            ...m,
            id: V7(9000 + i),
            reason: "Pago",
            at: "2026-11-30T15:00:00Z",
            by: ID,
          }));
          const report = zReport(shift(movements, base), sales);
          const kept = sales.filter((s) => !s.voided).map((s) => s.invoice);
          let cash = base;
          for (const inv of kept) {
            for (const p of inv.payments) if (p.kind === "cash") cash += p.amount;
            cash -= inv.totals.change;
          }
          for (const m of movements) cash += m.kind === "in" ? m.amount : -m.amount;
          expect(report.expected.find((e) => e.kind === "cash")?.amount).toBe(cash);
        },
      ),
    );
  });
});

describe("Z report", () => {
  it("its totals equal the sum of the shift's invoices (voided apart)", () => {
    fc.assert(
      fc.property(fc.array(invoiceArb, { maxLength: 25 }), (sales) => {
        const r = zReport(shift([]), sales);
        const kept = sales.filter((s) => !s.voided).map((s) => s.invoice);
        const voided = sales.filter((s) => s.voided).map((s) => s.invoice);
        const sum = (list: InvoiceDocument[], f: (i: InvoiceDocument) => number) => list.reduce((s, i) => s + f(i), 0);
        expect(r.salesCount).toBe(kept.length);
        expect(r.salesTotal).toBe(sum(kept, (i) => i.totals.total));
        expect(r.tax).toBe(sum(kept, (i) => i.totals.tax));
        expect(r.taxes.reduce((s, t) => s + t.amount, 0)).toBe(r.tax);
        expect(r.taxes.reduce((s, t) => s + t.base, 0)).toBe(
          sum(kept, (i) => i.totals.taxes.reduce((b, t) => b + t.base, 0)),
        );
        // What was paid minus the change given is exactly what was sold.
        expect(r.byPaymentMethod.reduce((s, m) => s + m.amount, 0) - r.changeGiven).toBe(r.salesTotal);
        expect(r.voidedCount).toBe(voided.length);
        expect(r.voidedTotal).toBe(sum(voided, (i) => i.totals.total));
        const numbers = sales.map((s) => s.invoice.number as number);
        expect(r.firstInvoice?.number).toBe(numbers.length ? Math.min(...numbers) : undefined);
        expect(r.lastInvoice?.number).toBe(numbers.length ? Math.max(...numbers) : undefined);
      }),
    );
  });

  it("groups taxes by rate and shows the difference of a count 5.000 short as negative (Faltante)", () => {
    const open = shift([
      { id: V7(9001), kind: "out", amount: 2_000_000, reason: "Pago a proveedor", at: "2026-11-30T15:00:00Z", by: ID },
    ]);
    const closed = shiftDocumentSchema.parse({
      ...open,
      revision: 2,
      status: "closed",
      closing: {
        closedAt: "2026-11-30T20:00:00Z",
        closedBy: ID,
        counted: [{ kind: "cash", amount: 7_500_000 }],
        cashDenominations: [
          { value: 5_000_000, count: 1 },
          { value: 2_000_000, count: 1 },
          { value: 50_000, count: 10 },
        ],
        expected: [{ kind: "cash", amount: 8_000_000 }],
      },
    });
    const r = zReport(closed, []);
    expect(r.expected).toEqual([{ kind: "cash", amount: 8_000_000 }]);
    expect(r.cashDifference).toBe(-500_000);
    expect(r.differences).toEqual([{ kind: "cash", expected: 8_000_000, counted: 7_500_000, difference: -500_000 }]);
  });

  it("refuses a closed shift without a closing, control characters in the note and bills that do not add up", () => {
    const base = shift([]);
    expect(shiftDocumentSchema.safeParse({ ...base, status: "closed" }).success).toBe(false);
    expect(shiftDocumentSchema.safeParse({ ...base, note: "a\u0000b" }).success).toBe(false);
    expect(
      shiftDocumentSchema.safeParse({
        ...base,
        status: "closed",
        closing: {
          closedAt: "2026-11-30T20:00:00Z",
          closedBy: ID,
          counted: [{ kind: "cash", amount: 100 }],
          cashDenominations: [{ value: 5_000_000, count: 1 }],
          expected: [],
        },
      }).success,
    ).toBe(false);
  });
});

describe("a shift taken over (sales elsewhere)", () => {
  const byKind = <T extends { kind: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.kind.localeCompare(b.kind));

  it("the server's figures (soldElsewhereOf) for the part sold elsewhere + the local invoices = the whole shift's Z report, nothing twice", () => {
    fc.assert(
      fc.property(
        fc.array(movementArb, { maxLength: 10 }),
        fc.array(invoiceArb, { maxLength: 12 }),
        fc.nat(12),
        (moves, sales, cut) => {
          const doc = shift(
            moves.map((m, i) => ({ ...m, id: V7(900 + i), reason: "x", at: "2026-11-30T15:00:00.000Z", by: ID })),
          );
          const whole = zReport(doc, sales);
          const split = zReport(doc, sales.slice(cut), soldElsewhereOf(sales.slice(0, cut)));
          expect(byKind(split.expected)).toEqual(byKind(whole.expected));
          const byMethod = (r: typeof whole) =>
            [...r.byPaymentMethod].sort((a, b) => a.paymentMethodId.localeCompare(b.paymentMethodId));
          expect(byMethod(split)).toEqual(byMethod(whole));
          expect(split.taxes).toEqual(whole.taxes);
          // Kinds come in the order they were first paid with: compared sorted.
          const {
            byPaymentMethod: _a,
            expected: _b,
            differences: d1,
            firstInvoice: f1,
            lastInvoice: l1,
            ...rest
          } = split;
          const {
            byPaymentMethod: _c,
            expected: _d,
            differences: d2,
            firstInvoice: f2,
            lastInvoice: l2,
            ...all
          } = whole;
          expect(rest).toEqual(all);
          expect(byKind(d1)).toEqual(byKind(d2));
          expect([f1?.number, l1?.number]).toEqual([f2?.number, l2?.number]);
        },
      ),
    );
  });
});

describe("Z report with returns (credit notes of the shift)", () => {
  it("cash refunds lower the expected cash, card refunds the card's expected amount; both are counted as refunded", () => {
    const sale = fc.sample(invoiceArb, { numRuns: 1, seed: 7 })[0] as ShiftSale;
    const plain = zReport(shift([]), [{ ...sale, voided: false }]);
    const refunds = [
      { total: 300_000, refunds: [{ paymentMethodId: V7(101), kind: "cash" as const, amount: 300_000 }] },
      { total: 200_000, refunds: [{ paymentMethodId: V7(102), kind: "debit_card" as const, amount: 200_000 }] },
    ];
    const report = zReport(shift([]), [{ ...sale, voided: false }], undefined, refunds);
    const amount = (r: typeof report, kind: string) => r.expected.find((e) => e.kind === kind)?.amount ?? 0;
    expect(amount(report, "cash")).toBe(amount(plain, "cash") - 300_000);
    expect(amount(report, "debit_card")).toBe(amount(plain, "debit_card") - 200_000);
    expect(report).toMatchObject({ refundedCount: 2, refundedTotal: 500_000, cashRefunded: 300_000 });
    expect(report.salesTotal).toBe(plain.salesTotal);
  });

  it("for any refunds: expected cash = base + cash received − change + ingresos − retiros − cash refunded", () => {
    fc.assert(
      fc.property(
        fc.array(invoiceArb, { maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { maxLength: 5 }),
        (sales, amounts) => {
          const returns = amounts.map((amount) => ({
            total: amount,
            refunds: [{ paymentMethodId: V7(101), kind: "cash" as const, amount }],
          }));
          const report = zReport(shift([]), sales, undefined, returns);
          const without = zReport(shift([]), sales);
          const refunded = amounts.reduce((s, a) => s + a, 0);
          expect(report.expected[0]?.amount).toBe((without.expected[0]?.amount ?? 0) - refunded);
          expect(report.cashRefunded).toBe(refunded);
        },
      ),
    );
  });
});
