import { computeInvoiceTotals, type InvoiceDocument } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { SalesSummaryDelta } from "./salesSummaryDelta";

const T1 = "00000000-0000-4000-8000-0000000000a1";
const C1 = "00000000-0000-4000-8000-0000000000c1";
const CASH = "00000000-0000-4000-8000-0000000000e1";
const CARD = "00000000-0000-4000-8000-0000000000e2";
const P1 = "00000000-0000-4000-8000-0000000000f1";
const P2 = "00000000-0000-4000-8000-0000000000f2";
const IVA19 = "00000000-0000-4000-8000-000000000019";
const IVA5 = "00000000-0000-4000-8000-000000000005";

/** An invoice of two lines (1.5 × 10,000 at 19 %, 2 × 2,500 at 5 %) paid by card and cash with change. */
function invoice(issuedAt: string): InvoiceDocument {
  const lines = [
    {
      productId: P1,
      description: "Café",
      quantity: 1.5,
      unitPrice: 1_000_000,
      priceIncludesTax: true,
      discountPercent: 0,
      taxId: IVA19,
      taxName: "IVA 19%",
      taxKind: "IVA" as const,
      taxRateBp: 1900,
    },
    {
      productId: P2,
      description: "Pan",
      quantity: 2,
      unitPrice: 250_000,
      priceIncludesTax: true,
      discountPercent: 10,
      taxId: IVA5,
      taxName: "IVA 5%",
      taxKind: "IVA" as const,
      taxRateBp: 500,
    },
  ];
  const t = computeInvoiceTotals(lines);
  return {
    id: "00000000-0000-4000-8000-000000000001",
    revision: 1,
    terminalId: T1,
    deviceId: "00000000-0000-4000-8000-0000000000d1",
    cashierId: C1,
    numberingId: "00000000-0000-4000-8000-0000000000b1",
    prefix: "POS",
    number: 1,
    issuedAt,
    clientId: "00000000-0000-4000-8000-0000000000c9",
    notes: "",
    lines,
    payments: [
      { paymentMethodId: CARD, kind: "credit_card", amount: 1_000_000 },
      { paymentMethodId: CASH, kind: "cash", amount: 1_500_000 },
    ],
    totals: { ...t, paid: 2_500_000, change: 2_500_000 - t.total, taxes: t.taxes },
  } as InvoiceDocument;
}

describe("SalesSummaryDelta", () => {
  it("counts sales and voids by the shop's local day and hour, key by key, in key order", () => {
    const delta = new SalesSummaryDelta("America/Bogota");
    const sale = invoice("2026-12-02T04:30:00.000Z"); // 23:30 on 1 December in Bogotá
    const totals = computeInvoiceTotals(sale.lines);
    expect(totals.total).toBe(1_950_000); // 1,500,000 + 450,000
    delta.addInvoice(sale, totals, "sale");
    delta.addInvoice(sale, totals, "sale");
    delta.addInvoice(invoice("2026-12-02T05:10:00.000Z"), totals, "void"); // 00:10 on 2 December
    expect(delta.isEmpty).toBe(false);
    const zero = (names: string[]) => Object.fromEntries(names.map((n) => [n, 0]));
    const salesZero = zero([
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
    ]);
    expect(delta.rowsOf("sales")).toEqual([
      {
        local_date: "2026-12-01",
        terminal_id: T1,
        local_hour: 23,
        cashier_id: C1,
        ...salesZero,
        invoice_count: 2,
        subtotal: 2 * totals.subtotal,
        discount: 2 * totals.discount,
        tax: 2 * totals.tax,
        total: 2 * totals.total,
      },
      {
        local_date: "2026-12-02",
        terminal_id: T1,
        local_hour: 0,
        cashier_id: C1,
        ...salesZero,
        void_count: 1,
        void_subtotal: totals.subtotal,
        void_discount: totals.discount,
        void_tax: totals.tax,
        void_total: totals.total,
      },
    ]);
    // Change (550,000) comes off the cash: card 1,000,000, cash 950,000.
    const pay = (date: string, method: string, received: number, voided: number) => ({
      local_date: date,
      terminal_id: T1,
      cashier_id: C1,
      payment_method_id: method,
      received,
      voided,
      refunded: 0,
    });
    expect(delta.rowsOf("payments")).toEqual([
      pay("2026-12-01", CASH, 1_900_000, 0),
      pay("2026-12-01", CARD, 2_000_000, 0),
      pay("2026-12-02", CASH, 0, 950_000),
      pay("2026-12-02", CARD, 0, 1_000_000),
    ]);
    const productZero = zero([
      "quantity_milli",
      "base",
      "total",
      "void_quantity_milli",
      "void_base",
      "void_total",
      "returned_quantity_milli",
      "returned_base",
      "returned_total",
    ]);
    const [l1, l2] = totals.lines as [(typeof totals.lines)[0], (typeof totals.lines)[0]];
    expect(delta.rowsOf("products")).toEqual([
      {
        local_date: "2026-12-01",
        terminal_id: T1,
        product_id: P1,
        ...productZero,
        quantity_milli: 3000,
        base: 2 * l1.taxBase,
        total: 2 * l1.total,
        description: "Café",
      },
      {
        local_date: "2026-12-01",
        terminal_id: T1,
        product_id: P2,
        ...productZero,
        quantity_milli: 4000,
        base: 2 * l2.taxBase,
        total: 2 * l2.total,
        description: "Pan",
      },
      {
        local_date: "2026-12-02",
        terminal_id: T1,
        product_id: P1,
        ...productZero,
        void_quantity_milli: 1500,
        void_base: l1.taxBase,
        void_total: l1.total,
        description: "Café",
      },
      {
        local_date: "2026-12-02",
        terminal_id: T1,
        product_id: P2,
        ...productZero,
        void_quantity_milli: 2000,
        void_base: l2.taxBase,
        void_total: l2.total,
        description: "Pan",
      },
    ]);
    const taxZero = zero(["base", "tax", "void_base", "void_tax", "returned_base", "returned_tax"]);
    const [t19, t5] = totals.taxes as [(typeof totals.taxes)[0], (typeof totals.taxes)[0]];
    const tax = (date: string, rateBp: number, name: string, add: Record<string, number>) => ({
      local_date: date,
      terminal_id: T1,
      tax_kind: "IVA",
      rate_bp: rateBp,
      tax_name: name,
      ...taxZero,
      ...add,
    });
    expect(delta.rowsOf("taxes")).toEqual([
      tax("2026-12-01", 1900, "IVA 19%", { base: 2 * t19.base, tax: 2 * t19.amount }),
      tax("2026-12-01", 500, "IVA 5%", { base: 2 * t5.base, tax: 2 * t5.amount }),
      tax("2026-12-02", 1900, "IVA 19%", { void_base: t19.base, void_tax: t19.amount }),
      tax("2026-12-02", 500, "IVA 5%", { void_base: t5.base, void_tax: t5.amount }),
    ]);
  });
});
