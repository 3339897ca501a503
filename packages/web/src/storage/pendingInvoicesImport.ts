import type { InvoiceDocument } from "@mostrador/domain";
import { clientLookup } from "./catalogChunks";
import { localInvoiceFromDocument } from "./invoiceRecords";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { ImportResult } from "./localStore";
import { toLocalStoreError } from "./localStoreErrors";

/** The tables importValidInvoices writes or reads: a caller's transaction must include them. */
export const invoiceImportTables = (db: LocalDatabase) => [
  db.invoices,
  db.clients,
  db.clientChunks,
  db.clientTombstones,
];

/**
 * "Importar pendientes": invoices from an export file become pending here, unless this device already
 * holds the same or a newer revision; documents that do not pass the shared schema are only counted.
 */
export async function importInvoicesInDb(db: LocalDatabase, documents: readonly unknown[]): Promise<ImportResult> {
  const result: ImportResult = { imported: 0, alreadyPresent: 0, invalid: 0 };
  const { invoiceDocumentSchema } = await loadLocalSchemas();
  const valid: InvoiceDocument[] = [];
  for (const candidate of documents) {
    const parsed = invoiceDocumentSchema.safeParse(candidate);
    if (parsed.success) valid.push(parsed.data);
    else result.invalid += 1;
  }
  try {
    // An async scope (not an arrow returning the promise): Dexie keeps the transaction across native awaits only then.
    await db.transaction("rw", invoiceImportTables(db), async () => {
      await importValidInvoices(db, valid, result);
    });
  } catch (error) {
    throw toLocalStoreError(error);
  }
  return result;
}

/** Inside the caller's read-write transaction over invoiceImportTables: the checked documents, counted in `result`. */
export async function importValidInvoices(
  db: LocalDatabase,
  valid: readonly InvoiceDocument[],
  result: ImportResult,
): Promise<void> {
  const now = new Date().toISOString();
  const findClient = clientLookup(db);
  for (const document of valid) {
    const local = await db.invoices.get(document.id);
    if (local && local.document.revision >= document.revision) {
      result.alreadyPresent += 1;
      continue;
    }
    const clientName = document.newClient?.name ?? (await findClient(document.clientId))?.name ?? "";
    await db.invoices.put(
      localInvoiceFromDocument(
        document,
        {
          status: "pending",
          clientName,
          serverRevision: local?.serverRevision ?? 0,
          serverVersion: local?.serverVersion ?? null,
          receipt: local?.receipt ?? null,
          createdAt: local?.createdAt ?? now,
          imported: !local,
        },
        now,
      ),
    );
    result.imported += 1;
  }
}
