import { annulmentPicks, ticketAnnulmentRefusal } from "@mostrador/domain";
import { addNewCreditNote, type NewCreditNoteDraft, numberingTables, returnedOfInvoice } from "./creditNoteRecords";
import { localVoidable } from "./invoiceVoidRecords";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalCreditNote, LocalInvoice } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";

/**
 * «Anular» of a synced electronic ticket (DEE POS or contingency, issue 19), also offline: a void
 * has no number for the DIAN's adjustment note, so the ticket is annulled by a credit note giving
 * back every line whole, refunded by its own payment methods (cash from the open shift), written
 * like any return — the next NC number and the pending note in one transaction, durable before its
 * receipt shows — and synced exactly once like one. The server sends it as the adjustment note
 * that voids the whole document (ResponseCode 2).
 */
export interface TicketAnnulmentDraft extends Omit<NewCreditNoteDraft, "picks" | "refund"> {
  /** The user annulling: the rules of a void (admin, or a cashier within the ticket's open shift). */
  role: string;
}

/** Why this user may not annul the ticket now (null: they may), as this till knows it. */
export async function localTicketAnnulmentRefusal(
  db: LocalDatabase,
  invoice: LocalInvoice,
  by: { role: string; at: string },
) {
  if (invoice.status === "pending" || invoice.status === "error") return "INVOICE_NOT_ACCEPTED" as const;
  const voidable = await localVoidable(db, invoice);
  // Only a DIAN ticket's note is its adjustment note; other electronic invoices keep "Devolución".
  const numbering = await db.numberings.get(invoice.numberingId);
  const dianTicket =
    numbering?.kind === "dee_pos" || numbering?.kind === "contingency" || invoice.receipt?.documentKind !== undefined;
  if (voidable.electronic && !dianTicket) return "INVOICE_ELECTRONIC" as const;
  return ticketAnnulmentRefusal(voidable, by);
}

/** Throws VOID_REFUSED (details.refusal: the code), NOT_FOUND, NOT_READY, NO_NUMBERS_LEFT. */
export async function annulElectronicTicketInDb(
  db: LocalDatabase,
  draft: TicketAnnulmentDraft,
): Promise<LocalCreditNote> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", [...numberingTables(db), db.shifts], async () => {
    const invoice = await db.invoices.get(draft.invoiceId);
    if (!invoice) throw new LocalStoreError("NOT_FOUND", `no invoice ${draft.invoiceId} on this device`);
    const now = draft.now ?? new Date();
    const refusal = await localTicketAnnulmentRefusal(db, invoice, { role: draft.role, at: now.toISOString() });
    if (refusal) throw new LocalStoreError("VOID_REFUSED", `the ticket cannot be annulled: ${refusal}`, { refusal });
    const reason = draft.reason.trim();
    if (reason === "") throw new LocalStoreError("VOID_REFUSED", "an annulment needs a reason");
    const picks = annulmentPicks(invoice.document.lines, await returnedOfInvoice(db, invoice));
    return addNewCreditNote(db, schemas, invoice, { ...draft, now, reason, picks, refund: "original" });
  });
}
