import type { InvoiceSummary, PushRequest, PushResult } from "@mostrador/domain";
import type { NewCreditNoteDraft } from "../storage/creditNoteRecords";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import type { LocalCreditNote, LocalInvoice, LocalInvoiceVoid } from "../storage/localRecords";
import type { NewInvoiceDraft } from "../storage/localStore";
import * as demo from "./demoCatalog";
import { sampleDraft } from "./sampleInvoices";

/** The server's summary of an accepted invoice of Caja 1 on the demo device (`extra` overrides fields). */
export function acceptedSummary(invoice: LocalInvoice, extra: Partial<InvoiceSummary> = {}): InvoiceSummary {
  return {
    id: invoice.id,
    revision: invoice.document.revision,
    number: invoice.number,
    prefix: invoice.prefix,
    numberingId: invoice.numberingId,
    status: "accepted",
    terminalId: demo.caja1.id,
    deviceId: demo.device.deviceId,
    cashierId: demo.cashier.id,
    clientId: invoice.clientId,
    total: invoice.total,
    issuedAt: invoice.issuedAt,
    receivedAt: new Date().toISOString(),
    errors: [],
    version: 5,
    returnStatus: "none",
    returnedQuantities: [],
    ...extra,
  };
}

/** The server's answer to a pushed invoice document: accepted as sent (the number it carries, else 1). */
export function acceptedAsSent(doc: PushRequest["invoices"][number]): PushResult {
  return {
    outcome: "accepted",
    id: doc.id,
    revision: doc.revision,
    duplicate: false,
    invoice: {
      id: doc.id,
      revision: doc.revision,
      number: doc.number ?? 1,
      prefix: doc.prefix,
      numberingId: doc.numberingId,
      status: "accepted",
      terminalId: doc.terminalId,
      deviceId: doc.deviceId,
      cashierId: doc.cashierId,
      clientId: doc.clientId,
      total: doc.totals.total,
      issuedAt: doc.issuedAt,
      receivedAt: doc.issuedAt,
      errors: [],
      version: 1,
      returnStatus: "none",
      returnedQuantities: [],
    },
  };
}

/** A sale saved here and accepted by the server (as the push's answer writes it): the till's invoice after. */
export async function sellAndSync(
  store: DexieLocalStore,
  draft: NewInvoiceDraft = sampleDraft(),
): Promise<LocalInvoice> {
  const invoice = await store.saveNewInvoice(draft);
  await store.applyPushResults([
    { outcome: "accepted", id: invoice.id, revision: 1, duplicate: false, invoice: acceptedSummary(invoice) },
  ]);
  const synced = await store.getInvoice(invoice.id);
  if (!synced) throw new Error(`invoice ${invoice.id} vanished`);
  return synced;
}

/** The server's refusal of a return made by another (still active) device. */
export const deviceMismatch = [
  { code: "DEVICE_MISMATCH" as const, message: "other device", messageEs: "otro dispositivo" },
];

/**
 * «Devolución» of one of the two units of line 1 of `invoice` (a sampleDraft sale) on Caja 1 of the demo
 * device, refunded in cash, outside a shift: the saved note, pending. `overrides` change fields of the draft
 * (more units, another reason) where a test is about them.
 */
export function returnOf(
  store: DexieLocalStore,
  invoice: LocalInvoice,
  overrides: Partial<NewCreditNoteDraft> = {},
): Promise<LocalCreditNote> {
  return store.returns.saveCreditNote({
    invoiceId: invoice.id,
    picks: [{ invoiceLineIndex: 1, quantity: 1 }],
    refund: { paymentMethodId: demo.cash.id, kind: "cash" },
    reason: "El cliente lo devolvió",
    terminalId: demo.caja1.id,
    deviceId: demo.device.deviceId,
    cashierId: demo.cashier.id,
    shiftId: null,
    receipt: null,
    ...overrides,
  });
}

/** «Anular» of a synced invoice on the demo device (the demo cashier, as an admin). */
export function voidOf(store: DexieLocalStore, invoice: LocalInvoice): Promise<LocalInvoiceVoid> {
  return store.returns.voidInvoice({
    invoiceId: invoice.id,
    deviceId: demo.device.deviceId,
    voidedBy: demo.cashier.id,
    role: "admin",
    reason: "Registrada por error",
  });
}

/** A void of `invoice` the server refused (DEVICE_MISMATCH): in error here, the invoice synced again. */
export async function refusedVoid(store: DexieLocalStore, invoice: LocalInvoice): Promise<LocalInvoiceVoid> {
  const recorded = await voidOf(store, invoice);
  await store.returns.applyVoidPushResults([{ outcome: "rejected", id: recorded.id, errors: deviceMismatch }]);
  return recorded;
}
