import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { deviceMismatch, refusedVoid, returnOf, sellAndSync, voidOf } from "../testing/syncedSale";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { DeviceIdentity } from "./localRecords";
import { openTestStore } from "./testDatabase";
import { totalUnsynced } from "./unsyncedRecords";

// A credit note or void imported from another till's file, of an invoice this device never had, refused
// with DEVICE_MISMATCH (its maker is still active): the «Con error» view lists it, so it can be sent again.

const stores: DexieLocalStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const otherDevice: DeviceIdentity = { ...demo.device, deviceId: demo.fixtureId(93) };

async function till(device: DeviceIdentity) {
  const store = openTestStore();
  stores.push(store);
  await store.applyPullPage(demo.returnsCatalogPage());
  await store.setMeta("device", device);
  return store;
}

describe("returns in error, whether or not their invoice is here", () => {
  it("an imported note and void of invoices not on this device are listed, and «Sincronizar de nuevo» works", async () => {
    const maker = await till(demo.device);
    const returned = await sellAndSync(maker);
    const voided = await sellAndSync(maker);
    const note = await returnOf(maker, returned);
    const voidRecord = await voidOf(maker, voided);

    const here = await till(otherDevice);
    await here.importPendingFile({
      invoices: [],
      creditNotes: [note.document],
      voids: [voidRecord.document],
      shifts: [],
      clients: [],
    });
    expect(await here.returns.listReturnsInError()).toEqual([]);
    await here.returns.applyCreditNotePushResults([
      { outcome: "rejected", id: note.id, revision: 1, errors: deviceMismatch },
    ]);
    await here.returns.applyVoidPushResults([{ outcome: "rejected", id: voidRecord.id, errors: deviceMismatch }]);
    expect(totalUnsynced(await here.countUnsynced())).toBe(2);

    const listed = await here.returns.listReturnsInError();
    expect(listed).toEqual([
      {
        kind: "creditNote",
        id: note.id,
        invoiceId: returned.id,
        invoice: { prefix: returned.prefix, number: returned.number },
        invoiceHere: false,
        note: { prefix: note.prefix, number: note.number },
        reason: "El cliente lo devolvió",
        at: note.issuedAt,
        errors: deviceMismatch,
      },
      {
        kind: "void",
        id: voidRecord.id,
        invoiceId: voided.id,
        invoice: null,
        invoiceHere: false,
        note: null,
        reason: "Registrada por error",
        at: voidRecord.document.voidedAt,
        errors: deviceMismatch,
      },
    ]);

    await here.returns.resendCreditNote(note.id);
    await here.returns.resendVoid(voidRecord.id);
    expect(await here.returns.listReturnsInError()).toEqual([]);
    expect(await here.returns.listCreditNotesToPush(10, { invoiceOnServer: true })).toEqual([note.document]);
    expect(await here.returns.listVoidsToPush(10)).toEqual([voidRecord.document]);
  });

  it("a void in error of an invoice on this device names it and says it is here", async () => {
    const store = await till(demo.device);
    const invoice = await sellAndSync(store);
    const recorded = await refusedVoid(store, invoice);
    expect(await store.returns.listReturnsInError()).toMatchObject([
      { kind: "void", id: recorded.id, invoice: { prefix: invoice.prefix, number: invoice.number }, invoiceHere: true },
    ]);
  });
});
