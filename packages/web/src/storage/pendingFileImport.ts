import type {
  CreditNoteDocument,
  InvoiceDocument,
  InvoiceVoidDocument,
  NewClient,
  ShiftDocument,
} from "@mostrador/domain";
import { searchWords } from "../text/searchText";
import { clientLookup } from "./catalogChunks";
import { pendingRecord as pendingCreditNote } from "./creditNoteRecords";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { DeviceIdentity, LocalInvoiceVoid } from "./localRecords";
import type { ImportResult } from "./localStore";
import { toLocalStoreError } from "./localStoreErrors";
import { importValidInvoices, invoiceImportTables } from "./pendingInvoicesImport";
import { importShift, type ShiftImporter } from "./shiftImport";

/** An export file's records, not yet checked (each is checked by the shared schema of its kind). */
export interface PendingFileContents {
  invoices: readonly unknown[];
  creditNotes: readonly unknown[];
  voids: readonly unknown[];
  shifts: readonly unknown[];
  clients: readonly unknown[];
}

/**
 * Why a record of the file was not written here: a shift is taken only by a device of its terminal,
 * as a handover ("Tomar turno"). Credit notes and voids are always written (see importCreditNote).
 */
export type ImportRefusalReason =
  /** A shift of another terminal: only a device of that terminal can take it over. */
  | "OTHER_TERMINAL"
  /** An open shift, while this device holds another open shift of the terminal. */
  | "SHIFT_OPEN_HERE"
  /** This device holds the shift already, without the file's later changes (taken over from an older state). */
  | "SHIFT_CONFLICT"
  /** This browser is not a registered till with a signed-in cashier. */
  | "NOT_A_TILL";

export interface ImportRefusal {
  kind: "creditNote" | "void" | "shift";
  id: string;
  reason: ImportRefusalReason;
  /** What the cashier recognises: the shift's terminal name. */
  label: string;
}

export interface PendingImportResult {
  invoices: ImportResult;
  creditNotes: ImportResult;
  voids: ImportResult;
  shifts: ImportResult;
  clients: ImportResult;
  /** Valid records that stay only in the file (never silently dropped: the import says which and why). */
  refused: ImportRefusal[];
}

const noneYet = (): ImportResult => ({ imported: 0, alreadyPresent: 0, invalid: 0 });

function checked<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) {
  return (candidates: readonly unknown[], result: ImportResult): T[] => {
    const valid: T[] = [];
    for (const candidate of candidates) {
      const parsed = schema.safeParse(candidate);
      if (parsed.success) valid.push(parsed.data);
      else result.invalid += 1;
    }
    return valid;
  };
}

/**
 * "Importar pendientes" of a whole file, in ONE read-write transaction: all of it is written or none
 * (a failure midway leaves the device as it was). Each record becomes pending here exactly as the
 * push uploads it, so this device's normal sync sends it; the server dedupes by id (and revision).
 * A record this device already holds is counted, not written again: importing the same file twice
 * changes nothing the second time.
 */
export async function importPendingFileInDb(
  db: LocalDatabase,
  contents: PendingFileContents,
  now = new Date(),
): Promise<PendingImportResult> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  const result: PendingImportResult = {
    invoices: noneYet(),
    creditNotes: noneYet(),
    voids: noneYet(),
    shifts: noneYet(),
    clients: noneYet(),
    refused: [],
  };
  const clients = checked<NewClient>(schemas.newClientSchema)(contents.clients, result.clients);
  const invoices = checked<InvoiceDocument>(schemas.invoiceDocumentSchema)(contents.invoices, result.invoices);
  const shifts = checked<ShiftDocument>(schemas.shiftDocumentSchema)(contents.shifts, result.shifts);
  const notes = checked<CreditNoteDocument>(schemas.creditNoteDocumentSchema)(contents.creditNotes, result.creditNotes);
  const voids = checked<InvoiceVoidDocument>(schemas.invoiceVoidDocumentSchema)(contents.voids, result.voids);
  const tables = [
    ...invoiceImportTables(db),
    db.tillClients,
    db.shifts,
    db.creditNotes,
    db.invoiceVoids,
    db.meta,
    db.terminals,
  ];
  try {
    await db.transaction("rw", tables, async () => {
      const importer = await importerOf(db);
      // Clients first: the invoices' client names are then found, as the push sends clients first.
      await importClients(db, clients, result.clients, now);
      await importValidInvoices(db, invoices, result.invoices);
      for (const shift of shifts) await importShift(db, schemas, shift, importer, result, now);
      for (const note of notes) await importCreditNote(db, note, result, now);
      for (const voidDoc of voids) await importVoid(db, voidDoc, result, now);
    });
  } catch (error) {
    throw toLocalStoreError(error);
  }
  return result;
}

async function importerOf(db: LocalDatabase): Promise<ShiftImporter | null> {
  const [device, session] = await db.meta.bulkGet(["device", "session"]);
  const identity = device?.value as DeviceIdentity | undefined;
  const userId = (session?.value as { user?: { id?: string } } | undefined)?.user?.id;
  return identity && userId ? { deviceId: identity.deviceId, terminalId: identity.terminalId, userId } : null;
}

/** Like "Nuevo cliente": its own pending record, and searchable here unless the catalog has it already. */
async function importClients(db: LocalDatabase, clients: readonly NewClient[], result: ImportResult, now: Date) {
  const at = now.toISOString();
  const findClient = clientLookup(db);
  for (const client of clients) {
    if (await db.tillClients.get(client.id)) {
      result.alreadyPresent += 1;
      continue;
    }
    await db.tillClients.add({ id: client.id, status: "pending", client, errors: [], createdAt: at, updatedAt: at });
    if (!(await findClient(client.id)))
      await db.clients.put({
        ...client,
        version: 0,
        searchWords: searchWords(client.name, client.idNumber),
        createdOffline: true,
      });
    result.imported += 1;
  }
}

/**
 * Another device's note is written as it is, pending: the server takes it from here once an admin
 * revoked the device that made it (the export-file case), and answers DEVICE_MISMATCH while that
 * device is still active — the note then shows in error with what to do. The server decides, so a
 * note is never left behind in the file because of who made it.
 */
async function importCreditNote(db: LocalDatabase, doc: CreditNoteDocument, result: PendingImportResult, now: Date) {
  const local = await db.creditNotes.get(doc.id);
  if (local && local.document.revision >= doc.revision) {
    result.creditNotes.alreadyPresent += 1;
    return;
  }
  await db.creditNotes.put(pendingCreditNote(doc, local ?? null, null, now.toISOString()));
  result.creditNotes.imported += 1;
}

/** Like a note, whoever made it (the server decides); the invoice shows "Anulada" meanwhile, as when the void was made. */
async function importVoid(db: LocalDatabase, doc: InvoiceVoidDocument, result: PendingImportResult, now: Date) {
  if (await db.invoiceVoids.get(doc.id)) {
    result.voids.alreadyPresent += 1;
    return;
  }
  const invoice = await db.invoices.get(doc.invoiceId);
  const at = now.toISOString();
  const record: LocalInvoiceVoid = {
    id: doc.id,
    invoiceId: doc.invoiceId,
    status: "pending",
    document: doc,
    errors: [],
    createdAt: at,
    updatedAt: at,
  };
  await db.invoiceVoids.add(record);
  if (invoice?.status === "synced")
    await db.invoices.put({
      ...invoice,
      status: "voided",
      voidReason: doc.reason,
      pendingVoidId: doc.id,
      updatedAt: at,
    });
  result.voids.imported += 1;
}
