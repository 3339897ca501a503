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
 * The next free number of one block: after the block's own counter and after every
 * document this device already stored in its range (so a block re-sent by the server,
 * or a reset download, never hands out a number twice). Call inside a rw transaction
 * on numberBlocks and the numbered documents' table.
 */
async function nextFreeInBlock(
  db: LocalDatabase,
  block: NumberBlockRecord,
  used: NumberedDocuments = "invoices",
): Promise<number> {
  const lastUsed = await (db[used] as LocalDatabase["invoices"])
    .where("[numberingId+number]")
    .between([block.numberingId, block.rangeFrom], [block.numberingId, block.rangeTo], true, true)
    .last();
  return Math.max(block.rangeFrom, block.nextNumber ?? block.rangeFrom, lastUsed?.number ? lastUsed.number + 1 : 0);
}

/** Last number the device may use in a block (a release cuts it short). */
export function blockEnd(block: NumberBlockRecord): number {
  return typeof block.releasedFrom === "number" ? Math.min(block.rangeTo, block.releasedFrom - 1) : block.rangeTo;
}

function byRangeStart(a: NumberBlockRecord, b: NumberBlockRecord): number {
  return a.rangeFrom - b.rangeFrom;
}

/** Takes the lowest unused number across the device's blocks of a numbering, and advances that block. */
export async function takeNextInvoiceNumber(
  db: LocalDatabase,
  numberingId: string,
  options: { electronic: boolean; used?: NumberedDocuments },
): Promise<TakenNumber> {
  if (options.electronic) return { number: null, blockId: null };
  const blocks = (await db.numberBlocks.where("numberingId").equals(numberingId).toArray()).sort(byRangeStart);
  for (const block of blocks) {
    const candidate = await nextFreeInBlock(db, block, options.used);
    if (candidate <= blockEnd(block)) {
      // The block as just read, advanced: one put (an update would read it again first).
      await db.numberBlocks.put({ ...block, nextNumber: candidate + 1 });
      return { number: candidate, blockId: block.id };
    }
  }
  throw new LocalStoreError("NO_NUMBERS_LEFT", "this device has no invoice numbers left for the numbering", {
    numberingId,
  });
}

/** Numbers still available to this device in a numbering (sum over its blocks). */
export async function countNumbersLeft(
  db: LocalDatabase,
  numberingId: string,
  used: NumberedDocuments = "invoices",
): Promise<number> {
  return db.transaction("r", [db.numberBlocks, db[used]], async () => {
    const blocks = await db.numberBlocks.where("numberingId").equals(numberingId).toArray();
    let left = 0;
    for (const block of blocks) left += Math.max(0, blockEnd(block) - (await nextFreeInBlock(db, block, used)) + 1);
    return left;
  });
}
