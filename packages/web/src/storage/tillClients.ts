import type { InvoiceDocument } from "@mostrador/domain";
import { searchWords } from "../text/searchText";
import type { LocalDatabase } from "./localDatabase";

/**
 * A client created at the till travels with its invoice; it is also kept locally (searchable,
 * marked as made offline) so the next sale can pick it. Call inside a rw transaction on clients.
 */
export async function keepClientCreatedAtTill(db: LocalDatabase, document: InvoiceDocument): Promise<void> {
  if (!document.newClient) return;
  const client = { ...document.newClient, version: 0 };
  await db.clients.put({ ...client, searchWords: searchWords(client.name, client.idNumber), createdOffline: true });
}
