import {
  type CreditNoteDocument,
  type CreditNotePushResult,
  creditNoteDocumentSchema,
  type ReturnRejection,
  returnRejection,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { type Database, isDataError, isDeadlock, isUniqueViolation } from "../../db/database";
import { sortOutRevisions } from "../../http/batchRevisions";
import { rawIdOf, rawRevisionOf } from "../../http/rawItem";
import type { SecretBox } from "../dianCertificate/secretBox";
import { presentCreditNote } from "../invoices/creditNotePresenter";
import { sameDocumentContent } from "../invoices/invoiceContent";
import { INVOICE_SUMMARY_COLUMNS, presentInvoiceSummary } from "../invoices/invoicePresenter";
import { loadCreditNoteContext } from "./creditNoteContext";
import { validateCreditNote } from "./creditNoteValidator";
import { writeCreditNote } from "./creditNoteWriter";

type Row = Record<string, unknown>;
interface Item {
  index: number;
  doc: CreditNoteDocument;
}

const rejected = (id: string, revision: number, errors: ReturnRejection[]): CreditNotePushResult => ({
  outcome: "rejected",
  id,
  revision,
  errors,
});
const retry = (doc: CreditNoteDocument, reason: string): CreditNotePushResult => ({
  outcome: "retry",
  id: doc.id,
  revision: doc.revision,
  reason,
});

/**
 * creditNoteAcceptor: the credit notes of a push, answered one by one with the invoices'
 * guarantees. Exactly once is the database's job: the key (company, id) admits one credit note,
 * credit_notes_number_once one use of a number. A rejected credit note stores nothing (the till
 * shows it in "Error", the cashier edits it and it comes back as a newer revision).
 *
 * 1. Parse each credit note alone: a malformed one is rejected (CREDIT_NOTE_INVALID, field named).
 * 2. Keep one copy of each id and revision (copies get the first one's answer); an older
 *    revision beside a newer one is a REVISION_CONFLICT.
 * 3. Compare with what is stored: an accepted credit note is final and answered again from the
 *    database; the same revision with other content is a REVISION_CONFLICT.
 * 4. Validate the rest against one loaded context (device, terminal, cashier, invoice of this
 *    company and its lines, totals by the domain's code, refunds, numbering, lease, numbers in use).
 * 5. Write each in its own transaction, in the batch's order, under the invoice's row lock (the
 *    returned quantities are counted again there: other tills' returns, a void); a number taken
 *    meanwhile → "retry"; a value the database refuses → CREDIT_NOTE_INVALID.
 * 6. Answer in the batch's order.
 */
export async function acceptCreditNoteBatch(
  db: Database,
  auth: AuthContext,
  /** Opens the DIAN software PIN for DEE POS tickets' adjustment notes. */
  secrets: SecretBox,
  raws: unknown[],
  now = new Date(),
): Promise<CreditNotePushResult[]> {
  const results = new Map<number, CreditNotePushResult>();

  // 1 + 2
  const parsed: Item[] = [];
  raws.forEach((raw, index) => {
    const p = creditNoteDocumentSchema.safeParse(raw);
    if (!p.success) {
      const detail = p.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      const field = p.error.issues[0]?.path.join(".") || undefined;
      results.set(
        index,
        rejected(rawIdOf(raw), rawRevisionOf(raw), [
          returnRejection("CREDIT_NOTE_INVALID", { detail: detail.slice(0, 500) }, field),
        ]),
      );
      return;
    }
    parsed.push({ index, doc: p.data });
  });
  const { items, copies } = sortOutRevisions(parsed, ({ index, doc }) =>
    results.set(index, rejected(doc.id, doc.revision, [returnRejection("REVISION_CONFLICT")])),
  );

  // 3
  const stored = await loadStoredCreditNotes(
    db,
    auth.companyId,
    items.map((i) => i.doc.id),
  );
  const toDecide = items.filter(({ index, doc }) => {
    const answer = answerFromStored(stored.get(doc.id), doc);
    if (answer) results.set(index, answer);
    return !answer;
  });

  // 4
  const toWrite: (Item & { totals: ReturnType<typeof validateCreditNote>["totals"] })[] = [];
  if (toDecide.length > 0) {
    const ctx = await loadCreditNoteContext(
      db,
      auth.companyId,
      toDecide.map((i) => i.doc),
      now,
    );
    for (const item of toDecide) {
      const verdict = validateCreditNote(item.doc, auth, ctx);
      if (verdict.errors.length) results.set(item.index, rejected(item.doc.id, item.doc.revision, verdict.errors));
      else toWrite.push({ ...item, totals: verdict.totals });
    }
  }

  // 5
  for (const { index, doc, totals } of toWrite) results.set(index, await writeOne(db, auth, secrets, doc, totals));

  // 6
  for (const copy of copies)
    results.set(
      copy.index,
      sameDocumentContent(copy.first.doc, copy.doc)
        ? (results.get(copy.first.index) as CreditNotePushResult)
        : rejected(copy.doc.id, copy.doc.revision, [returnRejection("REVISION_CONFLICT")]),
    );
  return raws.map(
    (raw, index) =>
      results.get(index) ?? {
        outcome: "retry" as const,
        id: rawIdOf(raw),
        revision: rawRevisionOf(raw),
        reason: "not decided, retry",
      },
  );
}

/** Stored credit notes with their invoice's current summary (what an accepted answer carries). */
async function loadStoredCreditNotes(db: Database, companyId: string, ids: string[]): Promise<Map<string, Row>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query("SELECT * FROM credit_notes WHERE company_id = $1 AND id = ANY($2::uuid[])", [
    companyId,
    ids,
  ]);
  if (rows.length === 0) return new Map();
  const invoices = await db.query(
    `SELECT ${INVOICE_SUMMARY_COLUMNS} FROM invoices WHERE company_id = $1 AND id = ANY($2::uuid[])`,
    [companyId, [...new Set(rows.map((r) => String(r.invoice_id)))]],
  );
  const invoiceById = new Map(invoices.map((i) => [String(i.id), i]));
  for (const r of rows) r.invoice = invoiceById.get(String(r.invoice_id));
  return new Map(rows.map((r) => [String(r.id), r]));
}

function answerFromStored(row: Row | undefined, doc: CreditNoteDocument): CreditNotePushResult | undefined {
  if (!row) return undefined;
  const storedRevision = Number(row.revision);
  if (storedRevision === doc.revision && !sameDocumentContent(row.document, doc))
    return rejected(doc.id, doc.revision, [returnRejection("REVISION_CONFLICT")]);
  // Accepted is final: the till learns what the server holds (also a late copy of another revision).
  return {
    outcome: "accepted",
    id: doc.id,
    revision: storedRevision,
    duplicate: true,
    creditNote: presentCreditNote(row),
    invoice: presentInvoiceSummary(row.invoice as Row),
  };
}

async function writeOne(
  db: Database,
  auth: AuthContext,
  secrets: SecretBox,
  doc: CreditNoteDocument,
  totals: ReturnType<typeof validateCreditNote>["totals"],
): Promise<CreditNotePushResult> {
  try {
    const outcome = await db.transaction((tx) => writeCreditNote(tx, auth, doc, totals, secrets));
    if (outcome.kind === "written")
      return {
        outcome: "accepted",
        id: doc.id,
        revision: doc.revision,
        duplicate: false,
        creditNote: presentCreditNote(outcome.creditNote),
        invoice: presentInvoiceSummary(outcome.invoice),
      };
    if (outcome.kind === "rejected") return rejected(doc.id, doc.revision, outcome.errors);
    // Another request (tab, process, retry) stored it first: answer what the database holds.
    const again = await loadStoredCreditNotes(db, auth.companyId, [doc.id]);
    return answerFromStored(again.get(doc.id), doc) ?? retry(doc, "changed meanwhile, retry");
  } catch (err) {
    // A concurrent request took the number: nothing was written; the next attempt tells which.
    if (isUniqueViolation(err)) return retry(doc, "number conflict, retry");
    // The invoice's row lock and the device counters are taken in another order by a concurrent
    // re-upload of the same invoice: PostgreSQL breaks the rare deadlock, nothing was written.
    if (isDeadlock(err)) return retry(doc, "busy, retry");
    if (isDataError(err))
      return rejected(doc.id, doc.revision, [
        returnRejection("CREDIT_NOTE_INVALID", {
          detail: `the database refused a value (${String((err as Error).message).slice(0, 200)})`,
        }),
      ]);
    throw err;
  }
}
