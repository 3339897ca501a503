import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { countRows, newShop, openTill, pushOk, type Till } from "./support/company";
import { expectApiError, type Json } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

interface Page {
  cursor: number;
  invoiceCursor?: number;
  hasMore: boolean;
  reset: boolean;
  changes: { entity: string; id: string; version: number; data?: Json; deleted?: boolean }[];
  remaining?: Record<string, number>;
}

/** The query a till sends after `page` (the invoice cursor only when the server gives one). */
const nextQuery = (page: Pick<Page, "cursor" | "invoiceCursor">, extra = "") =>
  `cursor=${page.cursor}${page.invoiceCursor === undefined ? "" : `&invoiceCursor=${page.invoiceCursor}`}${extra}`;

async function pull(till: Till, query: string): Promise<Page> {
  const res = await till.pull(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Pulls page by page like a till until hasMore is false. */
async function pullAll(till: Till, limit: number, start: Pick<Page, "cursor" | "invoiceCursor"> = { cursor: 0 }) {
  const pages: Page[] = [];
  let page: Page = await pull(till, `cursor=${start.cursor}&limit=${limit}&counts=1`);
  pages.push(page);
  while (page.hasMore) {
    page = await pull(till, nextQuery(page, `&limit=${limit}&counts=1`));
    pages.push(page);
    if (pages.length > 200) throw new Error("pull never ends");
  }
  return pages;
}

const countBy = (changes: Page["changes"]) =>
  changes.reduce<Record<string, number>>((acc, c) => {
    acc[c.entity] = (acc[c.entity] ?? 0) + 1;
    return acc;
  }, {});

describe("GET /api/sync/pull", () => {
  it("the first pull (counts=1) brings the demo catalog with per-entity `remaining` counts", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const page = await pull(till, "cursor=0&limit=2000&counts=1");
    expect(page).toMatchObject({ hasMore: false, reset: false });
    const counts = countBy(page.changes);
    expect(counts).toEqual({
      company: 1,
      taxes: 4,
      categories: 5,
      warehouses: 1,
      paymentMethods: 4,
      numberings: 3, // POS, FE and the credit notes' NC
      terminals: 3,
      products: shop.demo.productIds.length,
      clients: 5,
      numberBlocks: 1,
    });
    expect(page.remaining).toEqual(counts);
    const company = page.changes.find((c) => c.entity === "company");
    expect(company?.data).toMatchObject({ id: shop.demo.companyId, currency: "COP", maxOfflineAgeDays: 7 });
    const product = page.changes.find((c) => c.id === shop.demo.productIds[0]);
    expect(product?.data).toMatchObject({ name: "Gaseosa Cola 400 ml", price: 350_000, active: true });
    const block = page.changes.find((c) => c.entity === "numberBlocks");
    expect(block?.data).toMatchObject({ deviceId: till.deviceId, rangeFrom: 1, rangeTo: 50 });
    expect(JSON.stringify(page)).not.toMatch(/password/i);
  });

  it("small pages: hasMore until the end, cursors increase, no row missed or duplicated", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const full = await pull(till, "cursor=0&limit=10000");
    const pages = await pullAll(till, 7);
    expect(pages.length).toBe(Math.ceil(full.changes.length / 7));
    let seen = 0;
    let previous = 0;
    for (const [i, page] of pages.entries()) {
      expect(page.changes.length).toBeLessThanOrEqual(7);
      expect(page.hasMore).toBe(i < pages.length - 1);
      expect(page.cursor).toBeGreaterThan(previous);
      previous = page.cursor;
      for (const c of page.changes) expect(c.version).toBeLessThanOrEqual(page.cursor);
      // `remaining` counts what is still to come from the page's starting cursor.
      const remaining = Object.values(page.remaining ?? {}).reduce((a, b) => a + b, 0);
      expect(remaining).toBe(full.changes.length - seen);
      seen += page.changes.length;
    }
    const keys = pages.flatMap((p) => p.changes.map((c) => `${c.entity}:${c.id}`));
    expect(keys).toHaveLength(full.changes.length);
    expect(new Set(keys)).toEqual(new Set(full.changes.map((c) => `${c.entity}:${c.id}`)));
    expect(pages.at(-1)?.cursor).toBe(full.cursor);
  });

  it("a page reads and presents only its own rows (not limit + 1 of every table)", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const original = server.db.query.bind(server.db);
    let fullRows = 0;
    server.db.query = (async (sql: string, params?: readonly unknown[]) => {
      const rows = await original(sql, params);
      // Whole rows, or a catalog page's presented columns (catalogPageReader: "SELECT id, …, version FROM").
      if (/^SELECT (\*|id, [a-z_, ]*version) FROM (?!invoices|shifts|credit_notes)/.test(sql)) fullRows += rows.length;
      return rows;
    }) as typeof server.db.query;
    try {
      const first = await pull(till, "cursor=0&limit=7");
      expect(first.changes).toHaveLength(7);
      expect(fullRows).toBe(7);
      const { cursor } = await pull(till, "cursor=0&limit=10000");
      fullRows = 0;
      const idle = await pull(till, `cursor=${cursor}`);
      expect(idle.changes).toEqual([]);
      expect(fullRows).toBe(0);
    } finally {
      server.db.query = original;
    }
  });

  it("an up-to-date cursor gets no changes; a change made afterwards comes alone", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const head = await pull(till, "cursor=0&limit=10000");
    const again = await pull(till, nextQuery(head, "&counts=1"));
    expect(again).toMatchObject({ changes: [], hasMore: false, reset: false, cursor: head.cursor });
    expect(again.remaining).toEqual({});
    await shop.http.patch(`/api/products/${shop.demo.productIds[3]}`, { price: 320_000 }, { token: shop.admin });
    const delta = await pull(till, nextQuery(head));
    expect(delta.changes).toHaveLength(1);
    expect(delta.changes[0]).toMatchObject({
      entity: "products",
      id: shop.demo.productIds[3],
      data: { price: 320_000 },
    });
    expect(delta.cursor).toBeGreaterThan(head.cursor);
  });

  it("a cursor beyond the server's head → reset:true and everything again from 0", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const full = await pull(till, "cursor=0&limit=10000");
    const res = await pull(till, `cursor=${full.cursor + 1000}&limit=10000`);
    expect(res.reset).toBe(true);
    expect(res.changes.map((c) => c.id).sort()).toEqual(full.changes.map((c) => c.id).sort());
  });

  it("an unsupported schema version → 400 UNSUPPORTED_SCHEMA_VERSION on pull and push; push writes nothing", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    for (const v of ["99", "abc", String(SYNC_SCHEMA_VERSION + 1)]) {
      const headers = { [SCHEMA_VERSION_HEADER]: v };
      expectApiError(await till.pull("cursor=0", headers), 400, "UNSUPPORTED_SCHEMA_VERSION");
      expectApiError(await till.push([till.invoice()], headers), 400, "UNSUPPORTED_SCHEMA_VERSION");
    }
    expect(await countRows(server, "invoices", shop.demo.companyId)).toBe(0);
    expect((await till.pull("cursor=0&limit=1")).status).toBe(200);
  });

  it("my invoices and number blocks come down; another device's never do", async () => {
    const shop = await newShop(server);
    const [mine, other] = [await openTill(shop), await openTill(shop, { terminal: "caja2" })];
    const myInvoice = mine.invoice();
    const otherInvoice = other.invoice();
    await pushOk(mine, [myInvoice]);
    await pushOk(other, [otherInvoice]);
    const changes = (await pullAll(mine, 10_000)).flatMap((p) => p.changes);
    const invoices = changes.filter((c) => c.entity === "invoices");
    expect(invoices.map((c) => c.id)).toEqual([myInvoice.id]);
    expect(invoices[0]?.data).toMatchObject({ status: "accepted", number: myInvoice.number });
    const blocks = changes.filter((c) => c.entity === "numberBlocks");
    expect(blocks.map((c) => c.data.deviceId)).toEqual([mine.deviceId]);
    expect(changes.some((c) => c.id === otherInvoice.id || c.id === other.block?.id)).toBe(false);
  });

  // Regression (fixed): changeFeed.ts reads each source with its own statement and returns cursor = max(head, last);
  // rows committed between two of those statements can be skipped for good.
  it("a change committed while a pull is being read is never skipped", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const { http, admin, demo } = shop;
    const head = await pull(till, "cursor=0&limit=10000");
    const productId = demo.productIds[4] as string;
    // Fault injection: an admin edits a product and deletes a category right after the pull
    // has read the products table and before it reads the tombstones.
    const original = server.db.query.bind(server.db);
    let injected = false;
    server.db.query = (async (sql: string, params?: readonly unknown[]) => {
      const rows = await original(sql, params);
      if (!injected && /FROM products WHERE/.test(sql)) {
        injected = true;
        await http.patch(`/api/products/${productId}`, { price: 410_000 }, { token: admin });
        await http.del(`/api/categories/${demo.categoryIds[4]}`, { token: admin });
      }
      return rows;
    }) as typeof server.db.query;
    let racing: Page;
    try {
      racing = await pull(till, nextQuery(head));
    } finally {
      server.db.query = original;
    }
    expect(injected).toBe(true);
    const after = await pull(till, nextQuery(racing));
    const seen = [...racing.changes, ...after.changes].filter((c) => c.id === productId);
    expect(seen.map((c) => c.data?.price)).toContain(410_000);
  });

  // Regression (fixed): invoiceVoider.ts selects only status, cashier_id, so row.device_id is undefined,
  // no device counter is bumped and the voided invoice gets version 0: tills never hear of the void.
  it("a voided invoice comes down again with its new status", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const head = (await pullAll(till, 10_000)).at(-1) as Page;
    await shop.http.post(`/api/invoices/${invoice.id}/void`, { reason: "error de digitación" }, { token: shop.admin });
    const delta = await pull(till, nextQuery(head));
    expect(delta.changes).toEqual([
      expect.objectContaining({
        entity: "invoices",
        id: invoice.id,
        data: expect.objectContaining({ status: "voided" }),
      }),
    ]);
  });
});
