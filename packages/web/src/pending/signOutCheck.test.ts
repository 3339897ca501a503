import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppServices } from "../services/appServices";
import { signOut } from "../session/sessionActions";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import { noUnsynced } from "../storage/unsyncedRecords";
import * as demo from "../testing/demoCatalog";
import { buildNewClient } from "../testing/sampleInvoices";
import { refusedVoid, sellAndSync } from "../testing/syncedSale";

// «Cerrar sesión» is refused while anything exists only here, every kind counted (not only invoices),
// and what is pending is offered to the server first.

let store: DexieLocalStore;
afterEach(() => store?.close());

function services(syncNow: () => Promise<unknown>) {
  const transport = { retireDevice: vi.fn(async () => undefined), logout: vi.fn(async () => undefined) };
  return {
    store,
    transport,
    syncEngine: { syncNow: vi.fn(syncNow) },
  } as unknown as Pick<AppServices, "store" | "transport" | "syncEngine"> & { transport: typeof transport };
}

describe("the sign-out check counts every unsynced kind", () => {
  it("a shift revision alone: synced first, then refused with the shift counted; nothing wiped", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    await store.setMeta("device", demo.device);
    const shift = await store.openShift({
      terminalId: demo.caja1.id,
      deviceId: demo.device.deviceId,
      openedBy: demo.cashier.id,
      openingFloat: 0,
    });
    const offline = services(async () => ({ ok: false }));
    const result = await signOut(offline);
    expect(offline.syncEngine.syncNow).toHaveBeenCalledTimes(1);
    expect(result).toEqual({
      ok: false,
      pending: 0,
      errors: 0,
      unsynced: { ...noUnsynced, shifts: { pending: 1, error: 0 } },
    });
    expect(await store.getShift(shift.id)).toBeDefined();
    expect(offline.transport.retireDevice).not.toHaveBeenCalled();
  });

  it("once the sync has delivered everything, it signs out and wipes the device", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    await store.setMeta("device", demo.device);
    await store.tillClients.saveClient(buildNewClient({ id: demo.fixtureId(4343), name: "Luz Marina Cárdenas" }));
    const delivering = services(async () => {
      await store.tillClients.applyClientPushResults([
        { outcome: "accepted", id: demo.fixtureId(4343), duplicate: false },
      ]);
      return { ok: true };
    });
    expect(await signOut(delivering)).toEqual({ ok: true });
    expect(delivering.transport.retireDevice).toHaveBeenCalledTimes(1);
    expect(await store.getMeta("device")).toBeUndefined();
  });

  it("a void the server refused (it can be sent again) is refused at sign-out, not wiped", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.returnsCatalogPage());
    await store.setMeta("device", demo.device);
    const invoice = await sellAndSync(store);
    await refusedVoid(store, invoice);
    const online = services(async () => ({ ok: true }));
    expect(await signOut(online)).toEqual({
      ok: false,
      pending: 0,
      errors: 0,
      unsynced: { ...noUnsynced, voids: { pending: 0, error: 1 } },
    });
    expect(await store.returns.listInvoiceVoids(invoice.id)).toHaveLength(1);
    expect(online.transport.retireDevice).not.toHaveBeenCalled();
  });
});
