import "fake-indexeddb/auto";
import type { Product, PullChange } from "@mostrador/domain";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { CatalogChunkCompactor } from "./catalogChunkCompactor";
import {
  CHUNK_MIN_ROWS,
  CHUNK_SIZE,
  chunksWorthCompacting,
  compactChunks,
  compactedChunkRows,
  mergeCatalogRows,
  readChunkedRows,
} from "./catalogChunks";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { CatalogChunkRecord } from "./localRecords";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

const base = demo.products[0] as Product;
const productId = (n: number) => `0190c000-0000-7000-8000-${String(n).padStart(12, "0")}`;
const productChange = (n: number, version: number, price: number): PullChange => ({
  entity: "products",
  id: productId(n),
  version,
  data: { ...base, id: productId(n), name: `Producto ${n}`, barcode: null, price } as Record<string, unknown>,
});
/** Every product 0…count-1 at `price`, versions from `from` (a first load, or a full import of new prices). */
const everyProduct = (count: number, from: number, price: number) =>
  Array.from({ length: count }, (_, i) => productChange(i, from + i, price));

describe("compacting the catalog's chunks", () => {
  it("a full re-import of prices doubles the chunks' rows; compaction halves them and the catalog reads the same", async () => {
    store = openTestStore();
    const count = CHUNK_SIZE * 3 + 40;
    await store.applyPullPage(demo.pullPage(everyProduct(count, 2_000_000, 1000)));
    expect(chunksWorthCompacting(await readChunkedRows(store.db, "products"))).toBe(false);
    await store.applyPullPage(demo.pullPage(everyProduct(count, 3_000_000, 1500)));
    const read = await readChunkedRows(store.db, "products");
    expect(read).toMatchObject({ chunkRows: 2 * count, liveChunkRows: count });
    expect(chunksWorthCompacting(read)).toBe(true);
    const before = await store.listProducts();

    expect(await compactChunks(store.db, "products")).toBe(true);
    const after = await readChunkedRows(store.db, "products");
    expect(after).toMatchObject({ chunkRows: count, liveChunkRows: count });
    expect(await store.db.productChunks.count()).toBe(Math.ceil(count / CHUNK_SIZE));
    expect(await store.listProducts()).toEqual(before);
    expect(before.every((p) => p.price === 1500)).toBe(true);
    // Nothing left to gain: a second compaction writes nothing.
    expect(await compactChunks(store.db, "products")).toBe(false);
  });

  it("a small import of a few prices is not worth it", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.pullPage(everyProduct(CHUNK_SIZE * 4, 2_000_000, 1000)));
    await store.applyPullPage(demo.pullPage(everyProduct(CHUNK_MIN_ROWS, 3_000_000, 1200)));
    expect(chunksWorthCompacting(await readChunkedRows(store.db, "products"))).toBe(false);
    expect(await compactChunks(store.db, "products")).toBe(false);
  });

  it("the till's read schedules it once, later, and the rows read before and after are the same", async () => {
    store = openTestStore();
    const compactor = new CatalogChunkCompactor(store.db, 0);
    const count = CHUNK_SIZE * 2;
    await store.applyPullPage(demo.pullPage(everyProduct(count, 2_000_000, 1000)));
    await store.applyPullPage(demo.pullPage(everyProduct(count, 3_000_000, 1100)));
    const [first, second] = await Promise.all([compactor.list("products"), compactor.list("products")]);
    expect(second).toEqual(first);
    expect((await readChunkedRows(store.db, "products")).chunkRows).toBe(2 * count); // not yet: after the read
    await compactor.settled();
    expect((await readChunkedRows(store.db, "products")).chunkRows).toBe(count);
    expect(await compactor.list("products")).toEqual(first);
  });

  it("clients made at the till and deleted products stay as they were", async () => {
    store = openTestStore();
    const count = CHUNK_SIZE * 2;
    await store.applyPullPage(demo.pullPage(everyProduct(count, 2_000_000, 1000)));
    await store.applyPullPage(
      demo.pullPage([
        ...everyProduct(count, 3_000_000, 1300),
        { entity: "products", id: productId(7), version: 3_100_000, deleted: true },
      ]),
    );
    const before = await store.listProducts();
    expect(before.some((p) => p.id === productId(7))).toBe(false);
    expect(await compactChunks(store.db, "products")).toBe(true);
    expect(await store.listProducts()).toEqual(before);
    expect(await store.db.productTombstones.count()).toBe(1);
  });
});

describe("compacted chunks merge exactly like the chunks they replace", () => {
  // ids from a small pool, versions from a small range: equal versions across sources happen often.
  const row = fc.record({ id: fc.integer({ min: 0, max: 30 }).map(String), version: fc.integer({ min: 0, max: 20 }) });
  const rows = fc.array(
    row.map((r) => ({ ...r, name: `v${r.version}` })),
    { maxLength: 40 },
  );
  const chunks = fc
    .array(rows, { maxLength: 6 })
    .map((sets) =>
      sets.map(
        (set, i): CatalogChunkRecord<{ id: string; version: number; name: string }> => ({ id: `c${i}`, rows: set }),
      ),
    );
  // The tombstone table holds one tombstone per id.
  const tombstones = fc.uniqueArray(row, { maxLength: 12, selector: (t) => t.id });
  const named = (r: { id: string; version: number }) => ({ ...r, name: `overlay v${r.version}` });

  it("now and after any later writes", () => {
    fc.assert(
      fc.property(
        chunks,
        fc.array(row.map(named), { maxLength: 15 }),
        tombstones,
        chunks,
        fc.array(row.map(named), { maxLength: 15 }),
        tombstones,
        (oldChunks, overlay, deleted, laterChunks, laterOverlay, laterDeleted) => {
          const compacted = [{ id: "compacted", rows: compactedChunkRows(oldChunks, deleted) }];
          expect(mergeCatalogRows(compacted, overlay, deleted)).toEqual(mergeCatalogRows(oldChunks, overlay, deleted));
          // The overlay's rows are replaced by id (a later put, at any version: a till's own client is put at 0);
          // a tombstone is replaced only by a later deletion, whose version is above every earlier one.
          const overlayAfter = [...new Map([...overlay, ...laterOverlay].map((r) => [r.id, r])).values()];
          const later = laterDeleted.map((t) => ({ ...t, version: t.version + 21 }));
          const tombstonesAfter = [...new Map([...deleted, ...later].map((t) => [t.id, t])).values()];
          expect(mergeCatalogRows([...compacted, ...laterChunks], overlayAfter, tombstonesAfter)).toEqual(
            mergeCatalogRows([...oldChunks, ...laterChunks], overlayAfter, tombstonesAfter),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
