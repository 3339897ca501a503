import {
  computeInvoiceTotals,
  type InvoiceDocument,
  type ShiftDocument,
  shiftDocumentSchema,
  uuidv7,
  zReport,
} from "@mostrador/domain";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cashPayment, demoLine } from "../src/testing/invoiceFactory";
import { startTestServer, type TestServer } from "../src/testing/testServer";
import { countRows, newShop, openTill, type Shop, schemaHeader, type Till } from "./support/company";
import type { Json } from "./support/http";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const at = (minutes: number) => new Date(Date.now() - 3 * 3600_000 + minutes * 60_000).toISOString();

/** A shift opened on this till by the shop's cashier with a base of $ 100.000. */
function openShift(shop: Shop, till: Till, openingFloat = 10_000_000): ShiftDocument {
  return shiftDocumentSchema.parse({
    id: uuidv7(),
    revision: 1,
    terminalId: till.terminalId,
    deviceId: till.deviceId,
    openedBy: shop.demo.cashierId,
    openedAt: at(0),
    openingFloat,
    note: "Turno de la mañana",
    status: "open",
  });
}

function withMovement(shop: Shop, s: ShiftDocument, kind: "in" | "out", amount: number, reason: string): ShiftDocument {
  return {
    ...s,
    revision: s.revision + 1,
    movements: [...s.movements, { id: uuidv7(), kind, amount, reason, at: at(10), by: shop.demo.cashierId }],
  };
}

/** Closes as the till does: expected from the invoices it holds, the count as given. */
function closed(shop: Shop, s: ShiftDocument, invoices: InvoiceDocument[], countedCash: number): ShiftDocument {
  const expected = zReport(
    s,
    invoices.map((invoice) => ({ invoice })),
  ).expected;
  const counted = expected.map((e) => (e.kind === "cash" ? { kind: e.kind, amount: countedCash } : e));
  return {
    ...s,
    revision: s.revision + 1,
    status: "closed",
    closing: { closedAt: at(60), closedBy: shop.demo.cashierId, counted, expected },
  };
}

const pushShifts = async (till: Till, shifts: unknown[], invoices: unknown[] = []) => {
  const res = await server.app.inject({
    method: "POST",
    url: "/api/sync/push",
    headers: { authorization: `Bearer ${till.token}`, "content-type": "application/json", ...schemaHeader },
    payload: JSON.stringify({ invoices, shifts }),
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = JSON.parse(res.body);
  expect(body.shiftResults).toHaveLength(shifts.length);
  return body as { results: Json[]; shiftResults: Json[] };
};

/** A cash sale of the shift paid with more than the total (so change is given). */
function cashSale(shop: Shop, till: Till, shiftId: string, overpay = 0): InvoiceDocument {
  const lines = [demoLine(shop.demo, 0, 2), demoLine(shop.demo, 8, 1)];
  const total = computeInvoiceTotals(lines).total;
  return till.invoice({ lines, payments: [cashPayment(shop.demo, total + overpay)], shiftId });
}

function cardSale(shop: Shop, till: Till, shiftId: string): InvoiceDocument {
  const lines = [demoLine(shop.demo, 3, 1)];
  const total = computeInvoiceTotals(lines).total;
  return till.invoice({
    lines,
    payments: [{ paymentMethodId: shop.demo.paymentMethods.debit, kind: "debit_card", amount: total }],
    shiftId,
  });
}

const detail = async (shop: Shop, id: string) => {
  const res = await shop.http.get(`/api/shifts/${id}`, { token: shop.admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe("shifts in POST /api/sync/push: exactly once, every revision kept", () => {
  it("open → Retiro → Ingreso → close over several batches with retries and copies → one shift, four revisions", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const r2 = withMovement(shop, r1, "out", 2_000_000, "Pago a proveedor");
    const r3 = withMovement(shop, r2, "in", 500_000, "Cambio");
    const r4 = closed(shop, r3, [], 8_500_000);

    const first = await pushShifts(till, [r1, r1]);
    expect(first.shiftResults.map((r) => [r.outcome, r.duplicate])).toEqual([
      ["accepted", false],
      ["accepted", false],
    ]);
    expect(first.shiftResults[0].shift).toMatchObject({ id: r1.id, status: "open", openingFloat: 10_000_000 });
    // The answer was lost: the till sends revision 1 again with revision 2.
    const second = await pushShifts(till, [r1, r2]);
    expect(second.shiftResults.map((r) => [r.outcome, r.revision, r.duplicate])).toEqual([
      ["accepted", 1, true],
      ["accepted", 2, false],
    ]);
    const third = await pushShifts(till, [r4, r3, r2]);
    expect(third.shiftResults.map((r) => [r.outcome, r.revision, r.duplicate])).toEqual([
      ["accepted", 4, false],
      ["accepted", 3, false],
      ["accepted", 2, true],
    ]);
    // A revision arriving after a newer one is kept in the history; the shift stays at the newest.
    expect(third.shiftResults[1].shift).toMatchObject({ revision: 4, status: "closed" });
    await pushShifts(till, [r4]);

    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(1);
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(4);
    const d = await detail(shop, r1.id);
    expect(d.revisions.map((r: Json) => r.revision)).toEqual([1, 2, 3, 4]);
    expect(d).toMatchObject({ status: "closed", revision: 4, tillExpectedCash: 8_500_000, countedCash: 8_500_000 });
    expect(d.report).toMatchObject({ cashIn: 500_000, cashOut: 2_000_000, openingFloat: 10_000_000 });
    expect(d.serverExpectedCash).toBe(8_500_000);
    expect(d.serverDifference).toBe(0);
  });

  it("other content under a stored revision → REVISION_CONFLICT, the stored one stays", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    await pushShifts(till, [r1]);
    const { shiftResults } = await pushShifts(till, [{ ...r1, note: "otra nota" }]);
    expect(shiftResults[0]).toMatchObject({ outcome: "rejected", errors: [{ code: "REVISION_CONFLICT" }] });
    expect((await detail(shop, r1.id)).document.note).toBe("Turno de la mañana");
  });

  it("a later revision may not change the base or reopen a closed shift → SHIFT_CHANGED", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const r2 = closed(shop, r1, [], 10_000_000);
    await pushShifts(till, [r1, r2]);
    const { shiftResults } = await pushShifts(till, [
      { ...r2, revision: 3, openingFloat: 1 },
      { ...r1, revision: 4, movements: [] },
      { ...r2, revision: 5, openedAt: at(5) },
    ]);
    expect(shiftResults.map((r) => r.errors?.[0]?.field)).toEqual(["openingFloat", "status", "openedAt"]);
    expect(shiftResults.map((r) => r.errors?.[0]?.code)).toEqual(["SHIFT_CHANGED", "SHIFT_CHANGED", "SHIFT_CHANGED"]);
    // The same instant written with another offset is the same opening.
    const sameInstant = new Date(r1.openedAt).toISOString().replace("Z", "+00:00");
    expect((await pushShifts(till, [{ ...r2, revision: 6, openedAt: sameInstant }])).shiftResults[0].outcome).toBe(
      "accepted",
    );
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(3);
  });

  it("the same revision from two requests at once → stored once, both answered accepted", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const answers = await Promise.all([pushShifts(till, [r1]), pushShifts(till, [r1]), pushShifts(till, [r1])]);
    expect(answers.map((a) => a.shiftResults[0].outcome)).toEqual(["accepted", "accepted", "accepted"]);
    expect(answers.filter((a) => a.shiftResults[0].duplicate === false)).toHaveLength(1);
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(1);
  });
});

describe("one open shift per terminal", () => {
  it("a second device opening a shift on the same terminal → SHIFT_ALREADY_OPEN; after the close it may open", async () => {
    const shop = await newShop(server);
    const a = await openTill(shop);
    const b = await openTill(shop);
    expect(b.terminalId).toBe(a.terminalId);
    const sa = openShift(shop, a);
    const sb = openShift(shop, b);
    await pushShifts(a, [sa]);
    const refused = await pushShifts(b, [sb]);
    expect(refused.shiftResults[0]).toMatchObject({
      outcome: "rejected",
      id: sb.id,
      errors: [{ code: "SHIFT_ALREADY_OPEN", messageEs: expect.stringContaining("Ya hay otro turno abierto") }],
    });
    // The other terminal is free.
    const c = await openTill(shop, { terminal: "caja2" });
    expect((await pushShifts(c, [openShift(shop, c)])).shiftResults[0].outcome).toBe("accepted");
    await pushShifts(a, [closed(shop, sa, [], 10_000_000)]);
    expect((await pushShifts(b, [sb])).shiftResults[0].outcome).toBe("accepted");
    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(3);
  });

  it("two devices opening a shift on one terminal at the same moment → exactly one is open", async () => {
    const shop = await newShop(server);
    const a = await openTill(shop);
    const b = await openTill(shop);
    const [ra, rb] = await Promise.all([pushShifts(a, [openShift(shop, a)]), pushShifts(b, [openShift(shop, b)])]);
    const outcomes = [ra.shiftResults[0], rb.shiftResults[0]].map((r) => r.errors?.[0]?.code ?? r.outcome).sort();
    expect(outcomes).toEqual(["SHIFT_ALREADY_OPEN", "accepted"]);
    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(1);
  });

  it("the same device: a new shift while its previous one is open → retry; close and open in one batch → both", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const first = openShift(shop, till);
    await pushShifts(till, [first]);
    const next = openShift(shop, till);
    expect((await pushShifts(till, [next])).shiftResults[0]).toMatchObject({ outcome: "retry", id: next.id });
    // Offline the till closed the first and opened the next; the batch carries both in that order or not.
    const { shiftResults } = await pushShifts(till, [next, closed(shop, first, [], 10_000_000)]);
    expect(shiftResults.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
  });
});

describe("hostile shifts beside valid invoices", () => {
  it("each bad shift is answered alone; the invoices and the good shift are stored; no 5xx", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const other = await openTill(shop, { terminal: "caja2" });
    const good = openShift(shop, till);
    const invoice = cashSale(shop, till, good.id);
    const hostile: unknown[] = [
      "not a shift",
      null,
      { ...openShift(shop, till), note: "a\u0000b" },
      { ...openShift(shop, till), id: "00000000-0000-4000-8000-000000000000" },
      { ...openShift(shop, till), openingFloat: -5 },
      { ...openShift(shop, till), openingFloat: 1e30 },
      { ...openShift(shop, till), status: "closed" },
      { ...openShift(shop, till), extra: "field" },
      { ...openShift(shop, till), deviceId: other.deviceId, terminalId: other.terminalId },
      { ...openShift(shop, till), terminalId: other.terminalId },
      { ...openShift(shop, till), openedBy: uuidv7() },
      good,
    ];
    const { results, shiftResults } = await pushShifts(till, hostile, [invoice]);
    expect(results[0]).toMatchObject({ outcome: "accepted", id: invoice.id });
    expect(shiftResults.map((r) => r.errors?.[0]?.code ?? r.outcome)).toEqual([
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "DEVICE_MISMATCH",
      "TERMINAL_MISMATCH",
      "CASHIER_NOT_ALLOWED",
      "accepted",
    ]);
    expect(shiftResults[2].errors[0]).toMatchObject({ field: "note" });
    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(1);
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(1);
  });

  it("a push without shifts is answered as before (no shiftResults); more than 200 shifts → 400", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const res = await till.push([till.invoice()]);
    expect(res.status).toBe(200);
    expect(res.body.shiftResults).toBeUndefined();
    const tooMany = await shop.http.post(
      "/api/sync/push",
      { invoices: [], shifts: Array.from({ length: 201 }, () => ({})) },
      { token: till.token, headers: schemaHeader },
    );
    expect(tooMany.status).toBe(400);
  });
});

describe("the server's expected cash beside the till's", () => {
  it("an invoice of the shift still unsynced at closing: the server shows both until it arrives, then they agree", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const sale1 = cashSale(shop, till, r1.id, 500_000); // change $ 5.000
    const sale2 = cardSale(shop, till, r1.id);
    const late = cashSale(shop, till, r1.id);
    const r2 = withMovement(shop, r1, "out", 2_000_000, "Pago a proveedor");
    const tillInvoices = [sale1, sale2, late];
    const tillReport = zReport(
      r2,
      tillInvoices.map((invoice) => ({ invoice })),
    );
    const cashExpected = tillReport.expected.find((e) => e.kind === "cash")?.amount as number;
    const r3 = closed(shop, r2, tillInvoices, cashExpected - 500_000); // $ 5.000 short

    await pushShifts(till, [r1, r2, r3], [sale1, sale2]);
    const before = await detail(shop, r1.id);
    const lateCash = late.totals.total;
    expect(before.tillExpectedCash).toBe(cashExpected);
    expect(before.serverExpectedCash).toBe(cashExpected - lateCash);
    expect(before.tillDifference).toBe(-500_000);
    expect(before.serverDifference).toBe(lateCash - 500_000);
    expect(before.invoiceCount).toBe(2);
    expect(before.report.salesCount).toBe(2);

    await pushShifts(till, [], [late]);
    const after = await detail(shop, r1.id);
    expect(after.serverExpectedCash).toBe(cashExpected);
    expect(after.serverDifference).toBe(-500_000);
    // The server's Z report is the till's: same invoices, same figures.
    const tillClosingReport = zReport(
      r3,
      tillInvoices.map((invoice) => ({ invoice })),
    );
    expect(after.report).toEqual(JSON.parse(JSON.stringify(tillClosingReport)));
    expect(after.report.cashDifference).toBe(-500_000);
    expect(after.report.firstInvoice).toEqual({ prefix: "POS", number: sale1.number });
    expect(after.report.lastInvoice).toEqual({ prefix: "POS", number: late.number });
    expect(after.invoices.map((i: Json) => i.id).sort()).toEqual(tillInvoices.map((i) => i.id).sort());

    // A voided invoice leaves the sales and counts as voided.
    const voided = await shop.http.post(
      `/api/invoices/${late.id}/void`,
      { reason: "Error de digitación" },
      {
        token: shop.admin,
      },
    );
    expect(voided.status).toBe(200);
    const afterVoid = await detail(shop, r1.id);
    expect(afterVoid.report).toMatchObject({ salesCount: 2, voidedCount: 1, voidedTotal: late.totals.total });
    expect(afterVoid.serverExpectedCash).toBe(cashExpected - lateCash);
  });
});

describe("GET /api/shifts and /api/shifts/:id", () => {
  it("filters by terminal, cashier, status, dates and difference; pages; admins only; other companies' shifts are 404", async () => {
    const shop = await newShop(server);
    const t1 = await openTill(shop);
    const t2 = await openTill(shop, { terminal: "caja2", as: "admin" });
    const exact = openShift(shop, t1);
    await pushShifts(t1, [exact, closed(shop, exact, [], 10_000_000)]);
    const short = openShift(shop, t1);
    await pushShifts(t1, [short, closed(shop, short, [], 9_000_000)]);
    const open = { ...openShift(shop, t2), openedBy: shop.demo.adminId };
    await pushShifts(t2, [open]);

    const list = async (q: string) => {
      const res = await shop.http.get(`/api/shifts${q}`, { token: shop.admin });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const ids = (body: Json) => body.items.map((i: Json) => i.id).sort();
    expect((await list("")).total).toBe(3);
    expect(ids(await list(`?terminalId=${t2.terminalId}`))).toEqual([open.id]);
    expect(ids(await list(`?cashierId=${shop.demo.cashierId}`))).toEqual([exact.id, short.id].sort());
    expect(ids(await list("?status=open"))).toEqual([open.id]);
    expect(ids(await list("?minDifference=100000"))).toEqual([short.id]);
    const shortRow = (await list("?minDifference=100000")).items[0];
    expect(shortRow).toMatchObject({ serverDifference: -1_000_000, tillDifference: -1_000_000, status: "closed" });
    expect((await list(`?from=${encodeURIComponent(at(1))}`)).total).toBe(0);
    expect((await list(`?to=${encodeURIComponent(at(1))}`)).total).toBe(3);
    const page = await list("?limit=2&offset=2");
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(1);
    expect((await shop.http.get("/api/shifts?minDifference=-1", { token: shop.admin })).status).toBe(400);

    expect((await shop.http.get("/api/shifts", { token: shop.cashier })).status).toBe(403);
    expect((await shop.http.get(`/api/shifts/${exact.id}`, { token: shop.cashier })).status).toBe(403);
    expect((await shop.http.get(`/api/shifts/${exact.id}`, { token: t1.token })).status).toBe(403);
    const stranger = await newShop(server);
    expect((await stranger.http.get(`/api/shifts/${exact.id}`, { token: stranger.admin })).status).toBe(404);
    expect((await stranger.http.get("/api/shifts", { token: stranger.admin })).body.total).toBe(0);
    expect((await shop.http.get("/api/shifts/not-an-id", { token: shop.admin })).status).toBe(404);
  });
});

describe("shifts in the pull and the terminal setting", () => {
  it("a device's shifts come down with its invoices (one cursor); another device's do not", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const other = await openTill(shop, { terminal: "caja2" });
    const s = openShift(shop, till);
    await pushShifts(till, [s], [cashSale(shop, till, s.id)]);
    await pushShifts(other, [openShift(shop, other)]);
    const page = (await till.pull("cursor=0&invoiceCursor=0&counts=1")).body;
    const mine = page.changes.filter((c: Json) => c.entity === "shifts");
    expect(mine.map((c: Json) => c.id)).toEqual([s.id]);
    expect(mine[0].data).toMatchObject({ id: s.id, status: "open", openingFloat: 10_000_000 });
    expect(page.changes.filter((c: Json) => c.entity === "invoices")).toHaveLength(1);
    // One change per page: the invoice and the shift come in two pages along the device cursor.
    const p1 = (await till.pull(`cursor=${page.cursor}&invoiceCursor=0&limit=1`)).body;
    expect(p1.hasMore).toBe(true);
    const p2 = (await till.pull(`cursor=${page.cursor}&invoiceCursor=${p1.invoiceCursor}&limit=1`)).body;
    expect([...p1.changes, ...p2.changes].map((c: Json) => c.entity).sort()).toEqual(["invoices", "shifts"]);
    expect(p2.hasMore).toBe(false);
  });

  it("requiresShift: Caja 1 and Caja 2 yes, Caja 3 no; a new terminal requires a shift by default", async () => {
    const shop = await newShop(server);
    const get = async (id: string) => (await shop.http.get(`/api/terminals/${id}`, { token: shop.admin })).body;
    expect((await get(shop.demo.terminals.caja1)).requiresShift).toBe(true);
    expect((await get(shop.demo.terminals.caja2)).requiresShift).toBe(true);
    expect((await get(shop.demo.terminals.caja3)).requiresShift).toBe(false);
    const created = await shop.http.post(
      "/api/terminals",
      {
        name: "Caja 4",
        numberingId: shop.demo.numberings.pos,
        warehouseId: shop.demo.warehouseId,
        paymentMethodIds: [shop.demo.paymentMethods.cash],
      },
      { token: shop.admin },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.requiresShift).toBe(true);
    const patched = await shop.http.patch(
      `/api/terminals/${created.body.id}`,
      { requiresShift: false },
      { token: shop.admin },
    );
    expect(patched.body.requiresShift).toBe(false);
  });
});
