import {
  type CreditNoteDocument,
  type InvoiceDocument,
  type InvoiceTotals,
  returnsWholeTicket,
} from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import type { SecretBox } from "../dianCertificate/secretBox";
import { type AdjustmentReason, buildDeePosAdjustmentNote } from "./deePosAdjustmentNoteXml";
import { cudeFieldsOf } from "./deePosInvoiceXml";
import { deePosDocumentOf, dianSettingsOf } from "./electronicDocumentRecorder";

type Row = Record<string, unknown>;

/**
 * The note's ResponseCode (Anexo técnico del documento equivalente electrónico, "Nota de ajuste
 * del documento equivalente electrónico", cac:DiscrepancyResponse/cbc:ResponseCode): 1 for a
 * return of goods, 2 for the void ("anulación") of the whole document.
 */
const RETURN_REASON = (reason: string): AdjustmentReason => ({
  code: "1",
  description: `Devolución: ${reason}`.slice(0, 200),
});
const WHOLE_TICKET_REASON = (reason: string): AdjustmentReason => ({
  code: "2",
  description: `Anulación (devolución total): ${reason}`.slice(0, 200),
});

// The rule is the domain's, shared with the till's «Anular» of an electronic ticket.
export { returnsWholeTicket };

/** What a note is written from, besides its own numbers: the ticket, its invoice and their context. */
interface TicketContext {
  ticket: Row;
  invoice: InvoiceDocument & { number: number };
  company: Row;
  numbering: Row;
  terminal: Row | undefined;
  cashier: Row | undefined;
  client: Row | undefined;
  products: Map<string, Row>;
}

/**
 * The ticket's row of an invoice, when it has one (kind dee_pos), locked for the note's
 * transaction (a resend rebuilding it waits). No row: not a DEE POS sale, no note.
 */
async function ticketOf(tx: Queryable, companyId: string, invoiceId: string): Promise<Row | null> {
  const rows = await tx.query(
    `SELECT invoice_id, number, state, cude FROM electronic_documents
      WHERE company_id = $1 AND invoice_id = $2 AND kind = 'dee_pos' FOR UPDATE`,
    [companyId, invoiceId],
  );
  return rows[0] ?? null;
}

async function loadTicketContext(
  tx: Queryable,
  companyId: string,
  ticket: Row,
  cashierId: string,
  productIds: string[],
): Promise<TicketContext> {
  const revisions = await tx.query<{ document: unknown; numbering_id: string }>(
    `SELECT r.document, i.numbering_id FROM invoices i
       JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
      WHERE i.company_id = $1 AND i.id = $2`,
    [companyId, ticket.invoice_id],
  );
  const stored = revisions[0]?.document;
  const invoice = (typeof stored === "string" ? JSON.parse(stored) : stored) as InvoiceDocument & { number: number };
  const [companies, numberings, terminals, cashiers, clients, products] = await Promise.all([
    tx.query("SELECT * FROM companies WHERE id = $1", [companyId]),
    // Dates as text: a driver's Date would be a day shifted by the server's zone.
    tx.query(
      `SELECT id, prefix, range_from, range_to, dian_authorization, valid_from::text AS valid_from,
              valid_until::text AS valid_until FROM numberings WHERE company_id = $1 AND id = $2`,
      [companyId, invoice.numberingId],
    ),
    tx.query("SELECT id, name FROM terminals WHERE company_id = $1 AND id = $2", [companyId, invoice.terminalId]),
    tx.query("SELECT id, name FROM users WHERE company_id = $1 AND id = $2", [companyId, cashierId]),
    tx.query("SELECT * FROM clients WHERE company_id = $1 AND id = $2", [companyId, invoice.clientId]),
    tx.query("SELECT id, reference, barcode FROM products WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      [...new Set(productIds)],
    ]),
  ]);
  return {
    ticket,
    invoice,
    company: companies[0] as Row,
    numbering: numberings[0] as Row,
    terminal: terminals[0],
    cashier: cashiers[0],
    client: clients[0],
    products: new Map(products.map((p) => [String(p.id), p])),
  };
}

interface NoteRecord {
  noteId: string;
  reason: "return" | "void";
  number: string;
  state: "generated" | "not_generated";
  problem: string | null;
  cude: string | null;
  qrText: string | null;
  xml: string | null;
}

/**
 * Builds the note: the ticket's document data with the note's own number, moment, lines, totals
 * and refunds. Its CUDE (Anexo técnico del documento equivalente electrónico, "CUDE" of the
 * nota de ajuste) has the ticket's composition — number, issue date, time with offset, line
 * extension, 01 + IVA, 04 + INC, 03 + ICA, payable amount, issuer NIT, buyer id, software PIN,
 * environment — over the note's own number and amounts. Res. 000165/2023 art. 22: a note must
 * carry the number, date and CUDE of the document it adjusts (DIAN Oficio 000270 of 2025: no
 * note without that reference), hence cac:BillingReference and no note for a ticket without one.
 */
function buildNote(
  context: TicketContext,
  note: Pick<InvoiceDocument, "id" | "issuedAt" | "lines" | "payments" | "cashierId" | "notes"> & {
    totals: InvoiceTotals;
  },
  number: string,
  reason: AdjustmentReason,
  secrets: SecretBox,
): Pick<NoteRecord, "state" | "problem" | "cude" | "qrText" | "xml"> {
  const notGenerated = (problem: string) => ({
    state: "not_generated" as const,
    problem,
    cude: null,
    qrText: null,
    xml: null,
  });
  const ticketState = String(context.ticket.state);
  // A ticket without a valid CUDE yet (not generated, or rejected and to be built again with
  // another one) cannot be referenced: the note waits for an admin's resend after the ticket's.
  if (!context.ticket.cude || ticketState === "not_generated" || ticketState === "rejected")
    return notGenerated(`the ticket's electronic document is ${ticketState}: resend the ticket, then this note`);
  const { settings, problem } = dianSettingsOf(context.company, secrets);
  if (!settings) return notGenerated(problem);
  const ctx = {
    company: context.company,
    numbering: context.numbering,
    terminal: context.terminal,
    cashier: context.cashier,
    client: context.client,
  };
  try {
    const ticketDoc = deePosDocumentOf(context.invoice, ctx, context.products, settings);
    const noteDoc = {
      ...deePosDocumentOf(
        { ...context.invoice, ...note, totals: { ...context.invoice.totals, ...note.totals } },
        ctx,
        context.products,
        settings,
      ),
      number,
    };
    const generated = buildDeePosAdjustmentNote(
      noteDoc,
      {
        number: String(context.ticket.number),
        cude: String(context.ticket.cude),
        issueDate: cudeFieldsOf(ticketDoc).issueDate,
      },
      reason,
    );
    return { state: "generated", problem: null, cude: generated.cude, qrText: generated.qrUrl, xml: generated.xml };
  } catch (error) {
    return notGenerated(`document not generated: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function insertNote(tx: Queryable, companyId: string, context: TicketContext, record: NoteRecord) {
  await tx.query(
    `INSERT INTO electronic_documents (company_id, invoice_id, kind, note_id, note_reason, references_number,
                                       references_cude, number, environment, state, problem, cude, qr_text, xml)
     VALUES ($1, $2, 'adjustment_note', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT DO NOTHING`,
    [
      companyId,
      context.ticket.invoice_id,
      record.noteId,
      record.reason,
      context.ticket.number,
      context.ticket.cude ?? null,
      record.number,
      String(context.company.dian_environment),
      record.state,
      record.problem,
      record.cude,
      record.qrText,
      record.xml,
    ],
  );
}

/**
 * adjustmentNoteRecorder (returns): a credit note just written for an invoice that has a DEE POS
 * document adds its adjustment note (CreditNote type 94, ResponseCode 1, or 2 when it returns the
 * whole ticket at once) to the outbox, in the
 * credit note's own transaction — once: creditNoteWriter calls it only when it inserted the credit
 * note, and the row's key is the credit note's id. Its number is the credit note's own (prefix +
 * number): the annex leaves the notes' numbering to the issuer (no DIAN range authorization, so
 * no InvoiceControl). Invoices without a DEE POS document cost one indexed lookup.
 */
export async function recordReturnAdjustmentNote(
  tx: Queryable,
  companyId: string,
  creditNote: CreditNoteDocument,
  totals: InvoiceTotals,
  /** Opens the company's software PIN (sealed at rest) for the note's CUDE. */
  secrets: SecretBox,
): Promise<void> {
  const ticket = await ticketOf(tx, companyId, creditNote.invoiceId);
  if (!ticket) return;
  const context = await loadTicketContext(
    tx,
    companyId,
    ticket,
    creditNote.cashierId,
    creditNote.lines.map((l) => l.productId),
  );
  const number = `${creditNote.prefix}${creditNote.number}`;
  const built = buildNote(
    context,
    {
      id: creditNote.id,
      issuedAt: creditNote.issuedAt,
      lines: creditNote.lines,
      payments: creditNote.refunds,
      cashierId: creditNote.cashierId,
      notes: `Devolución: ${creditNote.reason}`,
      totals,
    },
    number,
    returnsWholeTicket(context.invoice.lines, creditNote.lines)
      ? WHOLE_TICKET_REASON(creditNote.reason)
      : RETURN_REASON(creditNote.reason),
    secrets,
  );
  await insertNote(tx, companyId, context, { noteId: creditNote.id, reason: "return", number, ...built });
}

/**
 * adjustmentNoteRecorder (voids): a void of an invoice with a DEE POS document records its note
 * (ResponseCode 2, "anulación") in the void's transaction, keyed by the void's id (a back-office
 * void has none: an id drawn now; the invoice is voided once, under its row lock, and one void note
 * per invoice is a unique index). The annex wants the note numbered with the issuer's own
 * consecutive ("Prefijo y número de la nota de ajuste"), and a void at Mostrador has no number
 * and no numbering: rather than inventing one, the row is not_generated with the problem saying
 * so — the lawful way to undo such a ticket is a return of all its lines (a numbered credit note,
 * whose note is generated and sent). voidRefusal refuses voids of electronic invoices today
 * (INVOICE_ELECTRONIC), so this row only appears if that rule is relaxed for DEE POS tickets.
 */
export async function recordVoidAdjustmentNote(
  tx: Queryable,
  companyId: string,
  invoiceId: string,
  voidId: string | null,
): Promise<void> {
  const ticket = await ticketOf(tx, companyId, invoiceId);
  if (!ticket) return;
  const companies = await tx.query("SELECT dian_environment FROM companies WHERE id = $1", [companyId]);
  const noteId = voidId ?? String((await tx.query("SELECT gen_random_uuid() AS id"))[0]?.id);
  await insertNote(tx, companyId, { ticket, company: companies[0] as Row } as TicketContext, {
    noteId,
    reason: "void",
    number: "",
    state: "not_generated",
    problem:
      "a void has no note number (the annex numbers each adjustment note with the issuer's consecutive): return all the ticket's lines with a credit note to issue the adjustment note",
    cude: null,
    qrText: null,
    xml: null,
  });
}
