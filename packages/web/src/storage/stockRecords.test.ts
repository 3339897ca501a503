import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { tillStockByProduct } from "../inventory/tillStock";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

const W = "0190a000-0000-7000-8000-0000000000aa";
const stockSection = (balances: { productId: string; quantity: number }[], o: { full: boolean; cursor: number }) => ({
  warehouseId: W,
  cursor: o.cursor,
  hasMore: false,
  full: o.full,
  invoiceVersion: 0,
  balances: balances.map((b) => ({ ...b, minStock: 2 })),
});

describe("the pull's stock section at the till (issue 14)", () => {
  it("a full section replaces the table, later ones upsert; the cursor and warehouse go with the next pull", async () => {
    store = openTestStore();
    const [a, b] = demo.products;
    await store.applyPullPage(
      demo.pullPage([], {
        stock: stockSection(
          [
            { productId: a!.id, quantity: 5 },
            { productId: b!.id, quantity: 1 },
          ],
          { full: true, cursor: 7 },
        ),
      }),
    );
    expect(await store.getCursors()).toMatchObject({ stockCursor: 7, stockWarehouseId: W });
    await store.applyPullPage(
      demo.pullPage([], { stock: stockSection([{ productId: a!.id, quantity: 3 }], { full: false, cursor: 9 }) }),
    );
    expect((await store.readTillStock()).balances.map((r) => [r.productId, r.quantity]).sort()).toEqual(
      [
        [a!.id, 3],
        [b!.id, 1],
      ].sort(),
    );
    await store.applyPullPage(
      demo.pullPage([], { stock: stockSection([{ productId: b!.id, quantity: 4 }], { full: true, cursor: 2 }) }),
    );
    expect((await store.readTillStock()).balances).toEqual([{ productId: b!.id, quantity: 4, minStock: 2 }]);
  });

  it("a sale saved at this till counts against the stock the tile shows, before any sync", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const draft = sampleDraft();
    const line = draft.lines[0]!;
    await store.applyPullPage(
      demo.pullPage([], {
        stock: stockSection([{ productId: line.productId, quantity: 10 }], { full: true, cursor: 1 }),
      }),
    );
    await store.saveNewInvoice(draft);
    const snapshot = await store.readTillStock();
    const sold = draft.lines.filter((l) => l.productId === line.productId).reduce((s, l) => s + l.quantity, 0);
    const shown = tillStockByProduct(snapshot.balances, snapshot.invoices, snapshot.state, Date.now());
    expect(shown.get(line.productId)?.quantity).toBe(10 - sold);
  });

  it("reads only the invoices the balances may not count, and the tiles are those of reading every invoice", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const productIds = demo.products.map((p) => p.id);
    await store.applyPullPage(
      demo.pullPage([], {
        stock: {
          ...stockSection(
            productIds.map((productId) => ({ productId, quantity: 50 })),
            { full: true, cursor: 1 },
          ),
          invoiceVersion: 3,
        },
      }),
    );
    // Seven sales, then each given a state: pending, error, voided, synced at or below the counted version 3
    // (in the balances) and above it (not yet).
    const states = [
      { status: "pending", serverVersion: null },
      { status: "error", serverVersion: null },
      { status: "voided", serverVersion: 2 },
      { status: "synced", serverVersion: 2 },
      { status: "synced", serverVersion: 3 },
      { status: "synced", serverVersion: 4 },
      { status: "error", serverVersion: 5 },
    ] as const;
    for (const state of states) {
      const saved = await store.saveNewInvoice(sampleDraft());
      await store.db.invoices.update(saved.id, { ...state });
    }
    const snapshot = await store.readTillStock();
    expect(snapshot.invoices.map((i) => `${i.status}:${i.serverVersion}`).sort()).toEqual(
      ["pending:null", "error:null", "synced:4", "error:5"].sort(),
    );
    const every = (await store.db.invoices.toArray()).map((i) => ({
      status: i.status,
      serverVersion: i.serverVersion,
      lines: i.document.lines,
    }));
    const now = Date.now();
    expect(tillStockByProduct(snapshot.balances, snapshot.invoices, snapshot.state, now)).toEqual(
      tillStockByProduct(snapshot.balances, every, snapshot.state, now),
    );
  });

  it("with no balances (no tracked product) reads no invoice", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    await store.saveNewInvoice(sampleDraft());
    const snapshot = await store.readTillStock();
    expect(snapshot).toMatchObject({ balances: [], invoices: [] });
    expect(tillStockByProduct(snapshot.balances, snapshot.invoices, snapshot.state, Date.now()).size).toBe(0);
  });
});
