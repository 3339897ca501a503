import {
  type InvoiceDocument,
  type InvoiceRejection,
  invoiceDocumentSchema,
  invoiceRejection,
  type PushResult,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { type Database, isDataError, isDeadlock, isUniqueViolation } from "../../db/database";
import { sortOutRevisions } from "../../http/batchRevisions";
import { rawIdOf, rawRevisionOf } from "../../http/rawItem";
import { type DeviceActivity, recordDeviceActivity } from "../devices/deviceActivity";
import type { SecretBox } from "../dianCertificate/secretBox";
import {
  ElectronicNumberConflict,
  type InvoiceDecision,
  loadStoredInvoices,
  type VoidedNumber,
  writeInvoiceBatch,
} from "./invoiceBatchWriter";
import { sameInvoiceContent } from "./invoiceContent";
import { writeUploadsInTransaction } from "./invoiceOneTripWriter";
import { presentInvoiceSummary } from "./invoicePresenter";
import { type ValidationContext, validateInvoice } from "./invoiceValidator";
import { loadIngestContext } from "./validationContextLoader";

type Row = Record<string, unknown>;
interface Item {
  index: number;
  doc: InvoiceDocument;
}

const rejected = (doc: Pick<InvoiceDocument, "id" | "revision">, errors: InvoiceRejection[]): PushResult => ({
  outcome: "rejected",
  id: doc.id,
  revision: doc.revision,
  errors,
});
const retry = (doc: Pick<InvoiceDocument, "id" | "revision">, reason: string): PushResult => ({
  outcome: "retry",
  id: doc.id,
  revision: doc.revision,
  reason,
});

/**
 * invoiceAcceptor: takes a batch from a till and answers per invoice; one bad invoice never
 * stops the others. Exactly once is the database's job: the primary key (company_id, id) admits
 * one row per invoice, and the upsert only replaces a rejected revision with a newer one.
 *
 * 1. Parse each invoice alone: a malformed one is rejected (INVOICE_INVALID, field named).
 * 2. Keep one copy of each id and revision; an older revision beside a newer one is stale.
 * 3. Compare with what the server holds: the same content again is answered from the database;
 *    other content under a revision it already has is a REVISION_CONFLICT.
 * 4. Validate the rest against one loaded context (catalog, identity, lease, numbers in use).
 * 5. Write every storable decision in one transaction, with the till's activity; a number taken
 *    meanwhile → "retry"; a value the database refuses → each invoice alone, so only it fails.
 * 6. Answer in the batch's order; copies get the answer of their first occurrence.
 */
export async function acceptInvoiceBatch(
  db: Database,
  auth: AuthContext,
  /** Opens the DIAN software PIN (sealed at rest) for the DEE POS documents of the batch. */
  secrets: SecretBox,
  rawInvoices: unknown[],
  activity: DeviceActivity = {},
  now = new Date(),
): Promise<PushResult[]> {
  return (await acceptInvoicePush(db, auth, secrets, rawInvoices, activity, now)).results;
}

/** acceptInvoiceBatch with what the push's answer needs besides the results. */
export async function acceptInvoicePush(
  db: Database,
  auth: AuthContext,
  secrets: SecretBox,
  rawInvoices: unknown[],
  activity: DeviceActivity = {},
  now = new Date(),
): Promise<InvoicePushAnswer> {
  const upload = { auth, rawInvoices, activity };
  // 1–4
  const { decided, ctx } = await decideUploads(db, [upload], now);
  const d = decided[0] as DecidedUpload;
  // 5
  const written = await writeDecisions(db, auth, secrets, d.decisions, d.voided, activity, ctx.company.timeZone);
  // 6
  return (await answerUploads(db, decided, written, ctx))[0] as InvoicePushAnswer;
}

/**
 * The pushes of several tills of one company decided together and written in ONE transaction
 * (pushGroupCommit). Each upload is answered as if it had come alone. The invoice ids are distinct
 * across the uploads (a till may have several, in their order). Throws when the transaction fails:
 * then nothing of the group is stored and no upload is answered (the caller takes each alone).
 */
export async function acceptInvoiceGroup(
  db: Database,
  secrets: SecretBox,
  uploads: InvoiceUpload[],
  now = new Date(),
): Promise<InvoicePushAnswer[]> {
  const companyId = (uploads[0] as InvoiceUpload).auth.companyId;
  const { decided, ctx } = await decideUploads(db, uploads, now);
  const rows = await writeUploadsInTransaction(
    db,
    companyId,
    secrets,
    decided.map((d) => ({
      auth: d.upload.auth,
      decisions: d.decisions,
      voided: d.voided,
      activity: d.upload.activity,
    })),
    ctx.company.timeZone,
  );
  return answerUploads(db, decided, rows, ctx);
}

/** One till's push as the acceptor takes it. */
export interface InvoiceUpload {
  auth: AuthContext;
  rawInvoices: unknown[];
  activity: DeviceActivity;
}

/** The answers of one push, in its order, and which accepted invoices may have an electronic document. */
export interface InvoicePushAnswer {
  results: PushResult[];
  /**
   * Ids whose answer may carry an electronic document: invoices on a DEE POS or contingency numbering,
   * and every answer from what the server held (its numbering may have changed kind since). The push's
   * answers ask the database for electronic documents only when this is not empty.
   */
  electronicCandidates: Set<string>;
}

interface DecidedUpload {
  upload: InvoiceUpload;
  results: Map<number, PushResult>;
  items: Item[];
  copies: (Item & { first: Item })[];
  toDecide: Item[];
  decisions: InvoiceDecision[];
  voided: VoidedNumber[];
}

/** Steps 1–4 for every upload, with ONE context for all of them (in the uploads' order, as if one after the other). */
async function decideUploads(db: Database, uploads: InvoiceUpload[], now: Date) {
  const parsed = uploads.map((upload) => {
    const results = new Map<number, PushResult>();
    return { upload, results, ...parseBatch(upload.rawInvoices, results) };
  });
  // 3 + 4: what the server holds and what the invoices refer to, in one round trip.
  const { stored, ctx } = await loadIngestContext(
    db,
    (uploads[0] as InvoiceUpload).auth.companyId,
    parsed.flatMap((p) => p.items.map((i) => i.doc)),
    now,
  );
  const decided: DecidedUpload[] = parsed.map((p) => {
    const toDecide = p.items.filter(({ index, doc }) => {
      const answer = answerFromStored(stored.get(doc.id), doc);
      if (answer) p.results.set(index, answer);
      return !answer;
    });
    const decisions: InvoiceDecision[] = [];
    for (const { index, doc } of toDecide) {
      const verdict = validateInvoice(doc, ctx);
      if (verdict.storable) decisions.push({ doc, verdict });
      else p.results.set(index, rejected(doc, verdict.errors));
    }
    return { ...p, toDecide, decisions, voided: voidedNumbersOf(decisions, stored) };
  });
  return { decided, ctx };
}

/** Step 6 for every upload: answers in each push's order; copies get the answer of their first occurrence. */
async function answerUploads(
  db: Database,
  decided: DecidedUpload[],
  written: Map<string, WriteOutcome>,
  ctx: ValidationContext,
): Promise<InvoicePushAnswer[]> {
  const lost = decided.flatMap((d) => d.decisions.filter((x) => !written.has(x.doc.id)).map((x) => x.doc.id));
  const reread = await loadStoredInvoices(db, (decided[0] as DecidedUpload).upload.auth.companyId, lost);
  return decided.map(({ upload, results, items, copies, toDecide, decisions }) => {
    const decisionOf = new Map(decisions.map((d) => [d.doc.id, d]));
    for (const { index, doc } of toDecide) {
      if (results.has(index)) continue;
      const outcome = written.get(doc.id);
      const decision = decisionOf.get(doc.id) as InvoiceDecision;
      if (outcome === "retry") results.set(index, retry(doc, "number conflict, retry"));
      else if (outcome === "busy") results.set(index, retry(doc, "busy, retry"));
      else if (Array.isArray(outcome)) results.set(index, rejected(doc, outcome));
      else if (outcome)
        results.set(
          index,
          decision.verdict.errors.length
            ? rejected(doc, decision.verdict.errors)
            : {
                outcome: "accepted",
                id: doc.id,
                revision: doc.revision,
                duplicate: false,
                invoice: presentInvoiceSummary(outcome),
              },
        );
      else {
        // Another request (tab, process, retry) wrote it first: answer what the database holds.
        const row = reread.get(doc.id);
        results.set(
          index,
          row
            ? (answerFromStored(row, doc) ?? retry(doc, "changed meanwhile, retry"))
            : retry(doc, "not stored, retry"),
        );
      }
    }
    for (const copy of copies)
      results.set(
        copy.index,
        sameInvoiceContent(copy.first.doc, copy.doc)
          ? (results.get(copy.first.index) as PushResult)
          : rejected(copy.doc, [invoiceRejection("REVISION_CONFLICT")]),
      );
    const answers = upload.rawInvoices.map(
      (raw, index) =>
        results.get(index) ?? retry({ id: rawIdOf(raw), revision: rawRevisionOf(raw) }, "not decided, retry"),
    );
    const electronicCandidates = new Set<string>();
    for (const { doc } of items)
      if (ELECTRONIC_KINDS.has(ctx.numberings.get(doc.numberingId)?.kind ?? "")) electronicCandidates.add(doc.id);
    for (const r of answers) if (r.outcome === "accepted" && r.duplicate) electronicCandidates.add(r.id);
    return { results: answers, electronicCandidates };
  });
}

// The numbering kinds whose accepted invoices get an electronic document (electronicDocumentRecorder).
const ELECTRONIC_KINDS = new Set(["dee_pos", "contingency"]);

/**
 * Steps 1 and 2: parsed, unique, newest-revision items (the other answers go into `results`), and
 * the copies of an id and revision already in the batch, answered at the end like their first.
 */
function parseBatch(
  rawInvoices: unknown[],
  results: Map<number, PushResult>,
): { items: Item[]; copies: (Item & { first: Item })[] } {
  const items: Item[] = [];
  rawInvoices.forEach((raw, index) => {
    const parsed = invoiceDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      results.set(
        index,
        rejected({ id: rawIdOf(raw), revision: rawRevisionOf(raw) }, [
          invoiceRejection("INVOICE_INVALID", { detail: detail.slice(0, 500) }, issue?.path.join(".") || undefined),
        ]),
      );
      return;
    }
    items.push({ index, doc: parsed.data });
  });
  return sortOutRevisions(items, ({ index, doc }) =>
    results.set(index, rejected(doc, [invoiceRejection("REVISION_CONFLICT")])),
  );
}

/** Step 3: the answer when the server already decided this revision, or undefined to decide it. */
function answerFromStored(row: Row | undefined, doc: InvoiceDocument): PushResult | undefined {
  if (!row) return undefined;
  const storedRevision = Number(row.revision);
  if (storedRevision === doc.revision && row.document && !sameInvoiceContent(row.document as InvoiceDocument, doc))
    return rejected(doc, [invoiceRejection("REVISION_CONFLICT")]);
  if (row.status === "rejected")
    // The same revision again ("Sincronizar de nuevo") or a newer one is decided again.
    return storedRevision > doc.revision ? rejected(doc, [invoiceRejection("REVISION_CONFLICT")]) : undefined;
  // Accepted or voided: the till learns what the server holds (also a late tab with an old revision).
  return {
    outcome: "accepted",
    id: doc.id,
    revision: storedRevision,
    duplicate: true,
    invoice: presentInvoiceSummary(row),
  };
}

/** Numbers that invoices in error give up by coming back with another number. */
function voidedNumbersOf(decisions: InvoiceDecision[], stored: Map<string, Row>): VoidedNumber[] {
  return decisions.flatMap(({ doc }): VoidedNumber[] => {
    const before = stored.get(doc.id);
    if (!before || before.number === null || Number(before.number) === doc.number) return [];
    return [{ numberingId: String(before.numbering_id), number: Number(before.number), invoiceId: doc.id }];
  });
}

/** "retry": a number taken meanwhile; "busy": PostgreSQL broke a lock cycle (40P01); nothing stored either way. */
type WriteOutcome = Row | "retry" | "busy" | InvoiceRejection[];

/** Step 5: all in one transaction; only when the database refuses a value, each invoice alone. */
async function writeDecisions(
  db: Database,
  auth: AuthContext,
  secrets: SecretBox,
  decisions: InvoiceDecision[],
  voided: VoidedNumber[],
  activity: DeviceActivity,
  timeZone: string,
): Promise<Map<string, WriteOutcome>> {
  if (decisions.length === 0) {
    await recordDeviceActivity(db, auth, activity);
    return new Map();
  }
  try {
    return await writeUploadsInTransaction(
      db,
      auth.companyId,
      secrets,
      [{ auth, decisions, voided, activity }],
      timeZone,
    );
  } catch (err) {
    if (isNumberConflict(err)) return new Map(decisions.map((d) => [d.doc.id, "retry" as const]));
    if (isDeadlock(err)) return new Map(decisions.map((d) => [d.doc.id, "busy" as const]));
    if (!isDataError(err)) throw err;
  }
  const outcomes = new Map<string, WriteOutcome>();
  for (const decision of decisions) {
    const id = decision.doc.id;
    try {
      const mine = voided.filter((g) => g.invoiceId === id);
      // The till's activity is written once, after the loop: its report alone must not fail an invoice.
      const rows = await db.transaction((tx) => writeInvoiceBatch(tx, auth, secrets, [decision], mine, {}, timeZone));
      const row = rows.get(id);
      if (row) outcomes.set(id, row);
    } catch (err) {
      if (isNumberConflict(err)) outcomes.set(id, "retry");
      else if (isDeadlock(err)) outcomes.set(id, "busy");
      else if (isDataError(err))
        outcomes.set(id, [
          invoiceRejection("INVOICE_INVALID", { detail: `the database refused a value (${dataErrorText(err)})` }),
        ]);
      else throw err;
    }
  }
  await recordDeviceActivity(db, auth, activity).catch((err) => {
    if (!isDataError(err)) throw err;
  });
  return outcomes;
}

// A concurrent batch took one of the numbers: nothing was written; the next attempt sees it taken.
const isNumberConflict = (err: unknown) => isUniqueViolation(err) || err instanceof ElectronicNumberConflict;
const dataErrorText = (err: unknown) => String((err as { message?: unknown }).message ?? "").slice(0, 200);
