import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { refusedVoid, returnOf, sellAndSync } from "../testing/syncedSale";
import type { DexieLocalStore } from "./dexieLocalStore";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";
import { noUnsynced, totalUnsynced } from "./unsyncedRecords";

// A void the server refused stays only on this device until it is sent again or given up: the sign-out
// check, the wipe and «Exportar pendientes» all count it (one definition), as they count a credit note in error.

let store: DexieLocalStore;
afterEach(() => store?.close());

async function tillWithRefusedVoid() {
  store = openTestStore();
  await store.applyPullPage(demo.returnsCatalogPage());
  return refusedVoid(store, await sellAndSync(store));
}

describe("a void in error exists only here", () => {
  it("is counted by the sign-out check, kept by the wipe and carried by the file", async () => {
    const recorded = await tillWithRefusedVoid();
    expect(totalUnsynced(await store.countUnsynced())).toBe(1);
    expect((await store.listUnsyncedRecords()).voids).toEqual([recorded.document]);
    expect(await store.clearAllIfSynced()).toBe(false);
    expect(await store.returns.listInvoiceVoids(recorded.invoiceId)).toHaveLength(1);
    expect(await store.countUnsynced()).toEqual({ ...noUnsynced, voids: { pending: 0, error: 1 } });
  });

  it("«Descartar» gives it up: no longer counted, never sent; only a void in error is discarded", async () => {
    const recorded = await tillWithRefusedVoid();
    const discarded = await store.returns.discardVoid(recorded.id);
    expect(discarded.status).toBe("discarded");
    expect(await store.countUnsynced()).toEqual(noUnsynced);
    expect((await store.listUnsyncedRecords()).voids).toEqual([]);
    expect(await store.returns.listVoidsToPush(10)).toEqual([]);
    expect(await codeOf(store.returns.resendVoid(recorded.id))).toBe("NOT_EDITABLE");
    expect(await codeOf(store.returns.discardVoid(recorded.id))).toBe("NOT_EDITABLE");
    expect((await store.getInvoice(recorded.invoiceId))?.status).toBe("synced");
    expect(await store.clearAllIfSynced()).toBe(true);
  });

  it("sent again, it is pending: counted as pending until the server answers", async () => {
    const recorded = await tillWithRefusedVoid();
    await store.returns.resendVoid(recorded.id);
    expect(await store.countUnsynced()).toEqual({ ...noUnsynced, voids: { pending: 1, error: 0 } });
  });
});

describe("the device report (the back office's fleet)", () => {
  it("counts every kind not uploaded, as the sync indicator does, dated by the oldest", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.returnsCatalogPage());
    const invoice = await sellAndSync(store);
    expect(await store.deviceReport()).toEqual({ pending: 0, errors: 0, oldestPendingAt: null });
    // A return of a synced sale, then a shift opened: no invoice pending, yet the till holds two records.
    const note = await returnOf(store, invoice);
    const shift = await store.openShift({
      terminalId: demo.caja1.id,
      deviceId: demo.device.deviceId,
      openedBy: demo.cashier.id,
      openingFloat: 0,
    });
    expect(await store.countInvoicesByStatus()).toMatchObject({ pending: 0, error: 0 });
    const oldest = [note.issuedAt, shift.updatedAt].sort()[0];
    expect(await store.deviceReport()).toEqual({ pending: 2, errors: 0, oldestPendingAt: oldest });
    // A void of another sale that the server refused: in error, as the indicator shows it.
    await refusedVoid(store, await sellAndSync(store));
    expect(await store.deviceReport()).toEqual({ pending: 2, errors: 1, oldestPendingAt: oldest });
    const counts = await store.countUnsynced();
    expect(totalUnsynced(counts)).toBe(3);
  });
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof LocalStoreError ? e.code : String(e);
  }
  return undefined;
}
