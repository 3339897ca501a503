import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk } from "./support/company";
import { expectApiError } from "./support/http";
import { pushDocs, withCreditNotes } from "./support/returns";
import { cashSale, closed, openShift, pushShiftsTo } from "./support/shifts";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("GET /api/invoices/by-number (returns at any till of the company)", () => {
  it("another till of the company finds the invoice with its document; another company's is not found", async () => {
    const shop = await newShop(server);
    const seller = await openTill(shop);
    const invoice = seller.invoice();
    await pushOk(seller, [invoice]);
    const other = await openTill(shop, { terminal: "caja2" });
    const found = await shop.http.get(`/api/invoices/by-number?prefix=pos&number=${invoice.number}`, {
      token: other.token,
    });
    expect(found.status).toBe(200);
    expect(found.body.invoice).toMatchObject({ id: invoice.id, number: invoice.number, status: "accepted" });
    expect(found.body.document).toMatchObject({ id: invoice.id, lines: invoice.lines });
    expect(typeof found.body.clientName).toBe("string");

    expectApiError(
      await shop.http.get(`/api/invoices/by-number?prefix=POS&number=${(invoice.number ?? 0) + 5000}`, {
        token: other.token,
      }),
      404,
      "NOT_FOUND",
    );
    const stranger = await newShop(server);
    expectApiError(
      await stranger.http.get(`/api/invoices/by-number?prefix=POS&number=${invoice.number}`, {
        token: stranger.admin,
      }),
      404,
      "NOT_FOUND",
    );
    expectApiError(
      await shop.http.get("/api/invoices/by-number?prefix=POS&number=cero", { token: other.token }),
      400,
      "VALIDATION_FAILED",
    );
    expect((await shop.http.get(`/api/invoices/by-number?prefix=POS&number=${invoice.number}`)).status).toBe(401);
  });
});

describe("a shift's refunds in the server's Z report and expected cash", () => {
  it("a cash credit note of the shift lowers the expected cash; the report counts it; the till's closing agrees", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop));
    const shift = openShift(shop, till);
    const sale = cashSale(shop, till, shift.id);
    await pushShiftsTo(server, till, [shift], [sale]);
    const note = till.creditNote(sale, [{ invoiceLineIndex: 0, quantity: 1 }], { overrides: { shiftId: shift.id } });
    expect((await pushDocs(shop, till, { creditNotes: [note] })).creditNoteResults[0]).toMatchObject({
      outcome: "accepted",
    });
    const closedShift = closed(shop, shift, [sale], 10_000_000 + sale.totals.total - note.totals.total);
    // The till's expected includes the refund, as its Z report does.
    const tillExpected = closedShift.closing?.expected.map((e) =>
      e.kind === "cash" ? { ...e, amount: e.amount - note.totals.total } : e,
    );
    const withRefund = { ...closedShift, closing: { ...closedShift.closing!, expected: tillExpected! } };
    await pushShiftsTo(server, till, [withRefund]);
    const detail = await shop.http.get(`/api/shifts/${shift.id}`, { token: shop.admin });
    expect(detail.status).toBe(200);
    expect(detail.body.report).toMatchObject({
      refundedCount: 1,
      refundedTotal: note.totals.total,
      cashRefunded: note.totals.total,
      salesTotal: sale.totals.total,
    });
    const expectedCash = 10_000_000 + sale.totals.total - note.totals.total;
    expect(detail.body.report.expected.find((e: { kind: string }) => e.kind === "cash").amount).toBe(expectedCash);
    expect(detail.body.serverExpectedCash).toBe(expectedCash);
    expect(detail.body.serverDifference).toBe(0);
    expect(detail.body.tillDifference).toBe(0);
    const list = await shop.http.get("/api/shifts?minDifference=1", { token: shop.admin });
    expect(list.body.total).toBe(0);
  });
});
