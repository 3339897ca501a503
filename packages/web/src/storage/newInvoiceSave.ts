import type { InvoiceDocument } from "@mostrador/domain";
import Dexie from "dexie";
import { writeAnsweredAtCommit } from "./answeredAtCommit";
import { lastNumberInBlock, numberBlocksOf, type PlannedNumber, planFromLastUsed } from "./invoiceNumbering";
import { localInvoiceFromDocument } from "./invoiceRecords";
import { type LocalSchemas, loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalInvoice, NumberBlockRecord, NumberingRecord } from "./localRecords";
import type { NewInvoiceDraft } from "./localStore";
import { LocalStoreError } from "./localStoreErrors";
import { keepClientCreatedAtTill } from "./tillClients";

/**
 * What this tab last saw of a numbering inside a save: its record, the device's blocks (as the index
 * returns them) and the last number stored in each block's range. Only a hint: every save checks it
 * against the database inside its own transaction.
 */
export interface NumberingSnapshot {
  numbering: NumberingRecord;
  blocks: NumberBlockRecord[];
  lastUsed: (number | null)[];
}

/** Per numbering id; one per DexieLocalStore (one per tab). */
export type NumberingSnapshots = Map<string, NumberingSnapshot>;

/** The snapshot no longer matched the database: the transaction was aborted, nothing was written. */
class StalePlan extends Error {}

/**
 * "Facturar": the number and the invoice in one strict (durable) read-write transaction. The document
 * is checked before it. With a snapshot of the numbering from the previous save, the transaction
 * issues its reads (numbering, blocks, last number of each block) and its writes (the advanced block,
 * the invoice) in one go — one round of requests, one wait on the main thread — and checks the reads
 * before the writes can complete: when they differ from the snapshot (another tab sold, a pull brought
 * a block) it aborts, so the writes are rolled back, and the save runs again reading first.
 * Numbers never repeat or skip: the plan that is committed is always the plan of the rows read in
 * the same transaction, and read-write transactions on `invoices` never overlap (two tabs included).
 */
export async function saveNewInvoiceInDb(
  db: LocalDatabase,
  draft: NewInvoiceDraft,
  snapshots: NumberingSnapshots,
): Promise<LocalInvoice> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  const { receipt, ...documentInput } = draft;
  const checked = schemas.invoiceDocumentSchema.safeParse({ ...documentInput, revision: 1, prefix: "", number: null });
  if (!checked.success) {
    throw new LocalStoreError("INVALID_INVOICE", "the invoice does not pass validation", checked.error.issues);
  }
  const unnumbered: InvoiceDocument = checked.data;
  const known = snapshots.get(draft.numberingId);
  const planned = known && planOf(known);
  if (known && planned) {
    try {
      return await saveOnPlan(db, { draft, unnumbered, schemas, snapshots, known, planned });
    } catch (error) {
      if (!(error instanceof StalePlan)) throw error;
      snapshots.delete(draft.numberingId);
    }
  }
  return saveReadingFirst(db, { draft, unnumbered, schemas, snapshots });
}

interface SaveInput {
  draft: NewInvoiceDraft;
  unnumbered: InvoiceDocument;
  schemas: LocalSchemas;
  snapshots: NumberingSnapshots;
}

/** The stores a save writes: clients only when the sale made a new one (fewer stores, fewer waits). */
function saveScope(db: LocalDatabase, draft: NewInvoiceDraft) {
  const scope = [db.invoices, db.numberBlocks, db.numberings];
  return draft.newClient ? [...scope, db.clients] : scope;
}

/** The snapshot's next number (electronic: none), or null when its blocks are used up (then read first). */
function planOf(snapshot: NumberingSnapshot): PlannedNumber | null {
  if (snapshot.numbering.electronic) return { number: null, blockId: null, advancedBlock: null };
  return planFromLastUsed(snapshot.blocks, snapshot.lastUsed);
}

function saveOnPlan(
  db: LocalDatabase,
  input: SaveInput & { known: NumberingSnapshot; planned: PlannedNumber },
): Promise<LocalInvoice> {
  const { draft, known, planned } = input;
  const invoice = numberedInvoice(input, known.numbering.prefix, planned.number);
  // The scope is a chain of Dexie promises, never native async functions awaited inside it: with several
  // transactions running at once (live queries re-running after a write) Dexie can lose track of a native
  // await, and the transaction commits before its scope ends. Here that would be a PrematureCommitError
  // after the invoice was durably written: a sale reported as failed that exists, sold again on retry.
  // Answered at the commit, before Dexie re-runs the live queries the write woke (answeredAtCommit.ts).
  return writeAnsweredAtCommit(db, saveScope(db, draft), () => {
    const reads = readSnapshot(db, draft.numberingId, known.blocks);
    // Issued right after the reads, before any of them answered: IndexedDB runs them in this order.
    const writes = writeInvoice(db, invoice, planned);
    writes.catch(() => undefined); // when the plan is stale the abort below rejects them: nothing to report
    return reads.then((current) => {
      if (!current || !sameSnapshot(current, known)) throw new StalePlan("the numbering changed since the last save");
      return writes.then(() => {
        input.snapshots.set(draft.numberingId, advanced(current, planned));
        return invoice;
      });
    });
  });
}

/** Reads, plans, then writes (three rounds): the first save of a numbering in this tab, or after a stale plan. */
function saveReadingFirst(db: LocalDatabase, input: SaveInput): Promise<LocalInvoice> {
  const { draft } = input;
  // A Dexie promise chain, like saveOnPlan's; answered at the commit, ahead of the live queries it wakes.
  return writeAnsweredAtCommit(db, saveScope(db, draft), () =>
    numberBlocksOf(db, draft.numberingId)
      .then((blocks) => readSnapshot(db, draft.numberingId, blocks))
      .then((current) => {
        if (!current) throw new LocalStoreError("NOT_READY", "the terminal's numbering is not loaded on this device");
        const planned = planOf(current);
        if (!planned) {
          throw new LocalStoreError("NO_NUMBERS_LEFT", "this device has no invoice numbers left for the numbering", {
            numberingId: draft.numberingId,
          });
        }
        const invoice = numberedInvoice(input, current.numbering.prefix, planned.number);
        return writeInvoice(db, invoice, planned).then(() => {
          input.snapshots.set(draft.numberingId, advanced(current, planned));
          return invoice;
        });
      }),
  );
}

/** The numbering, its blocks and the last number of each of `blocks`, requested together (Dexie promises). */
function readSnapshot(
  db: LocalDatabase,
  numberingId: string,
  blocks: readonly NumberBlockRecord[],
): Promise<NumberingSnapshot | null> {
  return Dexie.Promise.all([
    db.numberings.get(numberingId),
    numberBlocksOf(db, numberingId),
    Dexie.Promise.all(blocks.map((block) => lastNumberInBlock(db, block))),
  ]).then(([numbering, current, lastUsed]) => {
    if (!numbering) return null;
    // The last numbers were read for `blocks`: they belong to `current` only when the blocks are the same.
    return { numbering, blocks: current, lastUsed: sameRecords(current, blocks) ? lastUsed : [] };
  });
}

function writeInvoice(db: LocalDatabase, invoice: LocalInvoice, planned: PlannedNumber): Promise<unknown> {
  return Dexie.Promise.all([
    planned.advancedBlock ? db.numberBlocks.put(planned.advancedBlock) : undefined,
    keepClientCreatedAtTill(db, invoice.document),
    db.invoices.add(invoice),
  ]);
}

/** The checked document with its prefix and number (each checked too), as the local record. */
function numberedInvoice(input: SaveInput, prefix: string, number: number | null): LocalInvoice {
  const { shape } = input.schemas.invoiceDocumentSchema;
  const numbered = { prefix: shape.prefix.safeParse(prefix), number: shape.number.safeParse(number) };
  for (const [field, result] of Object.entries(numbered)) {
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ ...issue, path: [field, ...issue.path] }));
      throw new LocalStoreError("INVALID_INVOICE", "the invoice does not pass validation", issues);
    }
  }
  const document: InvoiceDocument = { ...input.unnumbered, prefix, number };
  const { receipt } = input.draft;
  return localInvoiceFromDocument(
    document,
    { status: "pending", clientName: receipt.clientName, receipt },
    new Date().toISOString(),
  );
}

/** The snapshot after a save: its block advanced, the number it took the last one used in that block. */
function advanced(snapshot: NumberingSnapshot, planned: PlannedNumber): NumberingSnapshot {
  const { advancedBlock, number } = planned;
  if (!advancedBlock) return snapshot;
  return {
    numbering: snapshot.numbering,
    blocks: snapshot.blocks.map((b) => (b.id === advancedBlock.id ? advancedBlock : b)),
    lastUsed: snapshot.blocks.map((b, i) => (b.id === advancedBlock.id ? number : (snapshot.lastUsed[i] ?? null))),
  };
}

function sameSnapshot(a: NumberingSnapshot, b: NumberingSnapshot): boolean {
  return (
    sameRecords([a.numbering], [b.numbering]) &&
    sameRecords(a.blocks, b.blocks) &&
    a.lastUsed.length === b.lastUsed.length &&
    a.lastUsed.every((n, i) => n === b.lastUsed[i])
  );
}

function sameRecords(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((record, i) => canonical(record) === canonical(b[i] as object));
}

/** JSON with sorted keys: the same record read twice compares equal whatever its keys' order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
