import "fake-indexeddb/auto";
import Dexie from "dexie";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import {
  countInvoicesByStatusInDb,
  invoicesWithStatus,
  invoicesWithStatuses,
  listInvoicesInDb,
  listUnsyncedInvoicesInDb,
} from "./invoiceQueries";
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
    expect(db.verno).toBe(11);
    expect(await db.productChunks.count()).toBe(0); // v8: the catalog in chunks (issue 17)
    expect(await db.stock.count()).toBe(0); // v6: inventory balances (issue 14)
    expect(await db.tillClients.count()).toBe(0); // v7: clients made at the till (issue 16)
    expect((await db.products.get(demo.products[0]!.id))?.name).toBe("Café molido 500 g");
    expect((await db.meta.get("syncCursor"))?.value).toBe(42);
    expect(await db.products.count()).toBe(1);
    db.close();
  });

  it("v9 indexes the invoices' serverVersion: a v8 database's invoices are found by it, unversioned ones are not", async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v8 = new Dexie(name);
    v8.version(8).stores({
      invoices: "id, status, issuedAt, number, [numberingId+number], clientId, document.shiftId",
    });
    await v8.table("invoices").bulkPut([
      { id: "a", status: "synced", serverVersion: 4, document: { shiftId: null } },
      { id: "b", status: "pending", serverVersion: null, document: { shiftId: null } },
      { id: "c", status: "synced", serverVersion: 9, document: { shiftId: null } },
    ]);
    v8.close();

    const db = new LocalDatabase(name);
    await db.open();
    expect(db.verno).toBe(11);
    expect((await db.invoices.where("serverVersion").above(3).primaryKeys()).sort()).toEqual(["a", "c"]);
    expect(await db.invoices.where("serverVersion").above(4).primaryKeys()).toEqual(["c"]);
    expect(await db.invoices.count()).toBe(3);
    db.close();
  });

  it("v10 orders the push queue by [status+issuedAt+id] over a v9 database's invoices, and drops the clientId index", async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v9 = new Dexie(name);
    v9.version(9).stores({
      invoices: "id, status, issuedAt, number, [numberingId+number], clientId, document.shiftId, serverVersion",
    });
    const row = (id: string, status: string, issuedAt: string) => ({
      id,
      status,
      issuedAt,
      document: { shiftId: null },
    });
    await v9
      .table("invoices")
      .bulkPut([
        row("b", "pending", "2026-12-01T10:00:00.000Z"),
        row("a", "pending", "2026-12-01T10:00:00.000Z"),
        row("c", "synced", "2026-12-01T09:00:00.000Z"),
        row("d", "pending", "2026-12-01T08:00:00.000Z"),
      ]);
    v9.close();

    const db = new LocalDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(10);
    const queue = await db.invoices
      .where("[status+issuedAt+id]")
      .between(["pending"], ["pending", Dexie.maxKey])
      .primaryKeys();
    expect(queue).toEqual(["d", "a", "b"]);
    expect(db.invoices.schema.indexes.map((i) => i.name)).not.toContain("clientId");
    expect(await db.invoices.count()).toBe(4);
    db.close();
  });

  it("v11 drops the status index of a v10 database; its invoices are still read by status", async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v10 = new Dexie(name);
    v10.version(10).stores({
      invoices:
        "id, status, issuedAt, number, [numberingId+number], document.shiftId, serverVersion, [status+issuedAt+id]",
    });
    const row = (id: string, status: string, issuedAt: string) => ({
      id,
      status,
      issuedAt,
      document: { shiftId: null },
    });
    await v10
      .table("invoices")
      .bulkPut([
        row("p2", "pending", "2026-12-01T10:00:00.000Z"),
        row("e1", "error", "2026-12-01T09:30:00.000Z"),
        row("s1", "synced", "2026-12-01T09:00:00.000Z"),
        row("p1", "pending", "2026-12-01T08:00:00.000Z"),
        row("v1", "voided", "2026-12-01T07:00:00.000Z"),
      ]);
    v10.close();

    const db = new LocalDatabase(name);
    await db.open();
    expect(db.verno).toBe(11);
    expect(db.invoices.schema.indexes.map((i) => i.name)).not.toContain("status");
    expect(await invoicesWithStatus(db, "pending").primaryKeys()).toEqual(["p1", "p2"]);
    expect((await invoicesWithStatuses(db, ["pending", "error"])).map((i) => i.id)).toEqual(["p1", "p2", "e1"]);
    expect(await countInvoicesByStatusInDb(db)).toEqual({ pending: 2, synced: 1, error: 1, voided: 1 });
    expect((await listUnsyncedInvoicesInDb(db)).map((i) => i.id)).toEqual(["p1", "e1", "p2"]);
    expect((await listInvoicesInDb(db, { status: "pending" })).map((i) => i.id)).toEqual(["p2", "p1"]);
    db.close();
  });
});
