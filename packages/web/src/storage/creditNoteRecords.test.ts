import "fake-indexeddb/auto";
import { computeInvoiceTotals } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { acceptedSummary, returnOf, sellAndSync } from "../testing/syncedSale";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalInvoice } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

const cash = demo.paymentMethods.find((m) => m.kind === "cash")!;

async function soldAndSynced(): Promise<LocalInvoice> {
  store = openTestStore();
  await store.applyPullPage(demo.returnsCatalogPage());
  return sellAndSync(store);
}

/** Both units of line 1 of the sale: more than is left once one of them is returned. */
const bothUnits = { picks: [{ invoiceLineIndex: 1, quantity: 2 }] };

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof LocalStoreError ? e.code : String(e);
  }
  return undefined;
}

describe("credit notes on the till", () => {
  it("a return takes the next NC number, is pending, and counts against what is left of the line", async () => {
    const invoice = await soldAndSynced();
    // Line 1 sold 2 units: return 1.
    const note = await returnOf(store, invoice);
    expect(note).toMatchObject({ status: "pending", prefix: "NC", number: 1, invoiceId: invoice.id });
    expect(note.document.lines).toMatchObject([{ invoiceLineIndex: 1, quantity: 1, returnedBefore: 0 }]);
    expect(note.document.refunds).toEqual([{ paymentMethodId: cash.id, kind: "cash", amount: note.total }]);
    expect(note.total).toBeGreaterThan(0);
    expect(await store.returns.returnedQuantities(invoice.id)).toEqual([0, 1]);
    expect(await store.returns.creditNoteNumbersLeft(demo.ncNumbering.id)).toBe(9);
    // What is left: 1 of line 1; 2 would be too many, and nothing is written nor numbered.
    expect(await codeOf(returnOf(store, invoice, bothUnits))).toBe("INVALID_CREDIT_NOTE");
    expect(await store.db.creditNotes.count()).toBe(1);
    const second = await returnOf(store, invoice);
    expect(second).toMatchObject({ number: 2 });
    expect(second.document.lines[0]).toMatchObject({ returnedBefore: 1 });
    // Both notes together refund exactly what line 1 cost.
    expect(note.total + second.total).toBe(computeInvoiceTotals(invoice.document.lines).lines[1]?.total);
    expect(await store.returns.listCreditNotesToPush(10, { invoiceOnServer: true })).toHaveLength(2);
  });

  it("a note of an invoice the server does not have yet waits for it", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.returnsCatalogPage());
    const invoice = await store.saveNewInvoice(sampleDraft());
    await returnOf(store, invoice);
    expect(await store.returns.listCreditNotesToPush(10, { invoiceOnServer: true })).toEqual([]);
    expect(await store.returns.listCreditNotesToPush(10)).toHaveLength(1);
  });

  it("accepted: synced, and the invoice takes the server's returned quantities (not counted twice)", async () => {
    const invoice = await soldAndSynced();
    const note = await returnOf(store, invoice);
    const applied = await store.returns.applyCreditNotePushResults([
      {
        outcome: "accepted",
        id: note.id,
        revision: 1,
        duplicate: false,
        creditNote: {
          ...note.document,
          shiftId: null,
          receivedAt: new Date().toISOString(),
          subtotal: note.document.totals.subtotal,
          discount: note.document.totals.discount,
          tax: note.document.totals.tax,
          total: note.total,
          lines: [{ invoiceLineIndex: 1, quantity: 1 }],
          refunds: note.document.refunds,
          version: 9,
        },
        invoice: acceptedSummary(invoice, {
          returnStatus: "partially_returned",
          returnedQuantities: [0, 1],
          version: 9,
        }),
      },
    ]);
    expect(applied.synced).toBe(1);
    expect(await store.returns.getCreditNote(note.id)).toMatchObject({ status: "synced", serverRevision: 1 });
    expect(await store.getInvoice(invoice.id)).toMatchObject({
      status: "synced",
      returnStatus: "partially_returned",
      returnedQuantities: [0, 1],
    });
    expect(await store.returns.returnedQuantities(invoice.id)).toEqual([0, 1]);
    expect(await store.returns.listCreditNotesToPush(10)).toEqual([]);
  });

  it("rejected: error with reasons; Editar sends a new revision, Anular gives it up", async () => {
    const invoice = await soldAndSynced();
    const note = await returnOf(store, invoice, bothUnits);
    const errors = [{ code: "RETURN_EXCEEDS_SOLD" as const, message: "too many", messageEs: "demasiado" }];
    await store.returns.applyCreditNotePushResults([{ outcome: "rejected", id: note.id, revision: 1, errors }]);
    expect(await store.returns.getCreditNote(note.id)).toMatchObject({ status: "error", errors });
    expect(await store.returns.listCreditNotesToPush(10)).toEqual([]);
    const revised = await store.returns.reviseCreditNote(note.id, {
      picks: [{ invoiceLineIndex: 1, quantity: 1 }],
      refund: { paymentMethodId: cash.id, kind: "cash" },
      reason: "Solo una",
    });
    expect(revised).toMatchObject({ status: "pending", number: note.number, errors: [] });
    expect(revised.document).toMatchObject({ revision: 2, reason: "Solo una" });
    expect(await store.returns.listCreditNotesToPush(10)).toEqual([revised.document]);
    await store.returns.applyCreditNotePushResults([{ outcome: "rejected", id: note.id, revision: 2, errors }]);
    await store.returns.annulCreditNote(note.id);
    expect(await store.returns.returnedQuantities(invoice.id)).toEqual([0, 0]);
    expect(await store.returns.listCreditNotesToPush(10)).toEqual([]);
    expect(await codeOf(store.returns.annulCreditNote(note.id))).toBe("NOT_EDITABLE");
  });
});

describe("voids of synced invoices on the till", () => {
  const voidInput = (invoiceId: string, role = "admin") => ({
    invoiceId,
    deviceId: demo.device.deviceId,
    voidedBy: demo.cashier.id,
    role,
    reason: "Registrada por error",
  });

  it("voided at once (also offline), kept so by a pull until the server answers; accepted for good", async () => {
    const invoice = await soldAndSynced();
    const recorded = await store.returns.voidInvoice(voidInput(invoice.id));
    expect(await store.getInvoice(invoice.id)).toMatchObject({ status: "voided", pendingVoidId: recorded.id });
    expect(await store.returns.listVoidsToPush(10)).toEqual([recorded.document]);
    // A pull still saying "accepted" does not undo the void waiting here.
    await store.applyPullPage(
      demo.pullPage([{ entity: "invoices", id: invoice.id, version: 6, data: { ...acceptedSummary(invoice) } }]),
    );
    expect((await store.getInvoice(invoice.id))?.status).toBe("voided");
    await store.returns.applyVoidPushResults([
      {
        outcome: "accepted",
        id: recorded.id,
        duplicate: false,
        invoice: acceptedSummary(invoice, { status: "voided" }),
      },
    ]);
    const after = await store.getInvoice(invoice.id);
    expect(after).toMatchObject({ status: "voided", voidReason: "Registrada por error" });
    expect(after?.pendingVoidId).toBeUndefined();
    expect(await store.returns.listVoidsToPush(10)).toEqual([]);
  });

  it("rejected: the invoice is synced again and the void keeps its reasons", async () => {
    const invoice = await soldAndSynced();
    const recorded = await store.returns.voidInvoice(voidInput(invoice.id));
    const errors = [{ code: "INVOICE_HAS_RETURNS" as const, message: "returns", messageEs: "devoluciones" }];
    await store.returns.applyVoidPushResults([{ outcome: "rejected", id: recorded.id, errors }]);
    expect((await store.getInvoice(invoice.id))?.status).toBe("synced");
    expect(await store.returns.listInvoiceVoids(invoice.id)).toMatchObject([{ status: "error", errors }]);
  });

  it("refused here: an invoice with returns, a pending invoice, a cashier outside the invoice's shift", async () => {
    const invoice = await soldAndSynced();
    expect(await store.returns.voidRefusal(invoice.id, { role: "cashier", at: new Date().toISOString() })).toBe(
      "VOID_NOT_ALLOWED",
    );
    await returnOf(store, invoice);
    expect(await codeOf(store.returns.voidInvoice(voidInput(invoice.id)))).toBe("VOID_REFUSED");
    expect(await store.returns.voidRefusal(invoice.id, { role: "admin", at: new Date().toISOString() })).toBe(
      "INVOICE_HAS_RETURNS",
    );
    const pending = await store.saveNewInvoice(sampleDraft());
    expect(await store.returns.voidRefusal(pending.id, { role: "admin", at: new Date().toISOString() })).toBe(
      "INVOICE_NOT_ACCEPTED",
    );
    expect(await store.db.invoiceVoids.count()).toBe(0);
  });
});
