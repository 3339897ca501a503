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
  const tables = tablesOf<VersionedRow>(db, entity);
  const [chunks, rows, tombstones] = await Promise.all([
    tables.chunks.toArray(),
    tables.rows.toArray(),
    tables.tombstones.toArray(),
  ]);
  if (chunks.length === 0 && tombstones.length === 0) return rows; // a till that never loaded in chunks
  return mergeCatalogRows(chunks, rows, tombstones);
}

/** The merge rule (pure, for the property test): see the module's comment. */
export function mergeCatalogRows<T extends VersionedRow>(
  chunks: readonly CatalogChunkRecord<T>[],
  rows: readonly T[],
  tombstones: readonly CatalogTombstoneRecord[],
): T[] {
  // rank: the version, then the source (chunk 0 < overlay 1 < tombstone 2) at equal versions
  const best = new Map<string, { rank: number; row: T | null }>();
  const offer = (id: string, version: number | undefined, source: number, row: T | null) => {
    const rank = (version ?? 0) * 4 + source;
    const held = best.get(id);
    if (!held || held.rank <= rank) best.set(id, { rank, row });
  };
  for (const chunk of chunks) for (const row of chunk.rows) offer(row.id, row.version, 0, row);
  for (const row of rows) offer(row.id, row.version, 1, row);
  for (const tombstone of tombstones) offer(tombstone.id, tombstone.version, 2, null);
  const live: T[] = [];
  for (const { row } of best.values()) if (row) live.push(row);
  if (!isSortedById(live)) live.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return live;
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
