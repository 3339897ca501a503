import { SCHEMA_VERSION_HEADER, shiftDocumentSchema } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { readStockChanges, stockSince } from "../src/features/inventory/stockFeed";
import { readTerminalShift } from "../src/features/shifts/terminalShiftReader";
import { readChanges } from "../src/features/sync/changeFeed";
import { newShop, openTill, pushOk, type Shop, type Till } from "./support/company";
import type { Json } from "./support/http";
import { at, cashSale, openShift, pushShiftsTo } from "./support/shifts";
import { statementsOf as statementsSent } from "./support/statements";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

interface Cursors {
  cursor: number;
  invoiceCursor: number;
  stockCursor?: number;
  stockWarehouseId?: string;
}

const query = (c: Cursors) =>
  `cursor=${c.cursor}&invoiceCursor=${c.invoiceCursor}` +
  (c.stockCursor === undefined ? "" : `&stockCursor=${c.stockCursor}`) +
  (c.stockWarehouseId ? `&stockWarehouseId=${c.stockWarehouseId}` : "");

async function pull(till: Till, c: Cursors): Promise<Json> {
  const res = await till.pull(query(c));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Pulls like a till (with the stock section) until nothing more: the cursors of a caught-up till. */
async function catchUp(till: Till): Promise<Cursors> {
  let c: Cursors = { cursor: 0, invoiceCursor: 0, stockCursor: 0 };
  for (let i = 0; i < 50; i++) {
    const page = await pull(till, c);
    c = {
      cursor: page.cursor,
      invoiceCursor: page.invoiceCursor,
      stockCursor: page.stock.cursor,
      stockWarehouseId: page.stock.warehouseId,
    };
    if (!page.hasMore && !page.stock.hasMore) return c;
  }
  throw new Error("the pull never ends");
}

/** What the full pull (changeFeed, the terminal's shift, the stock feed) answers for these cursors. */
async function fullPull(shop: Shop, till: Till, c: Cursors) {
  const { db } = server;
  const companyId = shop.demo.companyId;
  const page = await readChanges(db, companyId, till.deviceId, c, 2000, false);
  page.terminalShift = await readTerminalShift(db, companyId, till.deviceId);
  if (c.stockCursor !== undefined) {
    page.stock = await readStockChanges(db, companyId, till.deviceId, stockSince(c, page), 2000);
  }
  return JSON.parse(JSON.stringify(page));
}

/** The SQL statements a call sends. */
const statementsOf = <T>(call: () => Promise<T>) => statementsSent(server, call);

const withoutTime = ({ serverTime: _, ...rest }: Json) => rest;

describe("a pull with nothing new (sync/idlePull)", () => {
  it("is answered by one statement, with the full pull's answer", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    await pushOk(till, [till.invoice(), till.invoice()]);
    const c = await catchUp(till);
    const { result, statements } = await statementsOf(() => pull(till, c));
    expect(statements).toHaveLength(1);
    expect(result).toMatchObject({ changes: [], hasMore: false, reset: false, cursor: c.cursor });
    expect(result.stock).toMatchObject({ balances: [], full: false, cursor: c.stockCursor });
    expect(withoutTime(result)).toEqual(withoutTime(await fullPull(shop, till, c)));
  });

  it("carries the terminal's open shift (held on another device) exactly as the full pull does", async () => {
    const shop = await newShop(server);
    const holder = await openTill(shop);
    const shift = openShift(shop, holder);
    await pushShiftsTo(server, holder, [shift], [cashSale(shop, holder, shift.id)]);
    const till = await openTill(shop); // the same terminal (Caja 1), another device
    const c = await catchUp(till);
    const { result, statements } = await statementsOf(() => pull(till, c));
    expect(statements.length).toBeLessThanOrEqual(3); // the probe, then the holder's name and its sales
    expect(result.terminalShift?.document.id).toBe(shift.id);
    expect(result.terminalShift?.soldElsewhere).toBeTruthy();
    expect(withoutTime(result)).toEqual(withoutTime(await fullPull(shop, till, c)));
  });

  it("carries the till's own open shift in the same one statement (no sales on other devices)", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const shift = openShift(shop, till);
    await pushShiftsTo(server, till, [shift], [cashSale(shop, till, shift.id), cashSale(shop, till, shift.id)]);
    const c = await catchUp(till);
    const { result, statements } = await statementsOf(() => pull(till, c));
    expect(statements).toHaveLength(1);
    expect(result.terminalShift?.document.id).toBe(shift.id);
    expect(result.terminalShift?.openedByName).toBeTruthy();
    expect(withoutTime(result)).toEqual(withoutTime(await fullPull(shop, till, c)));
  });

  it("names who opened a shift and who took it over, in the one statement, as the full pull does", async () => {
    const shop = await newShop(server);
    const a = await openTill(shop);
    const b = await openTill(shop, { as: "admin" });
    const s1 = openShift(shop, a);
    await pushShiftsTo(server, a, [s1]);
    const s2 = shiftDocumentSchema.parse({
      ...s1,
      revision: 2,
      deviceId: b.deviceId,
      handovers: [
        {
          at: at(30),
          by: shop.demo.adminId,
          deviceId: b.deviceId,
          fromDeviceId: a.deviceId,
          fromUserId: shop.demo.cashierId,
        },
      ],
    });
    await pushShiftsTo(server, b, [s2]);
    const c = await catchUp(b);
    const { result, statements } = await statementsOf(() => pull(b, c));
    expect(statements).toHaveLength(1);
    expect(result.terminalShift).toMatchObject({ heldBy: shop.demo.adminId, document: { revision: 2 } });
    expect(result.terminalShift.heldByName).not.toBe(result.terminalShift.openedByName);
    expect(withoutTime(result)).toEqual(withoutTime(await fullPull(shop, b, c)));
  });

  it("records the device's last contact when it is due, as every pull does", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const c = await catchUp(till);
    const seen = async () =>
      (
        await server.db.query<{ last_seen_at: Date; schema_version: number | null }>(
          "SELECT last_seen_at, schema_version FROM devices WHERE company_id = $1 AND id = $2",
          [shop.demo.companyId, till.deviceId],
        )
      )[0];
    await server.db.query(
      "UPDATE devices SET last_seen_at = now() - interval '10 minutes' WHERE company_id = $1 AND id = $2",
      [shop.demo.companyId, till.deviceId],
    );
    const { statements } = await statementsOf(() => pull(till, c));
    expect(statements).toHaveLength(2); // the probe and the contact's UPDATE
    expect(Date.now() - new Date((await seen())?.last_seen_at as Date).getTime()).toBeLessThan(60_000);
    expect((await statementsOf(() => pull(till, c))).statements).toHaveLength(1); // fresh again: no write
    const res = await till.pull(query(c), { [SCHEMA_VERSION_HEADER]: "1" });
    expect(res.status).toBe(200);
    expect((await seen())?.schema_version).toBe(1);
  });

  // The scheduler polls every 30 s from the end of the last sync: a precision of 30 s wrote the contact at
  // nearly every idle poll (an UPDATE and a commit each).
  it("does not write the contact of a till that polls every 30 s and was last seen a minute ago", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const c = await catchUp(till);
    const lastSeen = (ago: string) =>
      server.db.query(`UPDATE devices SET last_seen_at = now() - interval '${ago}' WHERE company_id = $1 AND id = $2`, [
        shop.demo.companyId,
        till.deviceId,
      ]);
    await lastSeen("31 seconds");
    expect((await statementsOf(() => pull(till, c))).statements).toHaveLength(1);
    await lastSeen("65 seconds");
    expect((await statementsOf(() => pull(till, c))).statements).toHaveLength(1);
    await lastSeen("121 seconds");
    expect((await statementsOf(() => pull(till, c))).statements).toHaveLength(2); // due: written
  });

  it("leaves anything new to the full pull: a changed product, the device's invoices, another warehouse", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const c = await catchUp(till);
    const productId = shop.demo.productIds[3] as string;
    await shop.http.patch(`/api/products/${productId}`, { price: 420_000 }, { token: shop.admin });
    const changed = await pull(till, c);
    expect(changed.changes.map((x: Json) => x.id)).toEqual([productId]);
    expect(withoutTime(changed)).toEqual(withoutTime(await fullPull(shop, till, c)));

    const c2 = await catchUp(till);
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const sold = await pull(till, c2);
    expect(sold.changes.map((x: Json) => x.id)).toEqual([invoice.id]);
    expect(sold.stock.balances.length).toBeGreaterThan(0);

    const c3 = await catchUp(till);
    const moved = await pull(till, { ...c3, stockWarehouseId: "0190a000-0000-7000-8000-00000000ffff" });
    expect(moved.stock.full).toBe(true);
    expect(moved.stock.balances.length).toBeGreaterThan(0);
  });

  // An online till pulls after every sale: before session 22 the full pull read again the heads, the open
  // shift and the contact that the probe had just read (five more statements per sale).
  it("a pull after a sale starts from the probe's row: the same answer without reading the heads again", async () => {
    const shop = await newShop(server);
    const holder = await openTill(shop);
    const shift = openShift(shop, holder);
    await pushShiftsTo(server, holder, [shift], [cashSale(shop, holder, shift.id)]);
    const till = await openTill(shop); // the same terminal: the shift is held elsewhere, with sales there
    const c = await catchUp(till);
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const { result, statements } = await statementsOf(() => pull(till, c));
    expect(result.changes.map((x: Json) => x.id)).toEqual([invoice.id]);
    expect(result.stock.balances.length).toBeGreaterThan(0);
    expect(result.terminalShift?.document.id).toBe(shift.id);
    expect(withoutTime(result)).toEqual(withoutTime(await fullPull(shop, till, c)));
    const rereads = [
      /FROM change_counters WHERE company_id = \$1$/,
      /SELECT invoice_version AS v FROM devices/,
      /SELECT t\.warehouse_id, c\.version AS head/,
      /SELECT r\.document, s\.id\s+FROM devices d/,
      /UPDATE devices SET last_seen_at/,
      // Nothing new in the catalog, the device's shifts or credit notes: their pages are not looked for.
      /UNION ALL/,
      /FROM (shifts|credit_notes) WHERE company_id = \$1 AND device_id = \$2/,
      // The invoices' electronic documents come joined to them, not looked up apart.
      /FROM electronic_documents\s+WHERE/,
    ];
    // The probe's statement is the first; its heads are the page's (the cursors end where it read them).
    expect(statements[0]).toMatch(/AS invoice_head/);
    expect(statements.slice(1).filter((sql) => rereads.some((re) => re.test(sql.trim())))).toEqual([]);
    expect(result.invoiceCursor).toBe(c.invoiceCursor + 1);
  });

  it("a pull after a shift's or a return's change still reads that table, as the full pull does", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const c = await catchUp(till);
    const shift = openShift(shop, till);
    await pushShiftsTo(server, till, [shift], [cashSale(shop, till, shift.id)]);
    const { result, statements } = await statementsOf(() => pull(till, c));
    expect(result.changes.map((x: Json) => x.entity).sort()).toEqual(["invoices", "shifts"]);
    const shiftsRead = statements
      .slice(1)
      .filter((sql) => /FROM shifts WHERE company_id = \$1 AND device_id/.test(sql));
    expect(shiftsRead).toHaveLength(1);
    expect(withoutTime(result)).toEqual(withoutTime(await fullPull(shop, till, c)));
    const productId = shop.demo.productIds[3] as string;
    const c2 = await catchUp(till);
    await shop.http.patch(`/api/products/${productId}`, { price: 430_000 }, { token: shop.admin });
    await pushOk(till, [till.invoice()]);
    const both = await pull(till, c2); // the catalog and the device's invoices both moved
    expect(both.changes.map((x: Json) => x.entity).sort()).toEqual(["invoices", "products"]);
    expect(withoutTime(both)).toEqual(withoutTime(await fullPull(shop, till, c2)));
  });

  it("a pull after a sale records the contact when it is due, and only then", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const c = await catchUp(till);
    await pushOk(till, [till.invoice()]);
    await server.db.query(
      "UPDATE devices SET last_seen_at = now() - interval '10 minutes' WHERE company_id = $1 AND id = $2",
      [shop.demo.companyId, till.deviceId],
    );
    const due = await statementsOf(() => pull(till, c));
    expect(due.statements.filter((sql) => sql.includes("UPDATE devices SET last_seen_at"))).toHaveLength(1);
    const fresh = await statementsOf(() => pull(till, c));
    expect(fresh.statements.filter((sql) => sql.includes("UPDATE devices SET last_seen_at"))).toHaveLength(0);
    expect(withoutTime(fresh.result)).toEqual(withoutTime(due.result));
  });
});
