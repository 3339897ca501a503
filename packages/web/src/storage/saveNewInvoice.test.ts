import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { buildNewClient, saleContext, sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

const stores: DexieLocalStore[] = [];
function track(store: DexieLocalStore): DexieLocalStore {
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe("saveNewInvoice", () => {
  it("numbers the invoice from the device's block and stores it pending", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 101, 150)]));
    const invoice = await store.saveNewInvoice(sampleDraft());
    expect(invoice).toMatchObject({ status: "pending", number: 101, prefix: "POS", serverRevision: 0 });
    expect(invoice.document.revision).toBe(1);
    expect(await store.getInvoice(invoice.id)).toEqual(invoice);
    expect((await store.listInvoicesToPushPage(100)).documents).toEqual([invoice.document]);
    expect(await store.numbersLeft(demo.posNumbering.id)).toBe(49);
  });

  it("takes the lowest free number across blocks, then refuses with NO_NUMBERS_LEFT", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(2, 10, 11), demo.numberBlock(1, 3, 3)]));
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await store.saveNewInvoice(sampleDraft())).number);
    expect(numbers).toEqual([3, 10, 11]);
    const error = await store.saveNewInvoice(sampleDraft()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalStoreError);
    expect((error as LocalStoreError).code).toBe("NO_NUMBERS_LEFT");
    expect(await store.db.invoices.count()).toBe(3);
  });

  it("never gives one number twice to concurrent saves", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 1000)]));
    const saved = await Promise.all(Array.from({ length: 40 }, () => store.saveNewInvoice(sampleDraft())));
    const numbers = saved.map((i) => i.number);
    expect(new Set(numbers).size).toBe(40);
    expect(Math.max(...(numbers as number[]))).toBe(40);
  });

  it("never gives one number twice to two tabs (two connections to one database)", async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const tabA = track(openTestStore(name));
    await tabA.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 30)]));
    const tabB = track(openTestStore(name));
    const saves = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? tabA : tabB).saveNewInvoice(sampleDraft()));
    const numbers = (await Promise.all(saves)).map((i) => i.number);
    expect([...numbers].sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    const error = await tabB.saveNewInvoice(sampleDraft()).catch((e: unknown) => e);
    expect((error as LocalStoreError).code).toBe("NO_NUMBERS_LEFT");
  });

  it("leaves electronic invoices without a number for the server to assign", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage([]));
    const invoice = await store.saveNewInvoice(
      sampleDraft({ ...saleContext, terminal: demo.caja3, numbering: demo.feNumbering }),
    );
    expect(invoice).toMatchObject({ number: null, prefix: "FE", status: "pending" });
  });

  it("stores a client created at the till with the invoice", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage());
    const newClient = buildNewClient();
    const draft = { ...sampleDraft(), clientId: newClient.id, newClient };
    const invoice = await store.saveNewInvoice(draft);
    expect(invoice.document.newClient?.name).toBe("Ana Gómez");
    expect((await store.db.clients.toArray()).find((c) => c.idNumber === "52123456")?.searchWords).toContain("gomez");
  });

  it("rejects an invalid invoice without using a number", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 5)]));
    const error = await store.saveNewInvoice({ ...sampleDraft(), lines: [] }).catch((e: unknown) => e);
    expect((error as LocalStoreError).code).toBe("INVALID_INVOICE");
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(1);
  });
});

describe("push results", () => {
  it("accepted → synced, rejected → error with reasons, retry → still pending", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage());
    const [a, b, c] = [
      await store.saveNewInvoice(sampleDraft()),
      await store.saveNewInvoice(sampleDraft()),
      await store.saveNewInvoice(sampleDraft()),
    ];
    const summary = {
      id: a.id,
      revision: 1,
      number: 1,
      prefix: "POS",
      numberingId: demo.posNumbering.id,
      status: "accepted" as const,
      terminalId: demo.caja1.id,
      deviceId: demo.device.deviceId,
      cashierId: demo.cashier.id,
      clientId: demo.walkInClient.id,
      total: a.total,
      issuedAt: a.issuedAt,
      receivedAt: a.issuedAt,
      errors: [],
      version: 77,
      returnStatus: "none" as const,
      returnedQuantities: [],
    };
    const rejection = { code: "PRODUCT_INACTIVE" as const, message: "inactive", messageEs: "inactivo" };
    const outcome = await store.applyPushResults([
      { outcome: "accepted", id: a.id, revision: 1, duplicate: false, invoice: summary },
      { outcome: "rejected", id: b.id, revision: 1, errors: [rejection] },
      { outcome: "retry", id: c.id, revision: 1, reason: "busy" },
    ]);
    expect(outcome).toEqual({ synced: 1, rejected: 1, retry: 1, ignored: 0 });
    expect((await store.getInvoice(a.id))?.status).toBe("synced");
    expect(await store.getInvoice(b.id)).toMatchObject({ status: "error", errors: [rejection] });
    expect((await store.getInvoice(c.id))?.status).toBe("pending");
    expect(await store.countInvoicesByStatus()).toEqual({ pending: 1, synced: 1, error: 1, voided: 0 });
    expect((await store.listInvoicesToPushPage(10)).documents.map((d) => d.id)).toEqual([c.id]);
    expect((await store.deviceReport()).pending).toBe(1);
  });

  it("exports unsynced invoices and imports them elsewhere without duplicates", async () => {
    const source = track(openTestStore());
    await source.applyPullPage(demo.fullCatalogPage());
    await source.saveNewInvoice(sampleDraft());
    await source.saveNewInvoice(sampleDraft());
    const exported = (await source.listUnsyncedInvoices()).map((i) => i.document);
    const target = track(openTestStore());
    await target.applyPullPage(demo.fullCatalogPage());
    expect(await target.importInvoices([...exported, { nonsense: true }])).toEqual({
      imported: 2,
      alreadyPresent: 0,
      invalid: 1,
    });
    expect(await target.importInvoices(exported)).toEqual({ imported: 0, alreadyPresent: 2, invalid: 0 });
    expect((await target.listInvoicesToPushPage(10)).documents).toHaveLength(2);
  });
});

describe("sign-out wipe", () => {
  it("refuses to clear while an invoice is pending", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage());
    await store.setMeta("device", demo.device);
    await store.saveNewInvoice(sampleDraft());
    expect(await store.clearAllIfSynced()).toBe(false);
    expect(await store.db.invoices.count()).toBe(1);
    expect(await store.getMeta("device")).toEqual(demo.device);
  });

  it("clears everything when all is synced", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage());
    await store.setMeta("device", demo.device);
    expect(await store.clearAllIfSynced()).toBe(true);
    expect(await store.getMeta("device")).toBeUndefined();
    expect(await store.db.products.count()).toBe(0);
  });
});
