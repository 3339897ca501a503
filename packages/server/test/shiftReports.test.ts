import { zReport } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { newShop, openTill } from "./support/company";
import type { Json } from "./support/http";
import { at, cardSale, cashSale, closed, openShift, pushShiftsTo, shiftDetail, withMovement } from "./support/shifts";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const pushShifts = (till: Parameters<typeof pushShiftsTo>[1], shifts: unknown[], invoices: unknown[] = []) =>
  pushShiftsTo(server, till, shifts, invoices);
const detail = shiftDetail;

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
