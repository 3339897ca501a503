import {
  type InvoiceVoidDocument,
  uuidv7,
  type VoidableInvoice,
  type VoidPushResult,
  voidRefusal,
} from "@mostrador/domain";
import { applyServerInvoiceState } from "./invoiceRecords";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalInvoice, LocalInvoiceVoid } from "./localRecords";
import type { ApplyPushResult } from "./localStore";
import { LocalStoreError } from "./localStoreErrors";

/**
 * "Anular" of a synced invoice, also offline: a void document written with the invoice marked
 * "Anulada" in one transaction, uploaded like a document; the server's answer confirms it or
 * puts the invoice back (the void then shows its reasons).
 */

export interface NewInvoiceVoid {
  invoiceId: string;
  deviceId: string;
  voidedBy: string;
  role: string;
  reason: string;
  now?: Date;
}

/** What the domain's void rules decide on, as this till knows the invoice ("pending"/"error": not accepted). */
export async function localVoidable(db: LocalDatabase, invoice: LocalInvoice): Promise<VoidableInvoice> {
  const notes = await db.creditNotes.where("invoiceId").equals(invoice.id).toArray();
  const hasReturns =
    (invoice.returnStatus ?? "none") !== "none" || notes.some((n) => n.status === "pending" || n.status === "error");
  const numbering = await db.numberings.get(invoice.numberingId);
  const shiftId = invoice.document.shiftId;
  const shift = shiftId ? await db.shifts.get(shiftId) : undefined;
  return {
    status: invoice.status === "voided" ? "voided" : invoice.status === "synced" ? "accepted" : "rejected",
    // A synced contingency ticket is an electronic document too (issue 19): corrected, never voided.
    electronic:
      (numbering?.electronic ?? invoice.receipt?.electronic ?? false) ||
      numbering?.kind === "contingency" ||
      invoice.receipt?.documentKind === "contingency",
    returnStatus: hasReturns ? "partially_returned" : "none",
    shift: shift ? { openedAt: shift.document.openedAt, closedAt: shift.document.closing?.closedAt ?? null } : null,
  };
}

/** Whether the invoice may be voided here, by the domain's rules (null: yes; else the refusal code). */
export async function localVoidRefusal(db: LocalDatabase, invoice: LocalInvoice, by: { role: string; at: string }) {
  if (invoice.status === "pending" || invoice.status === "error") return "INVOICE_NOT_ACCEPTED" as const;
  return voidRefusal(await localVoidable(db, invoice), by);
}

export async function saveInvoiceVoidInDb(db: LocalDatabase, input: NewInvoiceVoid): Promise<LocalInvoiceVoid> {
  const { invoiceVoidDocumentSchema } = await loadLocalSchemas(); // before the transaction
  return db.transaction("rw", [db.invoiceVoids, db.invoices, db.creditNotes, db.numberings, db.shifts], async () => {
    const invoice = await db.invoices.get(input.invoiceId);
    if (!invoice) throw new LocalStoreError("NOT_FOUND", `no invoice ${input.invoiceId} on this device`);
    const now = input.now ?? new Date();
    const refusal = await localVoidRefusal(db, invoice, { role: input.role, at: now.toISOString() });
    if (refusal) throw new LocalStoreError("VOID_REFUSED", `the invoice cannot be voided: ${refusal}`, { refusal });
    const parsed = invoiceVoidDocumentSchema.safeParse({
      id: uuidv7(now.getTime()),
      invoiceId: invoice.id,
      deviceId: input.deviceId,
      voidedBy: input.voidedBy,
      voidedAt: now.toISOString(),
      reason: input.reason.trim(),
    });
    if (!parsed.success) throw new LocalStoreError("VOID_REFUSED", "the void is malformed", parsed.error.issues);
    const at = now.toISOString();
    const record: LocalInvoiceVoid = {
      id: parsed.data.id,
      invoiceId: invoice.id,
      status: "pending",
      document: parsed.data,
      errors: [],
      createdAt: at,
      updatedAt: at,
    };
    await db.invoiceVoids.add(record);
    await db.invoices.put({
      ...invoice,
      status: "voided",
      voidReason: record.document.reason,
      pendingVoidId: record.id,
      updatedAt: at,
    });
    return record;
  });
}

/**
 * «Sincronizar de nuevo» on a void in error: the same void pending again, unchanged (the cause was
 * fixed elsewhere — an admin revoked the device that made an imported void); the invoice shows
 * "Anulada" meanwhile, as when the void was made. The server decides again.
 */
export async function resendVoidInDb(db: LocalDatabase, id: string): Promise<LocalInvoiceVoid> {
  return db.transaction("rw", [db.invoiceVoids, db.invoices], async () => {
    const local = await db.invoiceVoids.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `no void ${id} on this device`);
    if (local.status !== "error") throw new LocalStoreError("NOT_EDITABLE", "only a void in error is sent again");
    const at = new Date().toISOString();
    const record: LocalInvoiceVoid = { ...local, status: "pending", errors: [], updatedAt: at };
    await db.invoiceVoids.put(record);
    const invoice = await db.invoices.get(local.invoiceId);
    if (invoice?.status === "synced")
      await db.invoices.put({
        ...invoice,
        status: "voided",
        voidReason: local.document.reason,
        pendingVoidId: local.id,
        updatedAt: at,
      });
    return record;
  });
}

/**
 * «Descartar» a void in error: given up on this till, never sent again (the invoice stays as the
 * server has it). Like "Anular" of a credit note in error: the cashier's decision, so the sign-out
 * check stops counting it.
 */
export async function discardVoidInDb(db: LocalDatabase, id: string): Promise<LocalInvoiceVoid> {
  return db.transaction("rw", db.invoiceVoids, async () => {
    const local = await db.invoiceVoids.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `no void ${id} on this device`);
    if (local.status !== "error") throw new LocalStoreError("NOT_EDITABLE", "only a void in error is discarded");
    const record: LocalInvoiceVoid = { ...local, status: "discarded", updatedAt: new Date().toISOString() };
    await db.invoiceVoids.put(record);
    return record;
  });
}

export async function listVoidsToPushInDb(db: LocalDatabase, limit: number): Promise<InvoiceVoidDocument[]> {
  const pending = await db.invoiceVoids.where("status").equals("pending").toArray();
  return pending
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .slice(0, limit)
    .map((v) => v.document);
}

/** accepted → the invoice is voided for good; rejected → it is synced again and the void shows why. */
export function applyVoidPushResultsInDb(
  db: LocalDatabase,
  results: readonly VoidPushResult[],
): Promise<ApplyPushResult> {
  const outcome: ApplyPushResult = { synced: 0, rejected: 0, retry: 0, ignored: 0 };
  const now = new Date().toISOString();
  return db.transaction("rw", [db.invoiceVoids, db.invoices], async () => {
    for (const result of results) {
      const local = await db.invoiceVoids.get(result.id);
      if (result.outcome === "retry") {
        outcome.retry += 1;
        continue;
      }
      if (local?.status !== "pending") {
        outcome.ignored += 1;
        continue;
      }
      const invoice = await db.invoices.get(local.invoiceId);
      if (result.outcome === "accepted") {
        outcome.synced += 1;
        await db.invoiceVoids.put({ ...local, status: "synced", errors: [], updatedAt: now });
        if (invoice) {
          const { status, revision, version, number, returnedQuantities, returnStatus } = result.invoice;
          const { pendingVoidId: _, ...rest } = invoice;
          const state = { status, revision, version, number, errors: [], returnedQuantities, returnStatus };
          await db.invoices.put(applyServerInvoiceState(rest, state, now));
        }
      } else {
        outcome.rejected += 1;
        await db.invoiceVoids.put({ ...local, status: "error", errors: [...result.errors], updatedAt: now });
        if (invoice?.pendingVoidId === local.id) {
          const { pendingVoidId: _, voidReason: __, ...rest } = invoice;
          await db.invoices.put({ ...rest, status: "synced", updatedAt: now });
        }
      }
    }
    return outcome;
  });
}
