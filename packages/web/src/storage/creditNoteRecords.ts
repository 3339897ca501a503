import {
  type CreditNoteDocument,
  type CreditNotePushResult,
  computeCreditNoteTotals,
  creditNoteLinesFor,
  creditNoteNumberRejectionCodes,
  type PaymentMethodKind,
  type PullChange,
  refundsByOriginalPayments,
  returnExcesses,
  uuidv7,
} from "@mostrador/domain";
import { takeNextInvoiceNumber } from "./invoiceNumbering";
import { applyServerInvoiceState } from "./invoiceRecords";
import { type LocalSchemas, loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import {
  creditNoteHasUnsentChanges,
  type LocalCreditNote,
  type LocalInvoice,
  type ReceiptContext,
} from "./localRecords";
import type { ApplyPushResult } from "./localStore";
import { LocalStoreError } from "./localStoreErrors";

/**
 * Returns ("Devolución") on the till: a credit note is written like an invoice — the next number
 * of the device's "NC" blocks and the pending document in one read-write transaction, durable
 * before the receipt shows — and uploaded after the invoice it returns goods of.
 */

export interface ReturnPick {
  invoiceLineIndex: number;
  quantity: number;
}

/** What the "Devolución" screen decides; the store adds the number, lines, totals and revision. */
export interface CreditNoteChoice {
  picks: readonly ReturnPick[];
  refund: { paymentMethodId: string; kind: PaymentMethodKind };
  reason: string;
}

export interface NewCreditNoteDraft extends CreditNoteChoice {
  invoiceId: string;
  terminalId: string;
  deviceId: string;
  cashierId: string;
  shiftId?: string | null;
  receipt: ReceiptContext | null;
  now?: Date;
}

/** Notes the server has not counted in the invoice's returned quantities yet (made here, not accepted). */
const notCountedByServer = (note: LocalCreditNote) => note.status === "pending" || note.status === "error";

/**
 * What was returned of each line of the invoice as this till knows it: the server's count (every
 * till's accepted notes) plus this till's notes the server has not accepted yet. `except`: a note
 * being edited does not count against itself.
 */
export function returnedOfInvoice(db: LocalDatabase, invoice: LocalInvoice, except?: string): Promise<number[]> {
  // A Dexie promise chain, not an async function: it runs inside live queries' transactions (see countNumbersLeft).
  return db.creditNotes
    .where("invoiceId")
    .equals(invoice.id)
    .toArray()
    .then((notes) => {
      const lineCount = invoice.document.lines.length;
      const returned = Array.from({ length: lineCount }, (_, i) => invoice.returnedQuantities?.[i] ?? 0);
      for (const note of notes) {
        if (note.id === except || !notCountedByServer(note)) continue;
        for (const line of note.document.lines)
          if (line.invoiceLineIndex < lineCount)
            returned[line.invoiceLineIndex] =
              Math.round(((returned[line.invoiceLineIndex] as number) + line.quantity) * 1000) / 1000;
      }
      return returned;
    });
}

/** How the money goes back: the one method chosen, or the ticket's own methods (an annulment). */
type RefundPlan = CreditNoteChoice["refund"] | "original";

/** Lines, totals and refund of a credit note for the picks, checked against what is left to return. */
async function priced(
  db: LocalDatabase,
  invoice: LocalInvoice,
  choice: Omit<CreditNoteChoice, "refund"> & { refund: RefundPlan },
  except?: string,
) {
  if (invoice.status === "error" || invoice.status === "voided")
    throw new LocalStoreError("INVALID_CREDIT_NOTE", "only a pending or synced invoice takes returns");
  const returned = await returnedOfInvoice(db, invoice, except);
  const picks = choice.picks.filter((p) => p.quantity > 0);
  const excesses = returnExcesses(invoice.document.lines, returned, picks);
  if (excesses.length > 0)
    throw new LocalStoreError("INVALID_CREDIT_NOTE", "a line returns more than is left of it", excesses);
  const lines = creditNoteLinesFor(invoice.document.lines, returned, picks);
  const t = computeCreditNoteTotals(lines);
  return {
    lines,
    totals: { subtotal: t.subtotal, discount: t.discount, tax: t.tax, total: t.total, taxes: t.taxes },
    refunds:
      choice.refund === "original"
        ? refundsByOriginalPayments(invoice.document.totals.total, invoice.document.payments, t.total)
        : [{ ...choice.refund, amount: t.total }],
    reason: choice.reason.trim(),
  };
}

function validCreditNote({ creditNoteDocumentSchema }: LocalSchemas, input: unknown): CreditNoteDocument {
  const parsed = creditNoteDocumentSchema.safeParse(input);
  if (!parsed.success)
    throw new LocalStoreError("INVALID_CREDIT_NOTE", "the credit note does not pass validation", parsed.error.issues);
  return parsed.data;
}

export function pendingRecord(
  document: CreditNoteDocument,
  previous: Pick<LocalCreditNote, "serverRevision" | "serverVersion" | "createdAt" | "receipt"> | null,
  receipt: ReceiptContext | null,
  now: string,
): LocalCreditNote {
  return {
    id: document.id,
    status: "pending",
    invoiceId: document.invoiceId,
    issuedAt: document.issuedAt,
    numberingId: document.numberingId,
    prefix: document.prefix,
    number: document.number,
    total: document.totals.total,
    document,
    errors: [],
    serverRevision: previous?.serverRevision ?? 0,
    serverVersion: previous?.serverVersion ?? null,
    receipt: previous?.receipt ?? receipt,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
}

export const numberingTables = (db: LocalDatabase) => [
  db.creditNotes,
  db.invoices,
  db.numberBlocks,
  db.numberings,
  db.terminals,
];

/** The terminal's credit-note ("NC") numbering and its next number, inside the caller's transaction. */
async function takeCreditNoteNumber(db: LocalDatabase, terminalId: string) {
  const terminal = await db.terminals.get(terminalId);
  const numberingId = terminal?.creditNoteNumberingId;
  const numbering = numberingId ? await db.numberings.get(numberingId) : undefined;
  if (!numbering) throw new LocalStoreError("NOT_READY", "the terminal has no credit-note numbering on this device");
  const taken = await takeNextInvoiceNumber(db, numbering.id, { electronic: false, used: "creditNotes" });
  return { numberingId: numbering.id, prefix: numbering.prefix, number: taken.number as number };
}

/** "Devolución" → "Confirmar": the credit note with the next NC number, pending, in one transaction. */
export async function saveNewCreditNoteInDb(db: LocalDatabase, draft: NewCreditNoteDraft): Promise<LocalCreditNote> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", numberingTables(db), async () => {
    const invoice = await db.invoices.get(draft.invoiceId);
    if (!invoice) throw new LocalStoreError("NOT_FOUND", `no invoice ${draft.invoiceId} on this device`);
    return addNewCreditNote(db, schemas, invoice, draft);
  });
}

/**
 * The new note's number, document and pending record, inside the caller's read-write transaction
 * over numberingTables: "Devolución", and «Anular» of an electronic ticket (refund "original").
 */
export async function addNewCreditNote(
  db: LocalDatabase,
  schemas: LocalSchemas,
  invoice: LocalInvoice,
  draft: Omit<NewCreditNoteDraft, "refund"> & { refund: RefundPlan },
): Promise<LocalCreditNote> {
  if (invoice.number === null)
    throw new LocalStoreError("INVALID_CREDIT_NOTE", "the invoice has no number yet: sync it first");
  const content = await priced(db, invoice, draft);
  const numbered = await takeCreditNoteNumber(db, draft.terminalId);
  const now = draft.now ?? new Date();
  const document = validCreditNote(schemas, {
    id: uuidv7(now.getTime()),
    revision: 1,
    terminalId: draft.terminalId,
    deviceId: draft.deviceId,
    cashierId: draft.cashierId,
    shiftId: draft.shiftId ?? null,
    ...numbered,
    invoiceId: invoice.id,
    invoicePrefix: invoice.prefix,
    invoiceNumber: invoice.number,
    issuedAt: now.toISOString(),
    ...content,
  });
  const record = pendingRecord(document, null, draft.receipt, now.toISOString());
  await db.creditNotes.add(record);
  return record;
}

/**
 * "Editar" on a credit note in error: revision + 1 with the new quantities, refund and reason,
 * priced again against what is left now. It keeps its number unless the error was about the number.
 */
export async function reviseCreditNoteInDb(
  db: LocalDatabase,
  id: string,
  choice: CreditNoteChoice,
  now = new Date(),
): Promise<LocalCreditNote> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", numberingTables(db), async () => {
    const local = await db.creditNotes.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `no credit note ${id} on this device`);
    if (local.status !== "error") throw new LocalStoreError("NOT_EDITABLE", "only a credit note in error is edited");
    const invoice = await db.invoices.get(local.invoiceId);
    if (!invoice) throw new LocalStoreError("NOT_FOUND", `no invoice ${local.invoiceId} on this device`);
    const content = await priced(db, invoice, choice, id);
    const newNumber = local.errors.some((e) => creditNoteNumberRejectionCodes.includes(e.code));
    const numbered = newNumber ? await takeCreditNoteNumber(db, local.document.terminalId) : {};
    const document = validCreditNote(schemas, {
      ...local.document,
      ...numbered,
      ...content,
      revision: local.document.revision + 1,
    });
    const record = pendingRecord(document, local, local.receipt, now.toISOString());
    await db.creditNotes.put(record);
    return record;
  });
}

/**
 * «Sincronizar de nuevo» on a credit note in error: the same revision goes up again, unchanged (the
 * cause was fixed elsewhere — an admin revoked the device that made an imported note). The server
 * stores nothing for a refused note, so it validates this revision again as new.
 */
export async function resendCreditNoteInDb(db: LocalDatabase, id: string): Promise<LocalCreditNote> {
  return db.transaction("rw", db.creditNotes, async () => {
    const local = await db.creditNotes.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `no credit note ${id} on this device`);
    if (local.status !== "error")
      throw new LocalStoreError("NOT_EDITABLE", "only a credit note in error is sent again");
    const record: LocalCreditNote = {
      ...local,
      status: "pending",
      errors: [],
      // Forget the answer to this revision so the sync engine sends it (creditNoteHasUnsentChanges).
      serverRevision: Math.min(local.serverRevision, local.document.revision - 1),
      updatedAt: new Date().toISOString(),
    };
    await db.creditNotes.put(record);
    return record;
  });
}

/** "Anular" a credit note in error: it is never sent again and no longer counts as returned. */
export async function annulCreditNoteInDb(db: LocalDatabase, id: string): Promise<LocalCreditNote> {
  return db.transaction("rw", db.creditNotes, async () => {
    const local = await db.creditNotes.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `no credit note ${id} on this device`);
    if (local.status !== "error") throw new LocalStoreError("NOT_EDITABLE", "only a credit note in error is annulled");
    const record = { ...local, status: "annulled" as const, updatedAt: new Date().toISOString() };
    await db.creditNotes.put(record);
    return record;
  });
}

/**
 * Credit notes whose current revision the server has not answered for, oldest first. With
 * `invoiceOnServer`, only those whose invoice the server already has (the others wait for it). A
 * note whose invoice is not on this device at all came in another till's export file, of an invoice
 * that till synced earlier: no push from here delivers that invoice, so the note does not wait.
 */
export async function listCreditNotesToPushInDb(
  db: LocalDatabase,
  limit: number,
  options: { invoiceOnServer?: boolean } = {},
): Promise<CreditNoteDocument[]> {
  return db.transaction("r", [db.creditNotes, db.invoices], async () => {
    const pending = (await db.creditNotes.where("status").equals("pending").toArray()).filter(
      creditNoteHasUnsentChanges,
    );
    const invoices = await db.invoices.bulkGet(pending.map((n) => n.invoiceId));
    return pending
      .filter((_, i) => {
        const invoice = invoices[i];
        return !options.invoiceOnServer || invoice === undefined || invoice.serverRevision > 0;
      })
      .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt))
      .slice(0, limit)
      .map((n) => n.document);
  });
}

/** accepted → synced (and the invoice takes the server's returned quantities), rejected → error. */
export function applyCreditNotePushResultsInDb(
  db: LocalDatabase,
  results: readonly CreditNotePushResult[],
): Promise<ApplyPushResult> {
  const outcome: ApplyPushResult = { synced: 0, rejected: 0, retry: 0, ignored: 0 };
  const now = new Date().toISOString();
  return db.transaction("rw", [db.creditNotes, db.invoices], async () => {
    const locals = await db.creditNotes.bulkGet(results.map((r) => r.id));
    for (const [i, result] of results.entries()) {
      const local = locals[i];
      if (result.outcome === "retry") {
        outcome.retry += 1;
        continue;
      }
      if (!local || result.revision < local.serverRevision || local.status === "annulled") {
        outcome.ignored += 1;
        continue;
      }
      if (result.revision < local.document.revision) {
        await db.creditNotes.put({ ...local, serverRevision: result.revision, updatedAt: now });
        outcome.ignored += 1;
        continue;
      }
      if (result.outcome === "accepted") {
        outcome.synced += 1;
        await db.creditNotes.put({
          ...local,
          status: "synced",
          errors: [],
          serverRevision: result.revision,
          serverVersion: result.creditNote.version,
          updatedAt: now,
        });
        const invoice = await db.invoices.get(result.invoice.id);
        if (invoice) {
          const { status, revision, version, number, returnedQuantities, returnStatus } = result.invoice;
          const state = { status, revision, version, number, errors: [], returnedQuantities, returnStatus };
          // Only the return figures: the invoice's own revision is answered by its own result.
          const next = applyServerInvoiceState(invoice, state, now);
          await db.invoices.put(
            revision >= invoice.document.revision
              ? next
              : { ...invoice, returnedQuantities: next.returnedQuantities, returnStatus: next.returnStatus },
          );
        }
      } else {
        outcome.rejected += 1;
        await db.creditNotes.put({
          ...local,
          status: "error",
          errors: [...result.errors],
          serverRevision: result.revision,
          updatedAt: now,
        });
      }
    }
    return outcome;
  });
}

/** The pull's `creditNotes` rows: this device's notes the server stored (a newer local revision wins). */
export async function applyPulledCreditNotes(db: LocalDatabase, changes: readonly PullChange[]): Promise<void> {
  const locals = await db.creditNotes.bulkGet(changes.map((c) => c.id));
  const now = new Date().toISOString();
  const updates: LocalCreditNote[] = [];
  changes.forEach((change, i) => {
    const local = locals[i];
    if (!local || change.deleted === true || change.data === undefined) return;
    const data = change.data as { revision?: unknown };
    const revision = typeof data.revision === "number" ? data.revision : 0;
    if (local.document.revision > revision || local.status === "annulled") return;
    updates.push({
      ...local,
      status: "synced",
      errors: [],
      serverRevision: revision,
      serverVersion: change.version,
      updatedAt: now,
    });
  });
  if (updates.length > 0) await db.creditNotes.bulkPut(updates);
}
