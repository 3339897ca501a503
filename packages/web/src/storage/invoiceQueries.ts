import type { LocalInvoiceStatus } from "@mostrador/domain";
import Dexie from "dexie";
import { normalizeForSearch } from "../text/searchText";
import type { LocalDatabase } from "./localDatabase";
import { hasUnsentChanges, type LocalInvoice } from "./localRecords";
import type { InvoiceListQuery, InvoiceStatusCounts, PushQueuePage, PushQueuePosition } from "./localStore";

/**
 * The reads of this till's invoices (the sales history, the sync queue, the counts the sync indicator
 * shows), for DexieLocalStore. Writes live in invoiceRevisions and the store.
 */

/**
 * The push queue in its order: pending invoices by issuedAt, then id ([status+issuedAt+id], v10), after `after`
 * when given. A plain key range, so Dexie reads it with getAll: no cursor, no sorting in memory.
 */
function pushQueue(db: LocalDatabase, after?: PushQueuePosition) {
  return (
    db.invoices
      .where("[status+issuedAt+id]")
      // ["pending"] sorts before every pending entry and ["pending", maxKey] after them (an array's shorter prefix
      // comes first). Not ["pending", maxKey, maxKey]: one array twice in a key is invalid ("seen" in IndexedDB's
      // key conversion).
      .between(after ? ["pending", after.issuedAt, after.id] : ["pending"], ["pending", Dexie.maxKey], !after, true)
  );
}

/**
 * This till's invoices of one status, oldest first: a plain key range of [status+issuedAt+id], so IndexedDB
 * counts it and reads it with one getAll. v11 dropped the plain status index: every write of an invoice (the
 * sale, each answer of a push) keeps one index less.
 */
export function invoicesWithStatus(db: LocalDatabase, status: LocalInvoiceStatus) {
  // Same bounds as the push queue (see pushQueue).
  return db.invoices.where("[status+issuedAt+id]").between([status], [status, Dexie.maxKey], true, true);
}

/**
 * The invoices of several statuses, one range each (Dexie's inAnyRange would walk a cursor over them instead).
 * A promise chain, not an async function: also called inside live queries' transactions.
 */
export function invoicesWithStatuses(db: LocalDatabase, statuses: LocalInvoiceStatus[]): Promise<LocalInvoice[]> {
  return Promise.all(statuses.map((s) => invoicesWithStatus(db, s).toArray())).then((parts) => parts.flat());
}

/**
 * A page of the push queue: up to `size` pending invoices after `after`, read with one bounded getAll. Rows whose
 * revision the server already answered are read but not sent, so a page may hold fewer documents than `size`
 * and still not be the last.
 */
export async function listInvoicesToPushPageInDb(
  db: LocalDatabase,
  size: number,
  after?: PushQueuePosition,
): Promise<PushQueuePage> {
  const rows = await pushQueue(db, after).limit(size).toArray();
  const last = rows.at(-1);
  return {
    documents: rows.filter(hasUnsentChanges).map((invoice) => invoice.document),
    next: last && rows.length === size ? { issuedAt: last.issuedAt, id: last.id } : null,
  };
}

export function countInvoicesByStatusInDb(db: LocalDatabase): Promise<InvoiceStatusCounts> {
  return db.transaction("r", db.invoices, async () => {
    const [pending, synced, error, voided] = await Promise.all(
      (["pending", "synced", "error", "voided"] as const).map((s) => invoicesWithStatus(db, s).count()),
    );
    return { pending: pending ?? 0, synced: synced ?? 0, error: error ?? 0, voided: voided ?? 0 };
  });
}

/** "Historial de ventas": newest first, by status and by number or client name. */
export async function listInvoicesInDb(db: LocalDatabase, query: InvoiceListQuery = {}): Promise<LocalInvoice[]> {
  const { status, limit = 500 } = query;
  const text = normalizeForSearch(query.text ?? "");
  const collection = status ? invoicesWithStatus(db, status) : db.invoices.orderBy("issuedAt").reverse();
  const matches = (invoice: LocalInvoice) => !text || invoiceMatchesText(invoice, text);
  if (status) {
    const rows = await collection.filter(matches).toArray();
    return rows.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).slice(0, limit);
  }
  return collection.filter(matches).limit(limit).toArray();
}

/** Pending and in error, oldest first ("Exportar pendientes", the sign-out check). */
export async function listUnsyncedInvoicesInDb(db: LocalDatabase): Promise<LocalInvoice[]> {
  const rows = await invoicesWithStatuses(db, ["pending", "error"]);
  return rows.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

function invoiceMatchesText(invoice: LocalInvoice, normalizedText: string): boolean {
  const compact = normalizedText.replace(/\s+/g, "");
  if (invoice.number !== null) {
    const number = String(invoice.number);
    if (number === compact || `${invoice.prefix}${number}`.toLowerCase() === compact) return true;
    if (normalizeForSearch(`${invoice.prefix} ${number}`) === normalizedText) return true;
  }
  return normalizeForSearch(invoice.clientName).includes(normalizedText);
}
