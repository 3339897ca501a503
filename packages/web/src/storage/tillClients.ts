import type { InvoiceDocument } from "@mostrador/domain";
import Dexie from "dexie";
import { searchWords } from "../text/searchText";
import type { LocalDatabase } from "./localDatabase";

/**
 * A client created at the till travels with its invoice; it is also kept locally (searchable,
 * marked as made offline) so the next sale can pick it. Call inside a rw transaction on clients.
 */
export function keepClientCreatedAtTill(db: LocalDatabase, document: InvoiceDocument): Promise<void> {
  // A Dexie promise, not an async function: "Facturar" chains it inside its transaction (see newInvoiceSave).
  if (!document.newClient) return Dexie.Promise.resolve();
  const client = { ...document.newClient, version: 0 };
  return db.clients
    .put({ ...client, searchWords: searchWords(client.name, client.idNumber), createdOffline: true })
    .then(() => undefined);
}

/**
 * The same for a revision of a sale («Editar»): its document still carries the client it made, but once
 * the server has sent that client back (version > 0) the server's row is the newer one (an admin may have
 * corrected it) and the revision's copy would put the old fields back. Call inside a rw transaction on clients.
 */
export async function keepClientOfRevision(db: LocalDatabase, document: InvoiceDocument): Promise<void> {
  if (!document.newClient) return;
  const stored = await db.clients.get(document.newClient.id);
  if (stored && (stored.version ?? 0) > 0) return;
  await keepClientCreatedAtTill(db, document);
}
