import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { translate } from "../i18n/i18n";
import { catalogs } from "../messages";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import { totalUnsynced } from "../storage/unsyncedRecords";
import { idleSyncState } from "../sync/syncEngine";
import * as demo from "../testing/demoCatalog";
import { refusedVoid, sellAndSync } from "../testing/syncedSale";
import { indicatorCounts, summarizeSyncStatus, syncLabelParts } from "./syncStatusSummary";

// The indicator counts what the sign-out check counts (unsyncedRecords): a shift revision not yet on
// the server is pending, a refused void (it can be sent again) is in error.

let store: DexieLocalStore;
afterEach(() => store?.close());

/** The indicator's label as useSyncStatus computes it from its two live queries. */
async function indicatorLabel(): Promise<string> {
  const counts = indicatorCounts(await store.countInvoicesByStatus(), await store.countUnsyncedBesideInvoices());
  return syncLabelParts(summarizeSyncStatus(counts, idleSyncState))
    .map((part) =>
      part.key === "sync.pending" || part.key === "sync.errors"
        ? translate(catalogs, "es-CO", `${part.key}.${part.count === 1 ? "one" : "other"}`, { count: part.count })
        : translate(catalogs, "es-CO", part.key),
    )
    .join(", ");
}

describe("the sync indicator counts what the sign-out check counts", () => {
  it("a shift opened here is pending; a refused void is in error; both leave «Sincronizado 100%»", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.returnsCatalogPage());
    const invoice = await sellAndSync(store);
    expect(await indicatorLabel()).toBe("Sincronizado 100%");
    await store.openShift({
      terminalId: demo.caja1.id,
      deviceId: demo.device.deviceId,
      openedBy: demo.cashier.id,
      openingFloat: 0,
    });
    expect(await indicatorLabel()).toBe("1 pendiente");
    await refusedVoid(store, invoice);
    expect(await indicatorLabel()).toBe("1 pendiente, 1 con error");
    const counts = indicatorCounts(await store.countInvoicesByStatus(), await store.countUnsyncedBesideInvoices());
    expect(counts.pending + counts.error).toBe(totalUnsynced(await store.countUnsynced()));
  });
});
