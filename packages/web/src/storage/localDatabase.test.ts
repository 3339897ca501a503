import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { LocalDatabase } from "./localDatabase";

describe("LocalDatabase schema upgrades", () => {
  it("opens a version 1 database and keeps its rows", async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      meta: "key",
      products: "id, *searchWords, barcode, reference, categoryId",
      clients: "id, *searchWords, idNumber",
      invoices: "id, status, issuedAt, number, [numberingId+number], clientId",
    });
    await v1.table("products").put({ ...demo.products[0], searchWords: ["cafe"] });
    await v1.table("meta").put({ key: "syncCursor", value: 42 });
    v1.close();

    const db = new LocalDatabase(name);
    await db.open();
    expect(db.verno).toBe(8);
    expect(await db.productChunks.count()).toBe(0); // v8: the catalog in chunks (issue 17)
    expect(await db.stock.count()).toBe(0); // v6: inventory balances (issue 14)
    expect(await db.tillClients.count()).toBe(0); // v7: clients made at the till (issue 16)
    expect((await db.products.get(demo.products[0]!.id))?.name).toBe("Café molido 500 g");
    expect((await db.meta.get("syncCursor"))?.value).toBe(42);
    expect(await db.products.count()).toBe(1);
    db.close();
  });
});
