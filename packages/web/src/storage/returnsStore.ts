import type {
  CreditNoteDocument,
  CreditNotePushResult,
  InvoiceSummary,
  InvoiceVoidDocument,
  ReturnRejectionCode,
  VoidPushResult,
} from "@mostrador/domain";
import type { CreditNoteChoice, NewCreditNoteDraft } from "./creditNoteRecords";
import type { NewInvoiceVoid } from "./invoiceVoidRecords";
import type { LocalCreditNote, LocalInvoice, LocalInvoiceVoid } from "./localRecords";
import type { ApplyPushResult } from "./localStore";
import type { ReturnInError } from "./returnsInError";
import type { TicketAnnulmentDraft } from "./ticketAnnulmentRecords";

/**
 * Returns and voids on the till (issue 13), part of the LocalStore (`store.returns`): credit notes
 * and voids are durable pending documents like invoices, uploaded by the sync engine.
 */
export interface ReturnsStore {
  /** "Devolución": the next NC number and the pending note in one transaction. Throws INVALID_CREDIT_NOTE, NOT_READY, NO_NUMBERS_LEFT. */
  saveCreditNote(draft: NewCreditNoteDraft): Promise<LocalCreditNote>;
  /** "Editar" on a credit note in error: a new pending revision. */
  reviseCreditNote(id: string, choice: CreditNoteChoice): Promise<LocalCreditNote>;
  /** «Sincronizar de nuevo» on a credit note in error: the same revision pending again. */
  resendCreditNote(id: string): Promise<LocalCreditNote>;
  /** "Anular" a credit note in error: never sent again. */
  annulCreditNote(id: string): Promise<LocalCreditNote>;
  getCreditNote(id: string): Promise<LocalCreditNote | undefined>;
  /** The invoice's credit notes made here, oldest first. */
  listInvoiceCreditNotes(invoiceId: string): Promise<LocalCreditNote[]>;
  /** Credit notes of a cash shift (their refunds lower its expected cash), annulled ones apart. */
  listShiftCreditNotes(shiftId: string): Promise<LocalCreditNote[]>;
  /** Returned per invoice line: the server's count plus this till's notes not yet accepted. */
  returnedQuantities(invoiceId: string, except?: string): Promise<number[]>;
  /** Credit-note numbers still available to this device in a numbering. */
  creditNoteNumbersLeft(numberingId: string): Promise<number>;
  listCreditNotesToPush(limit: number, options?: { invoiceOnServer?: boolean }): Promise<CreditNoteDocument[]>;
  applyCreditNotePushResults(results: readonly CreditNotePushResult[]): Promise<ApplyPushResult>;

  /** "Anular" a synced invoice (also offline). Throws VOID_REFUSED (details.refusal: the code), NOT_FOUND. */
  voidInvoice(input: NewInvoiceVoid): Promise<LocalInvoiceVoid>;
  /** Why the invoice may not be voided by this user now (null: it may). */
  voidRefusal(invoiceId: string, by: { role: string; at: string }): Promise<ReturnRejectionCode | null>;
  listInvoiceVoids(invoiceId: string): Promise<LocalInvoiceVoid[]>;
  /** «Sincronizar de nuevo» on a void in error: pending again, the invoice "Anulada" meanwhile. */
  resendVoid(id: string): Promise<LocalInvoiceVoid>;
  /** Credit notes and voids in error, with their invoice's number when known: the history's «Con error» view. */
  listReturnsInError(): Promise<ReturnInError[]>;
  /** «Descartar» a void in error: never sent again (the sign-out check stops counting it). */
  discardVoid(id: string): Promise<LocalInvoiceVoid>;
  /**
   * «Anular» of a synced electronic ticket (DEE POS or contingency), also offline: a credit note
   * giving back every line, refunded by the ticket's payment methods. Throws VOID_REFUSED
   * (details.refusal: the code), NOT_FOUND, NOT_READY, NO_NUMBERS_LEFT.
   */
  annulElectronicTicket(draft: TicketAnnulmentDraft): Promise<LocalCreditNote>;
  /** Why this user may not annul the electronic ticket now (null: they may). */
  annulmentRefusal(invoiceId: string, by: { role: string; at: string }): Promise<ReturnRejectionCode | null>;
  listVoidsToPush(limit: number): Promise<InvoiceVoidDocument[]>;
  applyVoidPushResults(results: readonly VoidPushResult[]): Promise<ApplyPushResult>;

  /** An invoice by its printed number ("POS-12"), among the ones on this till. */
  findInvoiceByNumber(prefix: string, number: number): Promise<LocalInvoice | undefined>;
  /**
   * An invoice the server found (another till's): kept here as synced so it can take returns.
   * The document is checked with the shared schema (INVALID_INVOICE when it does not pass).
   */
  putServerInvoice(document: unknown, summary: InvoiceSummary, clientName: string): Promise<LocalInvoice>;
}
