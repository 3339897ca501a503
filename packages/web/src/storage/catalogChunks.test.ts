import "fake-indexeddb/auto";
import type { Product, PullChange } from "@mostrador/domain";
import Dexie from "dexie";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { CHUNK_MIN_ROWS, CHUNK_SIZE, mergeCatalogRows } from "./catalogChunks";
import type { DexieLocalStore } from "./dexieLocalStore";
import { LocalDatabase } from "./localDatabase";
import { clientNameOf } from "./pullPageApplier";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

const base = demo.products[0] as Product;
const productId = (n: number) => `0190b000-0000-7000-8000-${String(n).padStart(12, "0")}`;
const productAt = (n: number, price = 1000 + n): Product => ({
  ...base,
  id: productId(n),
  name: `Producto ${n}`,
  barcode: null,
  price,
});
const productChange = (n: number, version: number, price?: number): PullChange => ({
  entity: "products",
  id: productId(n),
  version,
  data: { ...productAt(n, price) } as Record<string, unknown>,
});
const deletion = (n: number, version: number): PullChange => ({
  entity: "products",
  id: productId(n),
  version,
  deleted: true,
});
/** A first load's worth of products: versions from 1 000 000 so they stay above the demo's counter. */
const manyProducts = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => productChange(from + i, 1_000_000 + from + i));

describe("the catalog in chunks", () => {
  it("writes a large page as chunks of CHUNK_SIZE rows and reads every row back in id order", async () => {
    store = openTestStore();
    const count = CHUNK_SIZE * 2 + 17;
    await store.applyPullPage(demo.pullPage(manyProducts(count)));
    expect(await store.db.productChunks.count()).toBe(3);
    expect(await store.db.products.count()).toBe(0);
    const listed = await store.listProducts();
    expect(listed.map((p) => p.id)).toEqual(Array.from({ length: count }, (_, i) => productId(i)));
    expect(listed[5]).toMatchObject({ name: "Producto 5", price: 1005, version: 1_000_005 });
  });

  it("a small page writes rows, as before", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.pullPage(manyProducts(CHUNK_MIN_ROWS - 1)));
    expect(await store.db.productChunks.count()).toBe(0);
    expect(await store.db.products.count()).toBe(CHUNK_MIN_ROWS - 1);
  });

  it("a changed row in a chunk shows its new price; a deleted one disappears", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.pullPage(manyProducts(500)));
    await store.applyPullPage(demo.pullPage([productChange(7, 2_000_000, 1), deletion(8, 2_000_001)]));
    const listed = await store.listProducts();
    expect(listed).toHaveLength(499);
    expect(listed.find((p) => p.id === productId(7))?.price).toBe(1);
    expect(listed.find((p) => p.id === productId(8))).toBeUndefined();
    // the chunks were not rewritten: the change sits in the row table, the deletion in a tombstone
    expect(await store.db.products.count()).toBe(1);
    expect(await store.db.productTombstones.count()).toBe(1);
  });

  it("a row in a later chunk (changed during the first load) wins over the earlier one", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.pullPage(manyProducts(400)));
    const again = manyProducts(400).map((c) => ({ ...c, version: c.version + 5_000, data: { ...c.data, price: 3 } }));
    await store.applyPullPage(demo.pullPage(again));
    const listed = await store.listProducts();
    expect(listed).toHaveLength(400);
    expect(new Set(listed.map((p) => p.price))).toEqual(new Set([3]));
  });

  it("reset clears chunks and tombstones too", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.pullPage([...manyProducts(300), deletion(1, 3_000_000)]));
    await store.applyPullPage(demo.pullPage([productChange(9, 3_000_001)], { reset: true }));
    expect(await store.db.productChunks.count()).toBe(0);
    expect(await store.db.productTombstones.count()).toBe(0);
    expect((await store.listProducts()).map((p) => p.id)).toEqual([productId(9)]);
  });

  it("clients in chunks keep their search words and are found by id (an invoice's client name)", async () => {
    store = openTestStore();
    const clients: PullChange[] = Array.from({ length: 250 }, (_, i) => ({
      entity: "clients",
      id: `0190c000-0000-7000-8000-${String(i).padStart(12, "0")}`,
      version: 1_000_000 + i,
      data: { ...demo.pedro, id: `0190c000-0000-7000-8000-${String(i).padStart(12, "0")}`, name: `Cliente ${i}` },
    }));
    await store.applyPullPage(demo.pullPage(clients));
    expect(await store.db.clientChunks.count()).toBe(1);
    const listed = await store.listClients();
    expect(listed).toHaveLength(250);
    expect(listed[3]?.searchWords).toEqual(["cliente", "3", "1020304050"]);
    expect(await clientNameOf(store.db, clients[42]!.id)).toBe("Cliente 42");
    expect(await clientNameOf(store.db, demo.walkInClient.id)).toBe("");
  });

  it("a client made at the till stays beside the chunks, and the server's row replaces it", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const { version: _, ...fields } = demo.pedro;
    const newClient = { ...fields, id: "0190d000-0000-7000-8000-000000000001", name: "Nueva Cliente" };
    await store.tillClients.saveClient(newClient);
    expect((await store.listClients()).find((c) => c.id === newClient.id)?.createdOffline).toBe(true);
    const serverClients: PullChange[] = Array.from({ length: 220 }, (_, i) => ({
      entity: "clients",
      id: i === 0 ? newClient.id : `0190c000-0000-7000-8000-${String(i).padStart(12, "0")}`,
      version: 1_000_000 + i,
      data: { ...demo.pedro, id: "", name: i === 0 ? "Nueva Cliente (servidor)" : `Cliente ${i}` },
    }));
    await store.applyPullPage(demo.pullPage(serverClients));
    const mine = (await store.listClients()).filter((c) => c.id === newClient.id);
    expect(mine.map((c) => [c.name, c.createdOffline])).toEqual([["Nueva Cliente (servidor)", undefined]]);
    expect(await store.listClients()).toHaveLength(2 + 220);
  });

  it("an upgraded v7 till keeps its catalog rows, and a later large page merges with them", async () => {
    const name = `upgrade-v7-${crypto.randomUUID()}`;
    const v7 = new Dexie(name);
    v7.version(7).stores({ meta: "key", products: "id", clients: "id", tillClients: "id, status" });
    await v7.table("products").bulkPut(demo.products.map((p, i) => ({ ...p, version: 10 + i })));
    await v7.table("meta").put({ key: "syncCursor", value: 13 });
    v7.close();
    const { DexieLocalStore } = await import("./dexieLocalStore");
    store = new DexieLocalStore(new LocalDatabase(name));
    expect((await store.listProducts()).map((p) => p.name).sort()).toEqual(demo.products.map((p) => p.name).sort());
    await store.applyPullPage(
      demo.pullPage([...manyProducts(300), { ...productChange(0, 0), id: base.id, version: 1_500_000 }]),
    );
    const listed = await store.listProducts();
    expect(listed).toHaveLength(demo.products.length + 300);
    expect(listed.find((p) => p.id === base.id)?.name).toBe("Producto 0");
  });
});

/** What applying each page row by row leaves (the behaviour before chunks): the last change per id wins. */
function rowByRow(pages: readonly PullChange[][]): Map<string, Record<string, unknown>> {
  const rows = new Map<string, Record<string, unknown>>();
  for (const page of pages)
    for (const change of page) {
      if (change.deleted) rows.delete(change.id);
      else rows.set(change.id, { ...change.data, id: change.id, version: change.version });
    }
  return rows;
}

describe("the chunked catalog equals the row-by-row apply", () => {
  // A page is a few changes (→ rows) or a burst of at least CHUNK_MIN_ROWS (→ chunks); ids from a small
  // pool so pages overwrite and delete each other's rows; versions rise page after page, as the server's do.
  const smallChange = fc.record({ n: fc.integer({ min: 0, max: 259 }), deleted: fc.boolean(), price: fc.nat(99) });
  const page = fc.oneof(
    fc.array(smallChange, { minLength: 1, maxLength: 6 }),
    fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: CHUNK_MIN_ROWS, max: 200 + CHUNK_MIN_ROWS }))
      .map(([from, count]) =>
        Array.from({ length: count }, (_, i) => ({ n: from + i, deleted: i % 37 === 5, price: 7 })),
      ),
  );
  it("for any sequence of pages", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: 1, maxLength: 5 }), async (generated) => {
        let version = 1;
        const pages = generated.map((changes) =>
          changes.map((c) => (c.deleted ? deletion(c.n, version++) : productChange(c.n, version++, c.price))),
        );
        const till = openTestStore();
        try {
          for (const changes of pages) await till.applyPullPage(demo.pullPage(changes));
          const expected = [...rowByRow(pages).values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
          expect(await till.listProducts()).toEqual(expected);
        } finally {
          till.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it("merge rule: the highest version wins; at equal versions a tombstone, then the row table, then a chunk", () => {
    const row = (id: string, version: number, name: string) => ({ id, version, name });
    const merged = mergeCatalogRows(
      [{ id: "c1", rows: [row("a", 2, "chunk"), row("b", 5, "chunk"), row("c", 1, "chunk")] }],
      [row("a", 2, "overlay"), row("b", 4, "overlay")],
      [{ id: "c", version: 1 }],
    );
    expect(merged).toEqual([row("a", 2, "overlay"), row("b", 5, "chunk")]);
  });
});
