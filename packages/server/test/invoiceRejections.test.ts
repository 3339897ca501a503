import {
  applyTicketDiscount,
  computeInvoiceTotals,
  type InvoiceRejectionCode,
  invoiceRejectionCodes,
} from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { cashPayment, demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk, shopWithTill, type Till } from "./support/company";
import type { Json } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const SPANISH = /\b(el|la|los|las|del|de|no|ya|está|fue|esta|más|en)\b/i;
const tested = new Set<InvoiceRejectionCode>();

/** Pushes one invoice, expects it rejected with `code` on `field`, with an English and a Spanish message. */
async function expectRejected(till: Till, invoice: unknown, code: InvoiceRejectionCode, field: string | undefined) {
  tested.add(code);
  const [result] = await pushOk(till, [invoice]);
  expect(result.outcome, JSON.stringify(result)).toBe("rejected");
  const error = result.errors.find((e: Json) => e.code === code);
  expect(error, `${code} in ${JSON.stringify(result.errors)}`).toBeDefined();
  expect(error.field).toBe(field);
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.messageEs).toMatch(SPANISH);
  expect(error.messageEs).not.toBe(error.message);
  return { result, error };
}

const setup = () => shopWithTill(server);

describe("invoice rejections: one integration test per code", () => {
  it("PRODUCT_INACTIVE: a product deactivated after the sale", async () => {
    const { shop, till } = await setup();
    await shop.http.patch(`/api/products/${shop.demo.productIds[0]}`, { active: false }, { token: shop.admin });
    const { error } = await expectRejected(till, till.invoice(), "PRODUCT_INACTIVE", "lines.0.productId");
    expect(error.messageEs).toContain("Gaseosa Cola 400 ml");
  });

  it("PRODUCT_NOT_FOUND: a product deleted after the sale", async () => {
    const { shop, till } = await setup();
    expect((await shop.http.del(`/api/products/${shop.demo.productIds[8]}`, { token: shop.admin })).status).toBe(204);
    const { error } = await expectRejected(till, till.invoice(), "PRODUCT_NOT_FOUND", "lines.1.productId");
    expect(error.messageEs).toContain("Arroz blanco 1 kg");
  });

  it("CLIENT_INACTIVE: a client deactivated after the sale", async () => {
    const { shop, till } = await setup();
    await shop.http.patch(`/api/clients/${shop.demo.clients.pedro}`, { active: false }, { token: shop.admin });
    const { error } = await expectRejected(
      till,
      till.invoice({ clientId: shop.demo.clients.pedro }),
      "CLIENT_INACTIVE",
      "clientId",
    );
    expect(error.messageEs).toContain("Pedro Osorio");
  });

  it("CLIENT_NOT_FOUND: a client deleted after the sale", async () => {
    const { shop, till } = await setup();
    const client = await shop.http.post(
      "/api/clients",
      { name: "Efímero", idType: "CC", idNumber: "7777777" },
      { token: shop.admin },
    );
    await shop.http.del(`/api/clients/${client.body.id}`, { token: shop.admin });
    await expectRejected(till, till.invoice({ clientId: client.body.id }), "CLIENT_NOT_FOUND", "clientId");
  });

  it("CLIENT_IDENTIFICATION_REQUIRED: 'Consumidor final' above the company's threshold", async () => {
    const { shop, till } = await setup();
    await server.db.query("UPDATE companies SET identified_client_threshold = $2 WHERE id = $1", [
      shop.demo.companyId,
      1_000_000,
    ]);
    const big = till.invoice({ lines: [demoLine(shop.demo, 11, 1)] }); // $ 19.500 > $ 10.000
    const { error } = await expectRejected(till, big, "CLIENT_IDENTIFICATION_REQUIRED", "clientId");
    expect(error.messageEs).toContain("$ 10.000");
    const small = till.invoice({ lines: [demoLine(shop.demo, 0, 1)] }); // $ 3.500
    const identified = till.invoice({ lines: [demoLine(shop.demo, 11, 1)], clientId: shop.demo.clients.pedro });
    const ok = await pushOk(till, [small, identified]);
    expect(ok.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
  });

  it("PAYMENT_METHOD_UNAVAILABLE: a method deactivated, or removed from the terminal", async () => {
    const { shop, till } = await setup();
    const { demo, http, admin } = shop;
    await http.patch(`/api/payment-methods/${demo.paymentMethods.transfer}`, { active: false }, { token: admin });
    const total = computeInvoiceTotals([demoLine(demo, 0, 2), demoLine(demo, 8, 1)]).total;
    const byTransfer = till.invoice({
      payments: [{ paymentMethodId: demo.paymentMethods.transfer, kind: "transfer", amount: total }],
    });
    const { error } = await expectRejected(
      till,
      byTransfer,
      "PAYMENT_METHOD_UNAVAILABLE",
      "payments.0.paymentMethodId",
    );
    expect(error.messageEs).toContain("Transferencia");
    await http.patch(
      `/api/terminals/${demo.terminals.caja1}`,
      { paymentMethodIds: [demo.paymentMethods.cash] },
      { token: admin },
    );
    const byCard = till.invoice({
      payments: [
        cashPayment(demo, 1000),
        { paymentMethodId: demo.paymentMethods.debit, kind: "debit_card", amount: total - 1000 },
      ],
    });
    await expectRejected(till, byCard, "PAYMENT_METHOD_UNAVAILABLE", "payments.1.paymentMethodId");
  });

  it("PAYMENT_INSUFFICIENT: payments below the total, or change given from a card", async () => {
    const { shop, till } = await setup();
    const { demo } = shop;
    const total = computeInvoiceTotals([demoLine(demo, 0, 2), demoLine(demo, 8, 1)]).total;
    await expectRejected(
      till,
      till.invoice({ payments: [cashPayment(demo, total - 100)] }),
      "PAYMENT_INSUFFICIENT",
      "payments",
    );
    const cardChange = till.invoice({
      payments: [{ paymentMethodId: demo.paymentMethods.debit, kind: "debit_card", amount: total + 5000 }],
      totals: { change: 5000 },
    });
    await expectRejected(till, cardChange, "PAYMENT_INSUFFICIENT", "payments");
    // Cash may exceed the total: that is change, not an error.
    const [ok] = await pushOk(till, [till.invoice({ payments: [cashPayment(demo, total + 5000)] })]);
    expect(ok.outcome).toBe("accepted");
  });

  it("NUMBERING_EXPIRED: the numbering's validity ended before the invoice's date", async () => {
    const { shop, till } = await setup();
    await shop.http.patch(
      `/api/numberings/${shop.demo.numberings.pos}`,
      { validUntil: "2025-06-30" },
      { token: shop.admin },
    );
    const { error } = await expectRejected(till, till.invoice(), "NUMBERING_EXPIRED", "numberingId");
    expect(error.messageEs).toContain("POS");
  });

  it("NUMBERING_RANGE_EXHAUSTED: a number outside the authorized range", async () => {
    const { till } = await setup();
    await expectRejected(till, till.invoice({ number: 100_001 }), "NUMBERING_RANGE_EXHAUSTED", "number");
  });

  // Regression (fixed): assignElectronicNumbers throws a plain Error when the range is used up: the push is a 500.
  it("NUMBERING_RANGE_EXHAUSTED: an electronic numbering used up rejects the invoice (no 5xx)", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    await server.db.query("UPDATE numberings SET next_number = range_to + 1 WHERE company_id = $1 AND id = $2", [
      shop.demo.companyId,
      shop.demo.numberings.electronic,
    ]);
    await expectRejected(till, till.invoice(), "NUMBERING_RANGE_EXHAUSTED", "number");
  });

  it("NUMBER_NOT_LEASED: a number in range that was never leased to this device", async () => {
    const { shop, till } = await setup();
    const other = await openTill(shop);
    expect(other.block?.rangeFrom).toBe(51);
    await expectRejected(till, till.invoice({ number: 51 }), "NUMBER_NOT_LEASED", "number");
    await expectRejected(till, till.invoice({ number: 99_000 }), "NUMBER_NOT_LEASED", "number");
  });

  it("NUMBER_ALREADY_USED: a second invoice with a number already accepted", async () => {
    const { till } = await setup();
    const first = till.invoice();
    await pushOk(till, [first]);
    const { error } = await expectRejected(
      till,
      till.invoice({ number: first.number }),
      "NUMBER_ALREADY_USED",
      "number",
    );
    expect(error.messageEs).toContain(String(first.number));
    // Also inside one batch: the first one keeps the number.
    const [a, b] = [till.invoice(), till.invoice()];
    b.number = a.number;
    const results = await pushOk(till, [a, b]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "rejected"]);
  });

  // Regression (fixed): NUMBER_ALREADY_USED has no `field`, unlike the other number errors (invoiceAcceptor.ts).
  it("NUMBER_ALREADY_USED names the field 'number' like the other number errors", async () => {
    const { till } = await setup();
    const first = till.invoice();
    await pushOk(till, [first]);
    await expectRejected(till, till.invoice({ number: first.number }), "NUMBER_ALREADY_USED", "number");
  });

  it("TOTALS_MISMATCH: totals that do not add up with the shared domain code", async () => {
    const { shop, till } = await setup();
    const total = computeInvoiceTotals([demoLine(shop.demo, 0, 2), demoLine(shop.demo, 8, 1)]).total;
    const { error } = await expectRejected(
      till,
      till.invoice({ totals: { total: total + 100 } }),
      "TOTALS_MISMATCH",
      "totals",
    );
    expect(error.messageEs).toContain("$ 11.900");
    await expectRejected(till, till.invoice({ totals: { tax: 1 } }), "TOTALS_MISMATCH", "totals");
  });

  it("ISSUED_IN_FUTURE: beyond the clock-skew tolerance (a small skew is fine)", async () => {
    const { till } = await setup();
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await expectRejected(till, till.invoice({ issuedAt: later }), "ISSUED_IN_FUTURE", "issuedAt");
    const [ok] = await pushOk(till, [till.invoice({ issuedAt: new Date(Date.now() + 60_000).toISOString() })]);
    expect(ok.outcome).toBe("accepted");
  });

  it("ISSUED_TOO_OLD: older than the company's maximum offline age (7 days)", async () => {
    const { till } = await setup();
    const days = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
    const { error } = await expectRejected(till, till.invoice({ issuedAt: days(8) }), "ISSUED_TOO_OLD", "issuedAt");
    expect(error.messageEs).toContain("7");
    expect((await pushOk(till, [till.invoice({ issuedAt: days(6) })]))[0].outcome).toBe("accepted");
  });

  it("CASHIER_NOT_ALLOWED: the cashier was moved off this terminal", async () => {
    const { shop, till } = await setup();
    const { http, admin, demo } = shop;
    await http.patch(`/api/users/${demo.cashierId}`, { terminalIds: [demo.terminals.caja2] }, { token: admin });
    await expectRejected(till, till.invoice(), "CASHIER_NOT_ALLOWED", "cashierId");
  });

  it("TERMINAL_DISABLED: the terminal was disabled", async () => {
    const { shop, till } = await setup();
    await shop.http.patch(`/api/terminals/${shop.demo.terminals.caja1}`, { active: false }, { token: shop.admin });
    await expectRejected(till, till.invoice(), "TERMINAL_DISABLED", "terminalId");
  });

  it("REVISION_CONFLICT: an older revision after a newer one", async () => {
    const { shop, till } = await setup();
    await shop.http.patch(`/api/products/${shop.demo.productIds[0]}`, { active: false }, { token: shop.admin });
    const rev1 = till.invoice();
    const rev2 = { ...rev1, revision: 2, notes: "editada" };
    expect((await pushOk(till, [rev2]))[0].outcome).toBe("rejected");
    await expectRejected(till, rev1, "REVISION_CONFLICT", undefined);
  });

  it("INVOICE_INVALID: a malformed invoice, or a POS invoice without a number", async () => {
    const { till } = await setup();
    const malformed = { ...till.invoice(), lines: [{ ...till.invoice().lines[0], quantity: -1 }] };
    const { error } = await expectRejected(till, malformed, "INVOICE_INVALID", "lines.0.quantity");
    expect(error.message).toContain("lines.0.quantity");
    await expectRejected(till, till.invoice({ number: null }), "INVOICE_INVALID", "number");
    const notV7 = { ...till.invoice(), id: crypto.randomUUID() };
    await expectRejected(till, notV7, "INVOICE_INVALID", "id");
  });

  it("DEVICE_MISMATCH: a device the company does not have (unknown, or another company's)", async () => {
    const { shop, till } = await setup();
    const other = await openTill(await newShop(server));
    const { error } = await expectRejected(
      till,
      till.invoice({ deviceId: other.deviceId }),
      "DEVICE_MISMATCH",
      "deviceId",
    );
    expect(error.messageEs).toContain("dispositivo");
    await expectRejected(till, till.invoice({ deviceId: crypto.randomUUID() }), "DEVICE_MISMATCH", "deviceId");
    // Not stored: the company has no such invoice.
    const list = await shop.http.get("/api/invoices?limit=10", { token: shop.admin });
    expect(list.body.total).toBe(0);
  });

  it("TERMINAL_MISMATCH: a terminal that is not the device's", async () => {
    const { shop, till } = await setup();
    await expectRejected(
      till,
      till.invoice({ terminalId: shop.demo.terminals.caja2 }),
      "TERMINAL_MISMATCH",
      "terminalId",
    );
  });

  it("NUMBERING_NOT_FOUND: a numbering of another company", async () => {
    const { till } = await setup();
    const other = await newShop(server);
    await expectRejected(
      till,
      till.invoice({ numberingId: other.demo.numberings.pos }),
      "NUMBERING_NOT_FOUND",
      "numberingId",
    );
  });

  it("TAX_MISMATCH: an unknown tax, or a rate the company's tax does not have", async () => {
    const { shop, till } = await setup();
    const unknownTax = [demoLine(shop.demo, 0, 1, { taxId: crypto.randomUUID(), taxRateBp: 0, taxKind: "EXENTO" })];
    await expectRejected(till, till.invoice({ lines: unknownTax }), "TAX_MISMATCH", "lines.0.taxId");
    const wrongRate = [demoLine(shop.demo, 0, 1), demoLine(shop.demo, 8, 1, { taxRateBp: 500 })];
    await expectRejected(till, till.invoice({ lines: wrongRate }), "TAX_MISMATCH", "lines.1.taxId");
  });

  it("DISCOUNT_EXCEEDS_AMOUNT: a fixed line discount over its line, a ticket discount over the sale", async () => {
    const { shop, till } = await setup();
    const line = demoLine(shop.demo, 0, 1);
    const overLine = [{ ...line, discountAmount: line.unitPrice + 100 }];
    const { error } = await expectRejected(
      till,
      till.invoice({ lines: overLine, payments: [cashPayment(shop.demo, 100)] }),
      "DISCOUNT_EXCEEDS_AMOUNT",
      "lines.0.discountAmount",
    );
    expect(error.messageEs).toContain("descuento");
    const lines = [demoLine(shop.demo, 0, 2), demoLine(shop.demo, 8, 1)];
    const sale = computeInvoiceTotals(lines).total;
    await expectRejected(
      till,
      till.invoice({ lines, ticketDiscount: { amount: sale + 1 } }),
      "DISCOUNT_EXCEEDS_AMOUNT",
      "ticketDiscount.amount",
    );
  });

  it("DISCOUNT_MISMATCH: a tampered ticket discount total, or a share that is not the rule's", async () => {
    const { shop, till } = await setup();
    const applied = applyTicketDiscount([demoLine(shop.demo, 0, 2), demoLine(shop.demo, 8, 1)], {
      mode: "amount",
      amount: 100_000,
    });
    // The recorded discount says $ 2.000 while the lines carry the spread of $ 1.000.
    const { error } = await expectRejected(
      till,
      till.invoice({ lines: applied.lines, ticketDiscount: { amount: 200_000 } }),
      "DISCOUNT_MISMATCH",
      "lines.0.ticketDiscountShare",
    );
    expect(error.message).toContain("ticket discount");
    // A percentage whose amount is not that percentage of the sale.
    await expectRejected(
      till,
      till.invoice({ lines: applied.lines, ticketDiscount: { amount: 100_000, percent: 50 } }),
      "DISCOUNT_MISMATCH",
      "ticketDiscount.amount",
    );
  });

  it("every rejection code has its test above", () => {
    expect([...tested].sort()).toEqual([...invoiceRejectionCodes].sort());
  });
});

describe("what is not an error", () => {
  it("a price (and tax) changed on the server meanwhile: the invoice keeps what it was sold at", async () => {
    const { shop, till } = await setup();
    const { http, admin, demo } = shop;
    const invoice = till.invoice();
    await http.patch(
      `/api/products/${demo.productIds[0]}`,
      { price: 999_900, taxId: demo.taxes.EXENTO },
      { token: admin },
    );
    const [result] = await pushOk(till, [invoice]);
    expect(result.outcome).toBe("accepted");
    expect(result.invoice.total).toBe(invoice.totals.total);
    const detail = await http.get(`/api/invoices/${invoice.id}`, { token: admin });
    expect(detail.body.document.lines[0].unitPrice).toBe(350_000);
  });

  it("all reasons come at once so the cashier fixes everything in one edit", async () => {
    const { shop, till } = await setup();
    const { http, admin, demo } = shop;
    await http.patch(`/api/products/${demo.productIds[0]}`, { active: false }, { token: admin });
    await http.patch(`/api/clients/${demo.clients.pedro}`, { active: false }, { token: admin });
    const [result] = await pushOk(till, [till.invoice({ clientId: demo.clients.pedro, totals: { total: 1 } })]);
    expect(result.errors.map((e: Json) => e.code).sort()).toEqual([
      "CLIENT_INACTIVE",
      "PRODUCT_INACTIVE",
      "TOTALS_MISMATCH",
    ]);
  });
});
