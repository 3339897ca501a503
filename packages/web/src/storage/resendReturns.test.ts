import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { acceptedSummary, deviceMismatch, returnOf, sellAndSync, voidOf } from "../testing/syncedSale";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalInvoice } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

// «Sincronizar de nuevo» on a credit note or void in error: the same document goes up again unchanged
// (an imported note refused with DEVICE_MISMATCH is accepted once an admin revokes the device that made it).

let store: DexieLocalStore;
afterEach(() => store?.close());

async function soldAndSynced(): Promise<LocalInvoice> {
  store = openTestStore();
  await store.applyPullPage(demo.returnsCatalogPage());
  return sellAndSync(store);
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof LocalStoreError ? e.code : String(e);
  }
  return undefined;
}

describe("«Sincronizar de nuevo» of returns and voids in error", () => {
  it("a credit note in error goes up again with the same revision and number; only a note in error", async () => {
    const invoice = await soldAndSynced();
    const note = await returnOf(store, invoice);
    expect(await codeOf(store.returns.resendCreditNote(note.id))).toBe("NOT_EDITABLE");
    await store.returns.applyCreditNotePushResults([
      { outcome: "rejected", id: note.id, revision: 1, errors: deviceMismatch },
    ]);
    expect(await store.returns.listCreditNotesToPush(10)).toEqual([]);
    const again = await store.returns.resendCreditNote(note.id);
    expect(again).toMatchObject({ status: "pending", errors: [], number: note.number, document: note.document });
    expect(await store.returns.listCreditNotesToPush(10, { invoiceOnServer: true })).toEqual([note.document]);
    // Counted as returned here again until the server answers.
    expect(await store.returns.returnedQuantities(invoice.id)).toEqual([0, 1]);
    await store.returns.applyCreditNotePushResults([
      {
        outcome: "accepted",
        id: note.id,
        revision: 1,
        duplicate: false,
        creditNote: {
          id: note.id,
          revision: 1,
          numberingId: note.numberingId,
          prefix: note.prefix,
          number: note.number,
          invoiceId: invoice.id,
          terminalId: demo.caja1.id,
          deviceId: demo.device.deviceId,
          cashierId: demo.cashier.id,
          shiftId: null,
          issuedAt: note.issuedAt,
          reason: note.document.reason,
          subtotal: note.document.totals.subtotal,
          discount: note.document.totals.discount,
          tax: note.document.totals.tax,
          total: note.total,
          lines: [{ invoiceLineIndex: 1, quantity: 1 }],
          refunds: note.document.refunds,
          receivedAt: new Date().toISOString(),
          version: 7,
        },
        invoice: acceptedSummary(invoice, {
          returnStatus: "partially_returned",
          returnedQuantities: [0, 1],
          version: 8,
        }),
      },
    ]);
    expect((await store.returns.getCreditNote(note.id))?.status).toBe("synced");
  });

  it("a void in error goes up again unchanged and the invoice shows «Anulada» meanwhile; only a void in error", async () => {
    const invoice = await soldAndSynced();
    const recorded = await voidOf(store, invoice);
    expect(await codeOf(store.returns.resendVoid(recorded.id))).toBe("NOT_EDITABLE");
    await store.returns.applyVoidPushResults([{ outcome: "rejected", id: recorded.id, errors: deviceMismatch }]);
    expect((await store.getInvoice(invoice.id))?.status).toBe("synced");
    expect(await store.returns.listVoidsToPush(10)).toEqual([]);
    await store.returns.resendVoid(recorded.id);
    expect(await store.returns.listVoidsToPush(10)).toEqual([recorded.document]);
    expect(await store.getInvoice(invoice.id)).toMatchObject({ status: "voided", pendingVoidId: recorded.id });
  });
});
