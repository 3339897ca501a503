import type { InvoiceDocument } from "@mostrador/domain";
import { normalizeForSearch } from "../text/searchText";
import type { LocalDatabase } from "./localDatabase";
import { hasUnsentChanges, type LocalInvoice } from "./localRecords";
import type { InvoiceListQuery, InvoiceStatusCounts } from "./localStore";

/**
 * The reads of this till's invoices (the sales history, the sync queue, the counts the sync indicator
 * shows), for DexieLocalStore. Writes live in invoiceRevisions and the store.
 */

/** The documents the next push uploads: pending invoices with unsent changes, oldest first. */
export async function listInvoicesToPushInDb(db: LocalDatabase, limit: number): Promise<InvoiceDocument[]> {
  const pending = await db.invoices.where("status").equals("pending").sortBy("issuedAt");
  return pending
    .filter(hasUnsentChanges)
    .slice(0, limit)
    .map((invoice) => invoice.document);
}

export function countInvoicesByStatusInDb(db: LocalDatabase): Promise<InvoiceStatusCounts> {
  return db.transaction("r", db.invoices, async () => {
    const [pending, synced, error, voided] = await Promise.all(
      (["pending", "synced", "error", "voided"] as const).map((s) => db.invoices.where("status").equals(s).count()),
    );
    return { pending: pending ?? 0, synced: synced ?? 0, error: error ?? 0, voided: voided ?? 0 };
  });
}

/** "Historial de ventas": newest first, by status and by number or client name. */
export async function listInvoicesInDb(db: LocalDatabase, query: InvoiceListQuery = {}): Promise<LocalInvoice[]> {
  const { status, limit = 500 } = query;
  const text = normalizeForSearch(query.text ?? "");
  const collection = status ? db.invoices.where("status").equals(status) : db.invoices.orderBy("issuedAt").reverse();
  const matches = (invoice: LocalInvoice) => !text || invoiceMatchesText(invoice, text);
  if (status) {
    const rows = await collection.filter(matches).toArray();
    return rows.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).slice(0, limit);
  }
  return collection.filter(matches).limit(limit).toArray();
}

/** Pending and in error, oldest first ("Exportar pendientes", the sign-out check). */
export async function listUnsyncedInvoicesInDb(db: LocalDatabase): Promise<LocalInvoice[]> {
  const rows = await db.invoices.where("status").anyOf("pending", "error").toArray();
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
