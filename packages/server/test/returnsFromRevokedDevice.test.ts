import { describe, expect, it, vi } from "vitest";
import type { TestServer } from "../src/testing/testServer";
import { countRows, newShop, openTill, pushOk, type Shop } from "./support/company";
import type { Json } from "./support/http";
import { codesOf, pushDocs, type ReturnsTill, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/**
 * «Exportar pendientes» of a revoked till: its credit notes and voids reach the server from another
 * device of the company. The server takes another device's note or void only once an admin revoked
 * the device that made it; everything else is checked against that maker device, and exactly once
 * holds by id whoever uploads.
 */

async function revoke(shop: Shop, till: { deviceId: string }) {
  const res = await shop.http.post(`/api/devices/${till.deviceId}/revoke`, {}, { token: shop.admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Stock movements of returns and voids, and the cash refunded in the sales summaries: what must move once. */
async function ledger(db: TestServer["db"], companyId: string) {
  const moves = await db.query<{ kind: string; n: number }>(
    `SELECT kind, count(*)::int AS n FROM stock_movements
      WHERE company_id = $1 AND kind IN ('return', 'void') GROUP BY kind ORDER BY kind`,
    [companyId],
  );
  const refunded = await db.query<{ total: number }>(
    "SELECT coalesce(sum(refunded), 0)::int AS total FROM sales_payment_summary WHERE company_id = $1",
    [companyId],
  );
  return { moves: Object.fromEntries(moves.map((m) => [m.kind, m.n])), refunded: refunded[0]?.total ?? 0 };
}

/** Caja 1's till (an admin signed in on it) sold an invoice the server has; Caja 2's till will import its file. */
async function makerAndImporter() {
  const shop = await newShop(server);
  const maker = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
  const importer = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2", as: "admin" }), {
    as: "admin",
  });
  const invoice = maker.invoice();
  expect((await pushOk(maker, [invoice]))[0].outcome).toBe("accepted");
  return { shop, maker, importer, invoice };
}

async function pushNote(shop: Shop, till: ReturnsTill, note: unknown) {
  return (await pushDocs(shop, till, { creditNotes: [note] })).creditNoteResults[0] as Json;
}

describe("credit notes and voids of a revoked device, uploaded from another device", () => {
  it("a revoked maker's credit note is accepted from Caja 2 once: stock and refund move once, a resend is the duplicate", async () => {
    const { shop, maker, importer, invoice } = await makerAndImporter();
    const note = maker.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    await revoke(shop, maker);
    const first = await pushNote(shop, importer, note);
    // Validated as the maker's: Caja 1's terminal, its NC block and its signed-in admin, on Caja 2's upload.
    expect(first).toMatchObject({
      outcome: "accepted",
      duplicate: false,
      creditNote: { id: note.id, number: note.number, terminalId: maker.terminalId },
      invoice: { returnedQuantities: [1, 0] },
    });
    const after = await ledger(server.db, shop.demo.companyId);
    expect(after).toEqual({ moves: { return: 1 }, refunded: note.totals.total });
    // The answer was lost (or the file imported on a third till): the duplicate answer, nothing moves again.
    expect(await pushNote(shop, importer, note)).toMatchObject({ outcome: "accepted", duplicate: true });
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(1);
    expect(await ledger(server.db, shop.demo.companyId)).toEqual(after);
  });

  it("the maker uploaded the note before it was revoked; the importer's upload of the file is the duplicate", async () => {
    const { shop, maker, importer, invoice } = await makerAndImporter();
    const note = maker.creditNote(invoice, [{ invoiceLineIndex: 1, quantity: 1 }]);
    expect(await pushNote(shop, maker, note)).toMatchObject({ outcome: "accepted", duplicate: false });
    const before = await ledger(server.db, shop.demo.companyId);
    await revoke(shop, maker);
    expect(await pushNote(shop, importer, note)).toMatchObject({
      outcome: "accepted",
      duplicate: true,
      invoice: { returnedQuantities: [0, 1] },
    });
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(1);
    expect(await ledger(server.db, shop.demo.companyId)).toEqual(before);
  });

  it("a revoked maker's void is applied once from Caja 2; sent again it is the duplicate", async () => {
    const { shop, maker, importer, invoice } = await makerAndImporter();
    const v = maker.voidOf(invoice, shop.demo.adminId);
    await revoke(shop, maker);
    const first = (await pushDocs(shop, importer, { voids: [v] })).voidResults[0] as Json;
    expect(first).toMatchObject({
      outcome: "accepted",
      duplicate: false,
      invoice: { id: invoice.id, status: "voided" },
    });
    const after = await ledger(server.db, shop.demo.companyId);
    expect(after.moves.void).toBeGreaterThan(0);
    const again = (await pushDocs(shop, importer, { voids: [v] })).voidResults[0] as Json;
    expect(again).toMatchObject({ outcome: "accepted", duplicate: true });
    expect(await ledger(server.db, shop.demo.companyId)).toEqual(after);
  });

  it("an active maker keeps DEVICE_MISMATCH (with what to do); revoked, the same note and void are then accepted", async () => {
    const { shop, maker, importer, invoice } = await makerAndImporter();
    const note = maker.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const other = maker.invoice();
    await pushOk(maker, [other]);
    const v = maker.voidOf(other, shop.demo.adminId);
    const refused = await pushDocs(shop, importer, { creditNotes: [note], voids: [v] });
    expect([refused.creditNoteResults, refused.voidResults].flat().map(codesOf)).toEqual([
      ["DEVICE_MISMATCH"],
      ["DEVICE_MISMATCH"],
    ]);
    expect(refused.creditNoteResults[0].errors[0].messageEs).toContain("«Dispositivos»");
    expect(refused.creditNoteResults[0].errors[0].messageEs).toContain("«Sincronizar de nuevo»");
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(0);
    expect(await ledger(server.db, shop.demo.companyId)).toEqual({ moves: {}, refunded: 0 });
    // «Sincronizar de nuevo» after the admin revoked Caja 1: the same documents, unchanged.
    await revoke(shop, maker);
    const resent = await pushDocs(shop, importer, { creditNotes: [note], voids: [v] });
    expect([resent.creditNoteResults, resent.voidResults].flat().map((r) => r.outcome)).toEqual([
      "accepted",
      "accepted",
    ]);
  });

  it("another company's revoked device: DEVICE_MISMATCH, nothing written", async () => {
    const { shop, importer, invoice } = await makerAndImporter();
    const elsewhere = await newShop(server);
    const theirs = await withCreditNotes(elsewhere, await openTill(elsewhere, { as: "admin" }), { as: "admin" });
    await revoke(elsewhere, theirs);
    // The note names this company's invoice but the other company's device (and everything else of it).
    const note = theirs.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const v = importer.voidOf(invoice, shop.demo.adminId, { deviceId: theirs.deviceId });
    const answer = await pushDocs(shop, importer, { creditNotes: [note], voids: [v] });
    expect([answer.creditNoteResults, answer.voidResults].flat().map(codesOf)).toEqual([
      ["DEVICE_MISMATCH"],
      ["DEVICE_MISMATCH"],
    ]);
    const row = await shop.http.get(`/api/invoices/${invoice.id}`, { token: shop.admin });
    expect([row.body.status, row.body.returnStatus]).toEqual(["accepted", "none"]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(0);
  });

  it("a user who never signed in on the revoked maker: CASHIER_NOT_ALLOWED, though signed in on the uploader", async () => {
    const shop = await newShop(server);
    // Caja 1's till knew only its admin; the cashier signed in on Caja 2's till, the importer.
    const maker = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
    const importer = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2" }));
    const invoice = maker.invoice();
    await pushOk(maker, [invoice]);
    const note = maker.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }], {
      overrides: { cashierId: shop.demo.cashierId },
    });
    const v = maker.voidOf(invoice, shop.demo.cashierId);
    await revoke(shop, maker);
    const answer = await pushDocs(shop, importer, { creditNotes: [note], voids: [v] });
    expect([answer.creditNoteResults, answer.voidResults].flat().map(codesOf)).toEqual([
      ["CASHIER_NOT_ALLOWED"],
      ["CASHIER_NOT_ALLOWED"],
    ]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(0);
  });
});
