import { uuidv7 } from "@mostrador/domain";
import type { EntityTable } from "dexie";
import type { LocalDatabase } from "./localDatabase";
import type { CatalogChunkRecord, CatalogTombstoneRecord, ClientRecord, ProductRecord } from "./localRecords";

/**
 * The catalog in chunks (Dexie v8, issue 17). IndexedDB costs ~0.1 ms per record written, whatever its size,
 * so a large set of products or clients (the first load, a big import) is written as records of
 * CHUNK_SIZE rows each. Small incremental changes keep going to the row tables (`products`, `clients`: the
 * overlay, also where clients made at this till live), deletions leave a tombstone (a chunk is never rewritten).
 * Reading merges all three: per id, the highest version wins (what applying every change row by row in version
 * order would leave); at equal versions a tombstone wins over a row and the overlay over a chunk.
 */
export const CHUNK_SIZE = 300;
/** A page brings at least this many rows of an entity → chunks; fewer → rows (each row is one small record). */
export const CHUNK_MIN_ROWS = 200;

export type ChunkedEntity = "products" | "clients";

interface VersionedRow {
  id: string;
  version?: number;
}

interface ChunkedTables<T extends VersionedRow> {
  chunks: EntityTable<CatalogChunkRecord<T>, "id">;
  rows: EntityTable<T, "id">;
  tombstones: EntityTable<CatalogTombstoneRecord, "id">;
}

/** The entity's three tables; T is the caller's row type (ProductRecord or ClientRecord). */
function tablesOf<T extends VersionedRow>(db: LocalDatabase, entity: ChunkedEntity): ChunkedTables<T> {
  const tables =
    entity === "products"
      ? { chunks: db.productChunks, rows: db.products, tombstones: db.productTombstones }
      : { chunks: db.clientChunks, rows: db.clients, tombstones: db.clientTombstones };
  return tables as unknown as ChunkedTables<T>;
}

/** Upserts and deletions of one entity from a pull page (the last change per id already chosen). */
export async function applyChunkedChanges<T extends VersionedRow>(
  db: LocalDatabase,
  entity: ChunkedEntity,
  upserts: readonly T[],
  deletions: readonly { id: string; version: number }[],
): Promise<void> {
  const tables = tablesOf<T>(db, entity);
  if (deletions.length > 0) {
    await tables.rows.bulkDelete(deletions.map((d) => d.id) as Parameters<typeof tables.rows.bulkDelete>[0]);
    await tables.tombstones.bulkPut(deletions.map((d) => ({ id: d.id, version: d.version })));
  }
  if (upserts.length === 0) return;
  if (upserts.length < CHUNK_MIN_ROWS) {
    await tables.rows.bulkPut(upserts as T[]);
    return;
  }
  const chunks: CatalogChunkRecord<T>[] = [];
  for (let i = 0; i < upserts.length; i += CHUNK_SIZE) {
    chunks.push({ id: uuidv7(), rows: upserts.slice(i, i + CHUNK_SIZE) });
  }
  await tables.chunks.bulkPut(chunks);
}

/** Every live row of the entity, in id order (as the row table's `toArray()` gave them). */
export async function listChunkedRows(db: LocalDatabase, entity: "products"): Promise<ProductRecord[]>;
export async function listChunkedRows(db: LocalDatabase, entity: "clients"): Promise<ClientRecord[]>;
export async function listChunkedRows(db: LocalDatabase, entity: ChunkedEntity): Promise<VersionedRow[]> {
  return (await readChunkedRows(db, entity)).live;
}

/** The live rows, and how many rows the chunks hold in all and how many of those are still live. */
export interface ChunkedRowsRead<T> {
  live: T[];
  chunkRows: number;
  liveChunkRows: number;
}

export async function readChunkedRows(
  db: LocalDatabase,
  entity: ChunkedEntity,
): Promise<ChunkedRowsRead<VersionedRow>> {
  const tables = tablesOf<VersionedRow>(db, entity);
  const [chunks, rows, tombstones] = await Promise.all([
    tables.chunks.toArray(),
    tables.rows.toArray(),
    tables.tombstones.toArray(),
  ]);
  // a till that never loaded in chunks
  if (chunks.length === 0 && tombstones.length === 0) return { live: rows, chunkRows: 0, liveChunkRows: 0 };
  return mergeRanked(chunks, rows, tombstones);
}

/** The merge rule (pure, for the property test): see the module's comment. */
export function mergeCatalogRows<T extends VersionedRow>(
  chunks: readonly CatalogChunkRecord<T>[],
  rows: readonly T[],
  tombstones: readonly CatalogTombstoneRecord[],
): T[] {
  return mergeRanked(chunks, rows, tombstones).live;
}

function mergeRanked<T extends VersionedRow>(
  chunks: readonly CatalogChunkRecord<T>[],
  rows: readonly T[],
  tombstones: readonly CatalogTombstoneRecord[],
): ChunkedRowsRead<T> {
  // rank: the version, then the source (chunk 0 < overlay 1 < tombstone 2) at equal versions
  const best = new Map<string, { rank: number; row: T | null }>();
  const offer = (id: string, version: number | undefined, source: number, row: T | null) => {
    const rank = (version ?? 0) * 4 + source;
    const held = best.get(id);
    if (!held || held.rank <= rank) best.set(id, { rank, row });
  };
  let chunkRows = 0;
  for (const chunk of chunks) {
    chunkRows += chunk.rows.length;
    for (const row of chunk.rows) offer(row.id, row.version, 0, row);
  }
  for (const row of rows) offer(row.id, row.version, 1, row);
  for (const tombstone of tombstones) offer(tombstone.id, tombstone.version, 2, null);
  const live: T[] = [];
  let liveChunkRows = 0;
  for (const { rank, row } of best.values()) {
    if (!row) continue;
    live.push(row);
    if (rank % 4 === 0) liveChunkRows += 1;
  }
  if (!isSortedById(live)) live.sort(byId);
  return { live, chunkRows, liveChunkRows };
}

const byId = (a: VersionedRow, b: VersionedRow) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Chunks are never rewritten when their rows change, so every big import of prices adds a full copy of the
 * catalog that the till reads (and holds in memory while merging) at every start. Worth compacting once the
 * superseded rows are at least half as many as the live ones (one full re-import doubles them) and a chunk's worth.
 */
export function chunksWorthCompacting(read: Pick<ChunkedRowsRead<unknown>, "chunkRows" | "liveChunkRows">): boolean {
  const superseded = read.chunkRows - read.liveChunkRows;
  return superseded >= CHUNK_SIZE && superseded * 2 >= read.liveChunkRows;
}

/**
 * The chunks' rows that can still win the merge: per id the newest chunk row, unless a tombstone of the same or
 * a later version deletes it. The overlay rows and the tombstones stay where they are, so merging the compacted
 * chunks with them gives exactly what merging the old chunks gave (every row dropped is beaten by one kept).
 */
export function compactedChunkRows<T extends VersionedRow>(
  chunks: readonly CatalogChunkRecord<T>[],
  tombstones: readonly CatalogTombstoneRecord[],
): T[] {
  return mergeRanked(chunks, [], tombstones).live;
}

/**
 * Rewrites the entity's chunks as their live rows, in one transaction that reads them again (a pull may have
 * added chunks since the read that asked for it). Returns whether it rewrote anything.
 */
export async function compactChunks(db: LocalDatabase, entity: ChunkedEntity): Promise<boolean> {
  const tables = tablesOf<VersionedRow>(db, entity);
  return db.transaction("rw", [tables.chunks, tables.tombstones], async () => {
    const [chunks, tombstones] = await Promise.all([tables.chunks.toArray(), tables.tombstones.toArray()]);
    const kept = compactedChunkRows(chunks, tombstones);
    const chunkRows = chunks.reduce((n, c) => n + c.rows.length, 0);
    if (!chunksWorthCompacting({ chunkRows, liveChunkRows: kept.length })) return false;
    await tables.chunks.bulkDelete(chunks.map((c) => c.id));
    const fresh: CatalogChunkRecord<VersionedRow>[] = [];
    for (let i = 0; i < kept.length; i += CHUNK_SIZE) fresh.push({ id: uuidv7(), rows: kept.slice(i, i + CHUNK_SIZE) });
    await tables.chunks.bulkPut(fresh);
    return true;
  });
}

function isSortedById(rows: readonly VersionedRow[]): boolean {
  for (let i = 1; i < rows.length; i++)
    if ((rows[i - 1] as VersionedRow).id > (rows[i] as VersionedRow).id) return false;
  return true;
}

/**
 * Looks up clients by id inside a transaction on `clients`, `clientChunks` and `clientTombstones`: everything is
 * read and merged once, on the first lookup, for the rest of the transaction.
 */
export function clientLookup(db: LocalDatabase): (id: string) => Promise<ClientRecord | undefined> {
  let merged: Promise<Map<string, ClientRecord>> | null = null;
  return async (id) => {
    merged ??= listChunkedRows(db, "clients").then((all) => new Map(all.map((c) => [c.id, c])));
    return (await merged).get(id);
  };
}
