import "fake-indexeddb/auto";
import type { PullResponse } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { saleContext, sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

describe("applyPullPage", () => {
  it("stores every entity of a page and its cursor", async () => {
    store = openTestStore();
    const page = demo.fullCatalogPage();
    const result = await store.applyPullPage(page);
    expect(result.cursor).toBe(page.cursor);
    expect((await store.getCursors()).cursor).toBe(page.cursor);
    expect(await store.db.products.count()).toBe(demo.products.length);
    expect(await store.db.taxes.count()).toBe(4);
    expect(await store.getMeta("company")).toMatchObject({ name: "Empresa Ejemplar S.A.S.", nit: "900123456-8" });
    expect(result.appliedByEntity.products).toBe(demo.products.length);
  });

  it("a page with shifts this till does not hold applies and moves the device cursor", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const shift = { id: "0190a000-0000-7000-8000-000000000001", status: "open" };
    const result = await store.applyPullPage(
      demo.pullPage([{ entity: "shifts", id: shift.id, version: 3, data: shift }], { cursor: 0, invoiceCursor: 3 }),
    );
    expect(result.appliedByEntity.shifts).toBe(1);
    expect((await store.getCursors()).invoiceCursor).toBe(3);
  });

  it("credit notes (not stored by the till yet) are passed over and the device cursor still moves", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const note = { id: "0190a000-0000-7000-8000-000000000002", prefix: "NC", number: 1 };
    const result = await store.applyPullPage(
      demo.pullPage([{ entity: "creditNotes", id: note.id, version: 4, data: note }], { cursor: 0, invoiceCursor: 4 }),
    );
    expect(result.appliedByEntity.creditNotes).toBe(1);
    expect((await store.getCursors()).invoiceCursor).toBe(4);
  });

  it("stores products and clients with the client's search words", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const pedro = await store.db.clients.get(demo.pedro.id);
    expect(pedro?.searchWords).toEqual(["pedro", "osorio", "1020304050"]);
    const byBarcode = (await store.db.products.toArray()).find((p) => p.barcode === "7701234000028");
    expect(byBarcode?.name).toBe("Gaseosa cola 1,5 L");
    const clients = (await store.db.clients.toArray()).filter((c) => c.idNumber === "1020304050");
    expect(clients.map((c) => c.name)).toEqual(["Pedro Osorio"]);
  });

  it("applies tombstones and keeps the last change of a repeated id", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const coffee = demo.products[0]!;
    const soda = demo.products[1]!;
    await store.applyPullPage(
      demo.pullPage([
        { entity: "products", id: coffee.id, version: 500, deleted: true },
        demo.change("products", { ...soda, price: 1 }),
        demo.change("products", { ...soda, price: 2 }),
      ]),
    );
    expect(await store.db.products.get(coffee.id)).toBeUndefined();
    expect((await store.db.products.get(soda.id))?.price).toBe(2);
  });

  it("is all or nothing: a failing page leaves data and cursor as they were", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const cursorBefore = (await store.getCursors()).cursor;
    const broken: PullResponse = demo.pullPage([
      demo.change("products", { ...demo.products[1]!, price: 7 }),
      // a row without a valid key makes IndexedDB throw inside the transaction
      { entity: "taxes", id: undefined as unknown as string, version: 9999, data: { id: undefined } },
    ]);
    await expect(store.applyPullPage({ ...broken, cursor: 9999 })).rejects.toThrow();
    expect((await store.getCursors()).cursor).toBe(cursorBefore);
    expect((await store.db.products.get(demo.products[1]!.id))?.price).toBe(demo.products[1]!.price);
  });

  it("reset drops the downloaded data but keeps local invoices", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const saved = await store.saveNewInvoice(sampleDraft());
    const result = await store.applyPullPage(
      demo.pullPage([demo.change("products", demo.products[2]!)], { reset: true, cursor: 3 }),
    );
    expect(result.reset).toBe(true);
    expect(await store.db.products.count()).toBe(1);
    expect(await store.db.taxes.count()).toBe(0);
    expect((await store.getCursors()).cursor).toBe(3);
    expect((await store.getInvoice(saved.id))?.status).toBe("pending");
  });

  it("keeps the device's own next number when the server re-sends a block", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 50)]));
    await store.saveNewInvoice(sampleDraft());
    await store.saveNewInvoice(sampleDraft());
    await store.applyPullPage(
      demo.pullPage([demo.change("numberBlocks", { ...demo.numberBlock(1, 1, 50), nextNumber: 1 })]),
    );
    const third = await store.saveNewInvoice(sampleDraft());
    expect(third.number).toBe(3);
  });
});

describe("applyPullPage and local invoices", () => {
  it("never overwrites an invoice with unsent changes", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const saved = await store.saveNewInvoice(sampleDraft());
    // An older server view of the invoice (say, from another device's import) must not touch it.
    const result = await store.applyPullPage(
      demo.pullPage([
        {
          entity: "invoices",
          id: saved.id,
          version: 900,
          data: { id: saved.id, revision: 0, status: "rejected", errors: [] },
        },
        { entity: "invoices", id: saved.id, version: 901, deleted: true },
      ]),
    );
    expect(result.keptLocalInvoices).toEqual([saved.id]);
    const local = await store.getInvoice(saved.id);
    expect(local?.status).toBe("pending");
    expect(local?.document).toEqual(saved.document);
  });

  it("marks a pending invoice synced when the server already has its revision", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const saved = await store.saveNewInvoice(sampleDraft());
    await store.applyPullPage(
      demo.pullPage([
        {
          entity: "invoices",
          id: saved.id,
          version: 902,
          data: { id: saved.id, revision: 1, status: "accepted", errors: [] },
        },
      ]),
    );
    const local = await store.getInvoice(saved.id);
    expect(local?.status).toBe("synced");
    expect(local?.document).toEqual(saved.document);
    expect((await store.listInvoicesToPushPage(100)).documents).toEqual([]);
  });

  it("does not rewrite an invoice the pull brings back as the push answer left it; a change is still written", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const saved = await store.saveNewInvoice(sampleDraft());
    const invoice = { status: "accepted", version: 905, number: saved.number, returnedQuantities: [0] };
    const electronicDocument = { state: "generated", cude: "c1", qrText: "q", contingency: false };
    await store.applyPushResults([
      { id: saved.id, revision: 1, outcome: "accepted", invoice: { ...invoice, electronicDocument } },
    ] as never);
    const answered = await store.getInvoice(saved.id);
    const change = (version: number, state: string) => ({
      entity: "invoices" as const,
      id: saved.id,
      version,
      data: { id: saved.id, revision: 1, ...invoice, electronicDocument: { ...electronicDocument, state } },
    });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a rewrite would then carry another updatedAt
    await store.applyPullPage(demo.pullPage([change(905, "generated")]));
    // The same record, not a rewrite of it (updatedAt is set by every write).
    expect(await store.getInvoice(saved.id)).toEqual(answered);
    await store.applyPullPage(demo.pullPage([change(905, "accepted")]));
    expect((await store.getInvoice(saved.id))?.electronicDocument?.state).toBe("accepted");
  });

  it("adds this device's invoices that the server sends with their document", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const draft = sampleDraft();
    const { receipt: _receipt, ...doc } = draft;
    const document = { ...doc, revision: 1, prefix: "POS", number: 40, notes: "" };
    await store.applyPullPage(
      demo.pullPage([
        {
          entity: "invoices",
          id: document.id,
          version: 903,
          data: { id: document.id, revision: 1, status: "accepted", document },
        },
      ]),
    );
    expect(await store.getInvoice(document.id)).toMatchObject({
      status: "synced",
      number: 40,
      clientName: "Consumidor final",
    });
  });

  it("never takes 0 (no number in SQL) as an electronic invoice's number", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const { receipt: _receipt, ...doc } = sampleDraft({
      ...saleContext,
      terminal: demo.caja3,
      numbering: demo.feNumbering,
    });
    const document = { ...doc, revision: 1, prefix: demo.feNumbering.prefix, number: null, notes: "" };
    const errors = [{ code: "TOTALS_MISMATCH", message: "totals", messageEs: "totales" }];
    await store.applyPullPage(
      demo.pullPage([
        {
          entity: "invoices",
          id: document.id,
          version: 904,
          data: { id: document.id, revision: 1, status: "rejected", number: 0, errors, document },
        },
      ]),
    );
    const local = await store.getInvoice(document.id);
    expect(local).toMatchObject({ status: "error", number: null, errors });
    expect(local?.document.number).toBeNull();
  });
});
