import "fake-indexeddb/auto";
import type { PullChange, PullResponse, TerminalShift } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import { pullPageScope } from "./pullPageScope";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

const names = (page: PullResponse) =>
  pullPageScope(store.db, page)
    .map((t) => t.name)
    .sort();
const W = "0190a000-0000-7000-8000-0000000000aa";
const stock = { warehouseId: W, cursor: 2, hasMore: false, full: true, invoiceVersion: 0, balances: [] };
const heldShift = {
  document: { id: "0190a000-0000-7000-8000-0000000000bb", deviceId: "0190a000-0000-7000-8000-0000000000cc" },
  soldElsewhere: { salesCount: 0, salesTotal: 0 },
} as unknown as TerminalShift;

describe("pullPageScope: a pull page's transaction holds only the stores it touches", () => {
  it("a page of cursors locks meta alone: not invoices, number blocks or numberings (Facturar's stores)", () => {
    store = openTestStore();
    expect(names(demo.pullPage([], { cursor: 5, invoiceCursor: 9 }))).toEqual(["meta"]);
    expect(names(demo.pullPage([], { terminalShift: null }))).toEqual(["meta"]);
    expect(names(demo.pullPage([], { stock, terminalShift: heldShift }))).toEqual(["meta", "shifts", "stock"]);
  });

  it("a page of this till's invoices holds invoices and the clients' stores (the name of an invoice new here)", () => {
    store = openTestStore();
    const page = demo.pullPage([{ entity: "invoices", id: "x", version: 3, data: { status: "accepted" } }]);
    expect(names(page)).toEqual(["clientChunks", "clientTombstones", "clients", "invoices", "meta"]);
  });

  it("a reset holds every downloaded store", () => {
    store = openTestStore();
    const scope = names(demo.pullPage([], { reset: true }));
    expect(scope).toEqual(["meta", ...store.db.catalogTables.map((t) => t.name)].sort());
  });

  it("a page with every entity, a held shift, stock and a reset applies inside its scope", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const saved = await store.saveNewInvoice(sampleDraft());
    const full = demo.fullCatalogPage();
    const more: PullChange[] = [
      { entity: "invoices", id: saved.id, version: 4, data: { status: "accepted", revision: 1 } },
      { entity: "shifts", id: "0190a000-0000-7000-8000-000000000001", version: 5, data: { status: "open" } },
      { entity: "creditNotes", id: "0190a000-0000-7000-8000-000000000002", version: 6, data: { number: 1 } },
      { entity: "warehouses", id: W, version: 7, data: { name: "Principal" } },
      { entity: "priceLists", id: "0190a000-0000-7000-8000-000000000003", version: 8, data: { active: false } },
      { entity: "maintenanceWindows", id: "0190a000-0000-7000-8000-000000000004", version: 9, deleted: true },
      { entity: "products", id: demo.products[0]!.id, version: 10, deleted: true },
    ];
    const page = { ...full, changes: [...full.changes, ...more], reset: true, stock, terminalShift: heldShift };
    const result = await store.applyPullPage(page);
    expect(result.appliedByEntity).toMatchObject({ invoices: 1, shifts: 1, creditNotes: 1, warehouses: 1 });
    expect((await store.getInvoice(saved.id))?.status).toBe("synced");
    expect(await store.getMeta("terminalShift")).toMatchObject({ document: { id: heldShift.document.id } });
  });
});
