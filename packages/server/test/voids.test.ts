import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk } from "./support/company";
import { expectApiError, type Json } from "./support/http";
import { codesOf, pushDocs, withCreditNotes } from "./support/returns";
import { cashSale, openShift, pushShiftsTo } from "./support/shifts";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

async function numberingReport(shop: Awaited<ReturnType<typeof newShop>>, numberingId: string) {
  const res = await shop.http.get(`/api/numberings/${numberingId}/report`, { token: shop.admin });
  expect(res.status).toBe(200);
  return res.body;
}

describe("voids of synced invoices in POST /api/sync/push", () => {
  it("an admin's void from a till: applied once, the number stays used and counts voided, the pull tells the till", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const v = till.voidOf(invoice, shop.demo.adminId);
    const first = await pushDocs(shop, till, { voids: [v, v] });
    expect(first.voidResults.map((r) => [r.outcome, r.duplicate])).toEqual([
      ["accepted", false],
      ["accepted", false],
    ]);
    expect(first.voidResults[0].invoice).toMatchObject({ id: invoice.id, status: "voided", number: invoice.number });
    // The answer was lost: sent again; another till's void of the same invoice is also "already so".
    const again = await pushDocs(shop, till, { voids: [v, till.voidOf(invoice, shop.demo.adminId)] });
    expect(again.voidResults.map((r) => [r.outcome, r.duplicate])).toEqual([
      ["accepted", true],
      ["accepted", true],
    ]);
    const detail = await shop.http.get(`/api/invoices/${invoice.id}`, { token: shop.admin });
    expect(detail.body).toMatchObject({
      status: "voided",
      voidReason: "Factura hecha por error",
      voidedBy: shop.demo.adminId,
      voidedAt: v.voidedAt,
    });
    const report = await numberingReport(shop, shop.demo.numberings.pos);
    expect(report.totals).toMatchObject({ used: 0, voided: 1 });
    const pull = await till.pull("cursor=0&invoiceCursor=0&limit=500");
    expect((pull.body.changes as Json[]).find((c) => c.id === invoice.id)?.data).toMatchObject({ status: "voided" });
    // A voided invoice has nothing left to return.
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    expect(codesOf((await pushDocs(shop, till, { creditNotes: [note] })).creditNoteResults[0])).toEqual([
      "INVOICE_VOIDED",
    ]);
  });

  it("a cashier may void within the open shift the invoice was sold in, and not without one", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop));
    const shift = openShift(shop, till);
    const inShift = cashSale(shop, till, shift.id);
    const noShift = till.invoice();
    const pushed = await pushShiftsTo(server, till, [shift], [inShift, noShift]);
    expect(pushed.results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const { voidResults } = await pushDocs(shop, till, {
      voids: [till.voidOf(inShift, shop.demo.cashierId), till.voidOf(noShift, shop.demo.cashierId)],
    });
    expect(voidResults[0]).toMatchObject({ outcome: "accepted", invoice: { status: "voided" } });
    expect(voidResults[1]).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "VOID_NOT_ALLOWED", field: "voidedBy" }],
    });
    // The same through the route: a cashier outside the shift is forbidden, nothing changes.
    expectApiError(
      await shop.http.post(`/api/invoices/${noShift.id}/void`, { reason: "x" }, { token: shop.cashier }),
      403,
      "FORBIDDEN",
    );
    const row = await shop.http.get(`/api/invoices/${noShift.id}`, { token: shop.admin });
    expect(row.body.status).toBe("accepted");
  });

  it("INVOICE_HAS_RETURNS: an invoice with a credit note cannot be voided (push and route alike)", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const { creditNoteResults, voidResults } = await pushDocs(shop, till, {
      creditNotes: [note],
      voids: [till.voidOf(invoice, shop.demo.adminId)],
    });
    expect(creditNoteResults[0].outcome).toBe("accepted");
    expect(codesOf(voidResults[0])).toEqual(["INVOICE_HAS_RETURNS"]);
    const res = await shop.http.post(`/api/invoices/${invoice.id}/void`, { reason: "x" }, { token: shop.admin });
    expectApiError(res, 409, "CONFLICT");
    expect(res.body.error.details).toEqual({ reason: "INVOICE_HAS_RETURNS" });
  });

  it("INVOICE_ELECTRONIC: a sent electronic invoice is corrected with a credit note, never voided", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop, { terminal: "caja3", as: "admin" }), { as: "admin" });
    const invoice = till.invoice();
    const [accepted] = await pushOk(till, [invoice]);
    expect(accepted.outcome).toBe("accepted");
    expect(
      codesOf((await pushDocs(shop, till, { voids: [till.voidOf(invoice, shop.demo.adminId)] })).voidResults[0]),
    ).toEqual(["INVOICE_ELECTRONIC"]);
    // The credit note references the number the server gave it.
    const numbered = { ...invoice, number: accepted.invoice.number };
    const note = till.creditNote(numbered, [{ invoiceLineIndex: 1, quantity: 1 }]);
    expect((await pushDocs(shop, till, { creditNotes: [note] })).creditNoteResults[0].outcome).toBe("accepted");
  });

  it("INVOICE_NOT_FOUND for another company's invoice; VOID_INVALID, DEVICE_MISMATCH and CASHIER_NOT_ALLOWED change nothing", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
    const elsewhere = await newShop(server);
    const theirTill = await openTill(elsewhere);
    const theirs = theirTill.invoice();
    await pushOk(theirTill, [theirs]);
    const mine = till.invoice();
    await pushOk(till, [mine]);
    const { voidResults } = await pushDocs(shop, till, {
      voids: [
        till.voidOf(theirs, shop.demo.adminId),
        { id: "no", invoiceId: mine.id },
        till.voidOf(mine, shop.demo.adminId, { deviceId: theirTill.deviceId }),
        till.voidOf(mine, shop.demo.cashierId),
      ],
    });
    expect(voidResults.map(codesOf)).toEqual([
      ["INVOICE_NOT_FOUND"],
      ["VOID_INVALID"],
      ["DEVICE_MISMATCH"],
      ["CASHIER_NOT_ALLOWED"],
    ]);
    const [a, b] = await Promise.all([
      shop.http.get(`/api/invoices/${mine.id}`, { token: shop.admin }),
      elsewhere.http.get(`/api/invoices/${theirs.id}`, { token: elsewhere.admin }),
    ]);
    expect([a.body.status, b.body.status]).toEqual(["accepted", "accepted"]);
  });

  it("'Anular' of an invoice in error still works, also one whose numbering does not exist", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const lost = till.invoice({ numberingId: shop.demo.productIds[0] as string });
    expect(codesOf((await pushOk(till, [lost]))[0])).toContain("NUMBERING_NOT_FOUND");
    const res = await shop.http.post(
      `/api/invoices/${lost.id}/void`,
      { reason: "Numeración errada" },
      { token: till.token },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: "voided" });
  });
});
