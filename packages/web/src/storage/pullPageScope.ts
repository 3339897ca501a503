import type { PullResponse, SyncedEntity } from "@mostrador/domain";
import type { Table } from "dexie";
import type { LocalDatabase } from "./localDatabase";

/**
 * The stores a pull page's transaction writes or reads, and only those: a read-write transaction waits for every
 * transaction before it on any store of its scope and holds them all until it commits, so a page that carries
 * only cursors (the pull after every sale, the idle timer's) must not lock `invoices`, `numberBlocks` and
 * `numberings`, which "Facturar" needs. Keep in step with pullPageApplier (a store missing here fails its
 * transaction: pullPageScope.test applies a page of every entity).
 */
export function pullPageScope(db: LocalDatabase, page: PullResponse): Table[] {
  const scope = new Set<Table>([db.meta]); // the cursors, always
  if (page.reset) for (const table of db.catalogTables) scope.add(table);
  for (const entity of new Set(page.changes.map((change) => change.entity))) {
    for (const table of tablesOfEntity(db, entity)) scope.add(table);
  }
  if (page.terminalShift) scope.add(db.shifts); // a held shift takes the server's "sold elsewhere"
  if (page.stock) scope.add(db.stock);
  return [...scope];
}

function tablesOfEntity(db: LocalDatabase, entity: SyncedEntity): Table[] {
  const clients = [db.clients, db.clientChunks, db.clientTombstones];
  switch (entity) {
    case "company":
      return [db.meta];
    case "invoices":
      return [db.invoices, ...clients]; // an invoice new to this till takes its client's name
    case "shifts":
      return [db.shifts];
    case "creditNotes":
      return [db.creditNotes];
    case "products":
      return [db.products, db.productChunks, db.productTombstones];
    case "clients":
      return clients;
    default:
      return [db[entity] as Table];
  }
}
