import type {
  CreditNoteDocument,
  CreditNotePushResult,
  InvoiceSummary,
  InvoiceVoidDocument,
  ReturnRejectionCode,
  VoidPushResult,
} from "@mostrador/domain";
import {
  annulCreditNoteInDb,
  applyCreditNotePushResultsInDb,
  type CreditNoteChoice,
  listCreditNotesToPushInDb,
  type NewCreditNoteDraft,
  resendCreditNoteInDb,
  returnedOfInvoice,
  reviseCreditNoteInDb,
  saveNewCreditNoteInDb,
} from "./creditNoteRecords";
import { countNumbersLeft } from "./invoiceNumbering";
import { applyServerInvoiceState, localInvoiceFromDocument } from "./invoiceRecords";
import {
  applyVoidPushResultsInDb,
  discardVoidInDb,
  listVoidsToPushInDb,
  localVoidRefusal,
  type NewInvoiceVoid,
  resendVoidInDb,
  saveInvoiceVoidInDb,
} from "./invoiceVoidRecords";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalCreditNote, LocalInvoice, LocalInvoiceVoid } from "./localRecords";
import type { ApplyPushResult } from "./localStore";
import { LocalStoreError, toLocalStoreError } from "./localStoreErrors";
import type { ReturnInError } from "./returnsInError";
import type { ReturnsStore } from "./returnsStore";
import type { TicketAnnulmentDraft } from "./ticketAnnulmentRecords";

// «Anular» of a DIAN ticket is only reached from the invoice detail (a lazy screen): its own chunk.
const ticketAnnulment = () => import("./ticketAnnulmentRecords");
// The history's «Con error» view (a lazy screen) is its only reader.
const returnsInError = () => import("./returnsInError");

const rethrow = (error: unknown): never => {
  throw toLocalStoreError(error);
};

export class DexieReturnsStore implements ReturnsStore {
  constructor(private readonly db: LocalDatabase) {}

  saveCreditNote(draft: NewCreditNoteDraft): Promise<LocalCreditNote> {
    return saveNewCreditNoteInDb(this.db, draft).catch(rethrow);
  }

  reviseCreditNote(id: string, choice: CreditNoteChoice): Promise<LocalCreditNote> {
    return reviseCreditNoteInDb(this.db, id, choice).catch(rethrow);
  }

  resendCreditNote(id: string): Promise<LocalCreditNote> {
    return resendCreditNoteInDb(this.db, id).catch(rethrow);
  }

  annulCreditNote(id: string): Promise<LocalCreditNote> {
    return annulCreditNoteInDb(this.db, id).catch(rethrow);
  }

  getCreditNote(id: string): Promise<LocalCreditNote | undefined> {
    return this.db.creditNotes.get(id);
  }

  async listInvoiceCreditNotes(invoiceId: string): Promise<LocalCreditNote[]> {
    const rows = await this.db.creditNotes.where("invoiceId").equals(invoiceId).toArray();
    return rows.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  }

  async listShiftCreditNotes(shiftId: string): Promise<LocalCreditNote[]> {
    const rows = await this.db.creditNotes.where("document.shiftId").equals(shiftId).toArray();
    return rows.filter((n) => n.status !== "annulled").sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  }

  returnedQuantities(invoiceId: string, except?: string): Promise<number[]> {
    const { db } = this;
    // Chained, not awaited in an async scope: a live query's transaction (see countNumbersLeft).
    return db.transaction("r", [db.invoices, db.creditNotes], () =>
      db.invoices.get(invoiceId).then((invoice) => {
        if (!invoice) throw new LocalStoreError("NOT_FOUND", `no invoice ${invoiceId} on this device`);
        return returnedOfInvoice(db, invoice, except);
      }),
    );
  }

  creditNoteNumbersLeft(numberingId: string): Promise<number> {
    return countNumbersLeft(this.db, numberingId, "creditNotes");
  }

  listCreditNotesToPush(limit: number, options?: { invoiceOnServer?: boolean }): Promise<CreditNoteDocument[]> {
    return listCreditNotesToPushInDb(this.db, limit, options);
  }

  applyCreditNotePushResults(results: readonly CreditNotePushResult[]): Promise<ApplyPushResult> {
    return applyCreditNotePushResultsInDb(this.db, results);
  }

  resendVoid(id: string): Promise<LocalInvoiceVoid> {
    return resendVoidInDb(this.db, id).catch(rethrow);
  }

  async listReturnsInError(): Promise<ReturnInError[]> {
    const { listReturnsInErrorInDb } = await returnsInError();
    return listReturnsInErrorInDb(this.db);
  }

  discardVoid(id: string): Promise<LocalInvoiceVoid> {
    return discardVoidInDb(this.db, id).catch(rethrow);
  }

  voidInvoice(input: NewInvoiceVoid): Promise<LocalInvoiceVoid> {
    return saveInvoiceVoidInDb(this.db, input).catch(rethrow);
  }

  async annulElectronicTicket(draft: TicketAnnulmentDraft): Promise<LocalCreditNote> {
    const { annulElectronicTicketInDb } = await ticketAnnulment();
    return annulElectronicTicketInDb(this.db, draft).catch(rethrow);
  }

  async annulmentRefusal(invoiceId: string, by: { role: string; at: string }): Promise<ReturnRejectionCode | null> {
    const invoice = await this.db.invoices.get(invoiceId);
    if (!invoice) return "INVOICE_NOT_FOUND";
    const { localTicketAnnulmentRefusal } = await ticketAnnulment();
    return localTicketAnnulmentRefusal(this.db, invoice, by);
  }

  async voidRefusal(invoiceId: string, by: { role: string; at: string }): Promise<ReturnRejectionCode | null> {
    const invoice = await this.db.invoices.get(invoiceId);
    if (!invoice) return "INVOICE_NOT_FOUND";
    return localVoidRefusal(this.db, invoice, by);
  }

  async listInvoiceVoids(invoiceId: string): Promise<LocalInvoiceVoid[]> {
    const rows = await this.db.invoiceVoids.where("invoiceId").equals(invoiceId).toArray();
    return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  listVoidsToPush(limit: number): Promise<InvoiceVoidDocument[]> {
    return listVoidsToPushInDb(this.db, limit);
  }

  applyVoidPushResults(results: readonly VoidPushResult[]): Promise<ApplyPushResult> {
    return applyVoidPushResultsInDb(this.db, results);
  }

  findInvoiceByNumber(prefix: string, number: number): Promise<LocalInvoice | undefined> {
    return this.db.invoices
      .where("number")
      .equals(number)
      .filter((i) => i.prefix.toLowerCase() === prefix.toLowerCase())
      .first();
  }

  async putServerInvoice(input: unknown, summary: InvoiceSummary, clientName: string): Promise<LocalInvoice> {
    const { invoiceDocumentSchema } = await loadLocalSchemas(); // before the transaction
    const parsed = invoiceDocumentSchema.safeParse(input);
    if (!parsed.success)
      throw new LocalStoreError(
        "INVALID_INVOICE",
        "the server's invoice does not pass validation",
        parsed.error.issues,
      );
    const document = parsed.data;
    return this.db.transaction("rw", this.db.invoices, async () => {
      const now = new Date().toISOString();
      const local = await this.db.invoices.get(document.id);
      const base = local ?? localInvoiceFromDocument(document, { status: "pending", clientName, receipt: null }, now);
      if (local && local.document.revision > summary.revision) return local;
      const record = applyServerInvoiceState(
        base,
        {
          status: summary.status,
          revision: summary.revision,
          version: null,
          number: summary.number,
          errors: summary.errors,
          returnedQuantities: summary.returnedQuantities,
          returnStatus: summary.returnStatus,
        },
        now,
      );
      await this.db.invoices.put(record);
      return record;
    });
  }
}
