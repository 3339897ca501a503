import { takeNextInvoiceNumber } from "./invoiceNumbering";
import { localInvoiceFromDocument } from "./invoiceRecords";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalInvoice, VoidedNumberRecord } from "./localRecords";
import type { NewInvoiceDraft } from "./localStore";
import { LocalStoreError } from "./localStoreErrors";
import { keepClientOfRevision } from "./tillClients";

/**
 * Writes for invoices the server rejected ("Error"): a new revision after "Editar", the same
 * revision sent again ("Sincronizar de nuevo"), and the local mark of a void ("Anular").
 * Each runs in one read-write transaction.
 */

async function invoiceInError(db: LocalDatabase, id: string): Promise<LocalInvoice> {
  const local = await db.invoices.get(id);
  if (!local) throw new LocalStoreError("NOT_FOUND", `invoice ${id} is not on this device`);
  if (local.status !== "error") {
    throw new LocalStoreError("NOT_EDITABLE", `invoice ${id} is ${local.status}: only an invoice in error can change`);
  }
  return local;
}

/** The sale keeps its date; only a date in the future (a wrong clock) moves to the moment of the fix. */
function revisionIssuedAt(original: string, now: string): string {
  return Date.parse(original) <= Date.parse(now) ? original : now;
}

export async function saveInvoiceRevision(
  db: LocalDatabase,
  id: string,
  draft: NewInvoiceDraft,
  options: { newNumber: boolean },
): Promise<LocalInvoice> {
  const { invoiceDocumentSchema } = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", [db.invoices, db.numberBlocks, db.numberings, db.clients], async () => {
    const local = await invoiceInError(db, id);
    const numbering = await db.numberings.get(draft.numberingId);
    if (!numbering) throw new LocalStoreError("NOT_READY", "the terminal's numbering is not loaded on this device");
    // Another numbering (the terminal's changed) means another number, like an error about the number.
    const takeNew = options.newNumber || numbering.id !== local.numberingId;
    const taken = takeNew ? await takeNextInvoiceNumber(db, numbering.id, { electronic: numbering.electronic }) : null;
    const number = taken ? taken.number : local.number;
    const prefix = taken ? numbering.prefix : local.prefix;
    const { receipt, ...documentInput } = draft;
    const parsed = invoiceDocumentSchema.safeParse({
      ...documentInput,
      id,
      revision: local.document.revision + 1,
      issuedAt: revisionIssuedAt(local.document.issuedAt, draft.issuedAt),
      numberingId: numbering.id,
      prefix,
      number,
    });
    if (!parsed.success) {
      throw new LocalStoreError("INVALID_INVOICE", "the invoice does not pass validation", parsed.error.issues);
    }
    const document = parsed.data;
    await keepClientOfRevision(db, document);
    const now = new Date().toISOString();
    const voidedNumbers: VoidedNumberRecord[] = [...(local.voidedNumbers ?? [])];
    if (taken && local.number !== null && local.number !== number) {
      voidedNumbers.push({
        numberingId: local.numberingId,
        prefix: local.prefix,
        number: local.number,
        revision: local.document.revision,
        reasons: local.errors.map((e) => e.code),
        at: now,
      });
    }
    const invoice = localInvoiceFromDocument(
      document,
      {
        ...local,
        status: "pending",
        clientName: receipt.clientName,
        errors: [],
        receipt,
        ...(voidedNumbers.length > 0 ? { voidedNumbers } : {}),
      },
      now,
    );
    await db.invoices.put(invoice);
    return invoice;
  });
}

/**
 * The same revision goes up again: pending, and the server's answer for it is forgotten so the
 * sync engine pushes it (the server re-validates a rejected revision sent again).
 */
export async function resendInvoiceInError(db: LocalDatabase, id: string): Promise<LocalInvoice> {
  return db.transaction("rw", db.invoices, async () => {
    const local = await invoiceInError(db, id);
    const invoice: LocalInvoice = {
      ...local,
      status: "pending",
      errors: [],
      serverRevision: Math.min(local.serverRevision, local.document.revision - 1),
      updatedAt: new Date().toISOString(),
    };
    await db.invoices.put(invoice);
    return invoice;
  });
}

/** The server voided the invoice: it stays on the device as "Anulada", with its reason and its number. */
export async function markVoided(db: LocalDatabase, id: string, reason: string): Promise<LocalInvoice> {
  return db.transaction("rw", db.invoices, async () => {
    const local = await db.invoices.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `invoice ${id} is not on this device`);
    const invoice: LocalInvoice = {
      ...local,
      status: "voided",
      voidReason: reason,
      // Nothing of it is left to upload: a pull may now update it like any synced invoice.
      serverRevision: Math.max(local.serverRevision, local.document.revision),
      updatedAt: new Date().toISOString(),
    };
    await db.invoices.put(invoice);
    return invoice;
  });
}
