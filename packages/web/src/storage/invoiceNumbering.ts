import Dexie from "dexie";
import type { LocalDatabase } from "./localDatabase";
import type { NumberBlockRecord } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";

export interface TakenNumber {
  /** null for an electronic numbering: the server assigns the number when it accepts the invoice. */
  number: number | null;
  blockId: string | null;
}

/** Which documents a numbering numbers: invoices, or credit notes ("NC"). */
export type NumberedDocuments = "invoices" | "creditNotes";

/**
 * The highest number this device stored in a block's range (null: none). Call inside a transaction
 * on the numbered documents' table.
 */
export function lastNumberInBlock(
  db: LocalDatabase,
  block: NumberBlockRecord,
  used: NumberedDocuments = "invoices",
): Promise<number | null> {
  // A Dexie promise chain, not an async function: see countNumbersLeft.
  return (db[used] as LocalDatabase["invoices"])
    .where("[numberingId+number]")
    .between([block.numberingId, block.rangeFrom], [block.numberingId, block.rangeTo], true, true)
    .last()
    .then((lastUsed) => lastUsed?.number ?? null);
}

/**
 * The next free number of one block: after the block's own counter and after every document this
 * device already stored in its range (`lastUsed`, so a block re-sent by the server, or a reset
 * download, never hands out a number twice).
 */
export function nextFreeFrom(block: NumberBlockRecord, lastUsed: number | null): number {
  return Math.max(block.rangeFrom, block.nextNumber ?? block.rangeFrom, lastUsed ? lastUsed + 1 : 0);
}

async function nextFreeInBlock(
  db: LocalDatabase,
  block: NumberBlockRecord,
  used: NumberedDocuments = "invoices",
): Promise<number> {
  return nextFreeFrom(block, await lastNumberInBlock(db, block, used));
}

/** Last number the device may use in a block (a release cuts it short). */
export function blockEnd(block: NumberBlockRecord): number {
  return typeof block.releasedFrom === "number" ? Math.min(block.rangeTo, block.releasedFrom - 1) : block.rangeTo;
}

function byRangeStart(a: NumberBlockRecord, b: NumberBlockRecord): number {
  return a.rangeFrom - b.rangeFrom;
}

/** The lowest unused number across the device's blocks of a numbering (null: electronic), and that block advanced. */
export interface PlannedNumber extends TakenNumber {
  /** The block to put in the same transaction (null for an electronic numbering). */
  advancedBlock: NumberBlockRecord | null;
}

/**
 * Finds the next number among `blocks` (the numbering's blocks, read in this transaction) without
 * writing: the caller puts `advancedBlock` in the same transaction, beside its own writes.
 */
export async function planNextInvoiceNumber(
  db: LocalDatabase,
  blocks: readonly NumberBlockRecord[],
  options: { electronic: boolean; used?: NumberedDocuments; numberingId: string },
): Promise<PlannedNumber> {
  if (options.electronic) return { number: null, blockId: null, advancedBlock: null };
  for (const block of [...blocks].sort(byRangeStart)) {
    const candidate = await nextFreeInBlock(db, block, options.used);
    if (candidate <= blockEnd(block)) {
      // The block as read, advanced: one put (an update would read it again first).
      return { number: candidate, blockId: block.id, advancedBlock: { ...block, nextNumber: candidate + 1 } };
    }
  }
  throw new LocalStoreError("NO_NUMBERS_LEFT", "this device has no invoice numbers left for the numbering", {
    numberingId: options.numberingId,
  });
}

/**
 * planNextInvoiceNumber's rule over blocks whose last used numbers are already known (`lastUsed[i]`
 * belongs to `blocks[i]`): the lowest free number and its block advanced, or null when none is left.
 */
export function planFromLastUsed(
  blocks: readonly NumberBlockRecord[],
  lastUsed: readonly (number | null)[],
): PlannedNumber | null {
  const ordered = blocks.map((block, i) => ({ block, last: lastUsed[i] ?? null }));
  ordered.sort((a, b) => byRangeStart(a.block, b.block));
  for (const { block, last } of ordered) {
    const candidate = nextFreeFrom(block, last);
    if (candidate <= blockEnd(block)) {
      return { number: candidate, blockId: block.id, advancedBlock: { ...block, nextNumber: candidate + 1 } };
    }
  }
  return null;
}

/** The blocks of one numbering held by this device. */
export function numberBlocksOf(db: LocalDatabase, numberingId: string): Promise<NumberBlockRecord[]> {
  return db.numberBlocks.where("numberingId").equals(numberingId).toArray();
}

/** Takes the lowest unused number across the device's blocks of a numbering, and advances that block. */
export async function takeNextInvoiceNumber(
  db: LocalDatabase,
  numberingId: string,
  options: { electronic: boolean; used?: NumberedDocuments },
): Promise<TakenNumber> {
  if (options.electronic) return { number: null, blockId: null };
  const planned = await planNextInvoiceNumber(db, await numberBlocksOf(db, numberingId), { ...options, numberingId });
  if (planned.advancedBlock) await db.numberBlocks.put(planned.advancedBlock);
  return { number: planned.number, blockId: planned.blockId };
}

/**
 * Numbers still available to this device in a numbering (sum over its blocks). The transaction's scope
 * chains Dexie promises only (no nested native async functions awaited in a loop): it runs inside live
 * queries, and when several of them re-ran at once after a lease, Dexie's tracking of native awaits lost
 * this transaction, which committed before the scope ended (PrematureCommitError thrown into the sale screen).
 */
export function countNumbersLeft(
  db: LocalDatabase,
  numberingId: string,
  used: NumberedDocuments = "invoices",
): Promise<number> {
  return db.transaction("r", [db.numberBlocks, db[used]], () =>
    numberBlocksOf(db, numberingId)
      .then((blocks) =>
        Dexie.Promise.all(
          blocks.map((block) =>
            lastNumberInBlock(db, block, used).then((last) =>
              Math.max(0, blockEnd(block) - nextFreeFrom(block, last) + 1),
            ),
          ),
        ),
      )
      .then((counts) => counts.reduce((sum, left) => sum + left, 0)),
  );
}
