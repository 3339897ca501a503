import Dexie from "dexie";
import { type ChunkedEntity, chunksWorthCompacting, compactChunks, readChunkedRows } from "./catalogChunks";
import type { LocalDatabase } from "./localDatabase";
import type { ClientRecord, ProductRecord } from "./localRecords";

/**
 * Lists the catalog's chunked rows and, when a read finds the chunks mostly superseded (after big imports),
 * compacts them a little later, once, outside the reader's transaction: the till's start and its search do
 * not wait for it, and its one live-query re-run then reads half the rows.
 */
export class CatalogChunkCompactor {
  private readonly running = new Map<ChunkedEntity, Promise<void>>();

  constructor(
    private readonly db: LocalDatabase,
    private readonly delayMs = 2_000,
  ) {}

  list(entity: "products"): Promise<ProductRecord[]>;
  list(entity: "clients"): Promise<ClientRecord[]>;
  async list(entity: ChunkedEntity): Promise<unknown[]> {
    const read = await readChunkedRows(this.db, entity);
    if (chunksWorthCompacting(read)) this.schedule(entity);
    return read.live;
  }

  /** Resolves when the compactions scheduled so far have run (tests). */
  async settled(): Promise<void> {
    await Promise.all(this.running.values());
  }

  private schedule(entity: ChunkedEntity): void {
    if (this.running.has(entity)) return;
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        // A failure (the database closed, a quota) leaves the chunks as they were: the next read asks again.
        Dexie.ignoreTransaction(() => compactChunks(this.db, entity))
          .catch(() => false)
          .then(() => {
            this.running.delete(entity);
            resolve();
          });
      }, this.delayMs);
      (timer as { unref?: () => void }).unref?.(); // Node (tests): never keeps the process alive
    });
    this.running.set(entity, done);
  }
}
