import type {
  Company,
  InvoiceRejection,
  InvoiceReturnStatus,
  PullChange,
  PullResponse,
  SyncedEntity,
} from "@mostrador/domain";
import { searchWords } from "../text/searchText";
import { applyChunkedChanges, type ChunkedEntity, clientLookup } from "./catalogChunks";
import { applyPulledCreditNotes } from "./creditNoteRecords";
import {
  applyServerInvoiceState,
  localInvoiceFromDocument,
  type ServerInvoiceState,
  sameServerState,
  tillElectronicDocumentOf,
} from "./invoiceRecords";
import { type LocalSchemas, loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { ClientRecord, NumberBlockRecord, ProductRecord } from "./localRecords";
import { hasUnsentChanges } from "./localRecords";
import type { ApplyPullResult } from "./localStore";
import { pullPageScope } from "./pullPageScope";
import { applyPulledShifts } from "./shiftRecords";
import { applyTerminalShiftInDb } from "./shiftTakeover";
import { applyStockInDb } from "./stockRecords";

type PlainEntity = Exclude<
  SyncedEntity,
  "company" | "invoices" | "shifts" | "creditNotes" | "numberBlocks" | "products" | "clients"
>;

/** Applies one pull page and its cursor in a single read-write transaction. */
export async function applyPullPageInTransaction(db: LocalDatabase, page: PullResponse): Promise<ApplyPullResult> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction(
    "rw",
    pullPageScope(db, page), // only the stores this page touches: a page of cursors does not hold up "Facturar"
    async () => {
      if (page.reset) {
        // Downloaded data only: local invoices stay (they may hold unsent sales).
        await Promise.all(db.catalogTables.map((table) => table.clear()));
        await db.meta.delete("company");
      }
      const byEntity = groupLastChangePerId(page.changes);
      const appliedByEntity: ApplyPullResult["appliedByEntity"] = {};
      let keptLocalInvoices: string[] = [];
      let keptLocalShifts: string[] = [];
      for (const [entity, changes] of byEntity) {
        appliedByEntity[entity] = changes.length;
        switch (entity) {
          case "company":
            await applyCompany(db, changes);
            break;
          case "invoices":
            keptLocalInvoices = await applyInvoices(db, changes, schemas);
            break;
          case "numberBlocks":
            await applyNumberBlocks(db, changes);
            break;
          case "shifts":
            keptLocalShifts = await applyPulledShifts(db, changes);
            break;
          case "creditNotes":
            // This device's credit notes as the server stored them; the invoice's returned
            // quantities and status come with the invoice itself.
            await applyPulledCreditNotes(db, changes);
            break;
          case "products":
            await applyCatalogRows(db, "products", changes, (data) => data as unknown as ProductRecord);
            break;
          case "clients":
            await applyCatalogRows(db, "clients", changes, withClientSearchWords);
            break;
          default:
            await applyRows(db[entity as PlainEntity] as unknown as WritableTable<unknown>, changes, (data) => data);
        }
      }
      await applyTerminalShiftInDb(db, page.terminalShift);
      await applyStockInDb(db, page.stock);
      const invoiceCursor = typeof page.invoiceCursor === "number" ? page.invoiceCursor : 0;
      await db.meta.bulkPut([
        { key: "syncCursor", value: page.cursor },
        { key: "invoiceCursor", value: invoiceCursor },
      ]);
      return {
        cursor: page.cursor,
        invoiceCursor,
        reset: page.reset,
        appliedByEntity,
        keptLocalInvoices,
        keptLocalShifts,
      };
    },
  );
}

/** When a page repeats an id, the last change wins; entities keep their first-seen order. */
function groupLastChangePerId(changes: readonly PullChange[]): Map<SyncedEntity, PullChange[]> {
  const perEntity = new Map<SyncedEntity, Map<string, PullChange>>();
  for (const change of changes) {
    let rows = perEntity.get(change.entity);
    if (!rows) {
      rows = new Map();
      perEntity.set(change.entity, rows);
    }
    rows.delete(change.id);
    rows.set(change.id, change);
  }
  return new Map([...perEntity].map(([entity, rows]) => [entity, [...rows.values()]]));
}

function isDeletion(change: PullChange): boolean {
  return change.deleted === true || change.data === undefined;
}

interface WritableTable<T> {
  bulkPut(items: readonly T[]): Promise<unknown>;
  bulkDelete(keys: string[]): Promise<void>;
}

async function applyRows<T>(
  table: WritableTable<T>,
  changes: readonly PullChange[],
  toRecord: (data: Record<string, unknown>, change: PullChange) => T,
): Promise<void> {
  const deletions = changes.filter(isDeletion).map((c) => c.id);
  const upserts = changes
    .filter((c) => !isDeletion(c))
    .map((c) => toRecord({ ...(c.data as Record<string, unknown>), id: c.id, version: c.version }, c));
  if (deletions.length > 0) await table.bulkDelete(deletions);
  if (upserts.length > 0) await table.bulkPut(upserts);
}

/** Products and clients: many rows go to chunks, a few to the row tables (storage/catalogChunks.ts). */
async function applyCatalogRows<T extends { id: string; version?: number }>(
  db: LocalDatabase,
  entity: ChunkedEntity,
  changes: readonly PullChange[],
  toRecord: (data: Record<string, unknown>) => T,
): Promise<void> {
  const deletions: { id: string; version: number }[] = [];
  const upserts: T[] = [];
  for (const change of changes) {
    if (isDeletion(change)) deletions.push({ id: change.id, version: change.version });
    else
      upserts.push(toRecord({ ...(change.data as Record<string, unknown>), id: change.id, version: change.version }));
  }
  await applyChunkedChanges(db, entity, upserts, deletions);
}

function withClientSearchWords(data: Record<string, unknown>): ClientRecord {
  const client = data as unknown as ClientRecord;
  return { ...client, searchWords: searchWords(client.name, client.idNumber) };
}

async function applyCompany(db: LocalDatabase, changes: readonly PullChange[]): Promise<void> {
  const last = changes[changes.length - 1];
  if (!last) return;
  if (isDeletion(last)) await db.meta.delete("company");
  else await db.meta.put({ key: "company", value: { ...(last.data as unknown as Company), id: last.id } });
}

/**
 * The server's blocks may not know numbers used offline that it has not received yet, so a
 * block's next number is the highest of the device's and the server's.
 */
export async function applyNumberBlocks(db: LocalDatabase, changes: readonly PullChange[]): Promise<void> {
  const existing = await db.numberBlocks.bulkGet(changes.map((c) => c.id));
  const upserts: NumberBlockRecord[] = [];
  const deletions: string[] = [];
  changes.forEach((change, i) => {
    if (isDeletion(change)) {
      deletions.push(change.id);
      return;
    }
    const incoming = { ...(change.data as Record<string, unknown>), id: change.id } as NumberBlockRecord;
    const local = existing[i];
    const next = Math.max(local?.nextNumber ?? 0, incoming.nextNumber ?? 0);
    upserts.push(next > 0 ? { ...incoming, nextNumber: next } : incoming);
  });
  if (deletions.length > 0) await db.numberBlocks.bulkDelete(deletions);
  if (upserts.length > 0) await db.numberBlocks.bulkPut(upserts);
}

/** Returns the ids left untouched because they have unsent local changes. */
async function applyInvoices(
  db: LocalDatabase,
  changes: readonly PullChange[],
  { invoiceDocumentSchema }: LocalSchemas,
): Promise<string[]> {
  const kept: string[] = [];
  const findClient = clientLookup(db);
  const locals = await db.invoices.bulkGet(changes.map((c) => c.id));
  const now = new Date().toISOString();
  for (const [i, change] of changes.entries()) {
    const local = locals[i];
    if (isDeletion(change)) {
      if (local && !hasUnsentChanges(local) && local.status !== "error") await db.invoices.delete(change.id);
      else if (local) kept.push(change.id);
      continue;
    }
    const data = change.data as Record<string, unknown>;
    const state: ServerInvoiceState = {
      status: String(data.status),
      revision: typeof data.revision === "number" ? data.revision : 0,
      version: change.version,
      // Invoice numbers start at 1: anything else means "no number yet".
      number: typeof data.number === "number" && data.number >= 1 ? data.number : null,
      errors: Array.isArray(data.errors) ? (data.errors as InvoiceRejection[]) : [],
      ...(Array.isArray(data.returnedQuantities) ? { returnedQuantities: data.returnedQuantities as number[] } : {}),
      ...(typeof data.returnStatus === "string" ? { returnStatus: data.returnStatus as InvoiceReturnStatus } : {}),
      electronicDocument: tillElectronicDocumentOf(data.electronicDocument),
    };
    if (local) {
      // A newer revision here, or one to be sent (again) that the row only says was rejected: the push's
      // answer decides («Sincronizar de nuevo» pressed after this page was asked for must not be undone).
      if (local.document.revision > state.revision || (hasUnsentChanges(local) && state.status === "rejected")) {
        kept.push(change.id);
        continue;
      }
      const updated = applyServerInvoiceState(local, state, now);
      // The invoices a push just delivered come back unchanged in the pull after it: no rewrite.
      if (!sameServerState(local, updated)) await db.invoices.put(updated);
      continue;
    }
    const parsed = invoiceDocumentSchema.safeParse(data.document);
    if (!parsed.success) continue; // a summary without its document cannot be shown as a receipt
    const document = parsed.data;
    const clientName = document.newClient?.name ?? (await findClient(document.clientId))?.name ?? "";
    const record = localInvoiceFromDocument(document, { status: "pending", clientName, receipt: null }, now);
    await db.invoices.put(applyServerInvoiceState(record, state, now));
  }
  return kept;
}

/** A client's name for an invoice stored without one; reads the chunks (see clientLookup): once per call. */
export async function clientNameOf(db: LocalDatabase, clientId: string): Promise<string> {
  return (await clientLookup(db)(clientId))?.name ?? "";
}
