import type {
  CreditNoteDocument,
  InvoiceDocument,
  InvoiceVoidDocument,
  NewClient,
  ShiftDocument,
} from "@mostrador/domain";
import type { LocalInvoice } from "../storage/localRecords";
import type { PendingFileContents } from "../storage/pendingFileImport";
import type { UnsyncedRecords } from "../storage/unsyncedRecords";

export const PENDING_FILE_FORMAT = "mostrador.pending-invoices";
/**
 * 1: invoices only. 2: also credit notes, voids, cash shifts and clients made at the till (every
 * record the sign-out check counts). A version-1 file still imports: its other kinds are empty.
 */
export const PENDING_FILE_VERSION = 2;

/** The sections a version-2 file adds; a version-1 file has none of them. */
const laterSections = ["creditNotes", "voids", "shifts", "clients"] as const;

/** "Exportar pendientes": every unsynced record exactly as the push would upload it, plus where they came from. */
export interface PendingInvoicesFile {
  format: typeof PENDING_FILE_FORMAT;
  version: number;
  exportedAt: string;
  companyId: string | null;
  deviceId: string | null;
  terminalId: string | null;
  invoices: InvoiceDocument[];
  creditNotes: CreditNoteDocument[];
  voids: InvoiceVoidDocument[];
  shifts: ShiftDocument[];
  clients: NewClient[];
}

export interface PendingFileOrigin {
  companyId: string | null;
  deviceId: string | null;
  terminalId: string | null;
}

/** The file of every unsynced record of the device (storage's listUnsyncedRecords). */
export function buildPendingFile(
  records: UnsyncedRecords,
  origin: PendingFileOrigin,
  now = new Date(),
): PendingInvoicesFile {
  return {
    format: PENDING_FILE_FORMAT,
    version: PENDING_FILE_VERSION,
    exportedAt: now.toISOString(),
    ...origin,
    invoices: records.invoices.map((i) => i.document),
    creditNotes: records.creditNotes,
    voids: records.voids,
    shifts: records.shifts,
    clients: records.clients,
  };
}

/** A file of invoices only (the other sections empty). */
export function buildPendingInvoicesFile(
  invoices: readonly LocalInvoice[],
  origin: PendingFileOrigin,
  now = new Date(),
): PendingInvoicesFile {
  return buildPendingFile(
    { invoices: [...invoices], creditNotes: [], voids: [], shifts: [], clients: [] },
    origin,
    now,
  );
}

/** What is wrong with a file, for the cashier's message (pendingMessages: "pending.fileError.<code>"). */
export type PendingFileErrorCode = "NOT_JSON" | "NOT_A_PENDING_FILE" | "NEWER_VERSION" | "OTHER_COMPANY";

export class PendingFileError extends Error {
  override readonly name = "PendingFileError";
  constructor(
    readonly code: PendingFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedPendingFile extends PendingFileContents {
  version: number;
  companyId: string | null;
  deviceId: string | null;
}

/**
 * Reads an exported file of any version up to this app's. Only its shape is checked here (a bad file
 * is refused before anything is written); each record is checked again by the store when imported.
 */
export function parsePendingInvoicesFile(text: string): ParsedPendingFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PendingFileError("NOT_JSON", "not a JSON file");
  }
  const file = (typeof data === "object" ? data : null) as Partial<Record<keyof PendingInvoicesFile, unknown>> | null;
  if (!file || file.format !== PENDING_FILE_FORMAT || !Array.isArray(file.invoices)) {
    throw new PendingFileError("NOT_A_PENDING_FILE", "not a Mostrador pending invoices file");
  }
  if (typeof file.version !== "number" || file.version > PENDING_FILE_VERSION) {
    throw new PendingFileError("NEWER_VERSION", `file version ${String(file.version)} is newer than this app`);
  }
  const sections = {} as Record<(typeof laterSections)[number], unknown[]>;
  for (const name of laterSections) {
    const section = file[name];
    // Version 1 had only invoices; from version 2 on every section is present, an array.
    if (section === undefined && file.version < 2) sections[name] = [];
    else if (Array.isArray(section)) sections[name] = section;
    else throw new PendingFileError("NOT_A_PENDING_FILE", `the file's ${name} are not a list`);
  }
  const idOrNull = (v: unknown) => (typeof v === "string" ? v : null);
  return {
    version: file.version,
    companyId: idOrNull(file.companyId),
    deviceId: idOrNull(file.deviceId),
    invoices: file.invoices,
    ...sections,
  };
}

/** A file of another company is refused before anything is written (its records would only be rejected). */
export function checkFileCompany(file: Pick<ParsedPendingFile, "companyId">, companyId: string | null): void {
  if (file.companyId !== null && companyId !== null && file.companyId !== companyId)
    throw new PendingFileError("OTHER_COMPANY", "the file is of another company");
}

export function pendingFileName(now = new Date()): string {
  return `mostrador-pendientes-${now.toISOString().replace(/[:.]/g, "-")}.json`;
}

/** Offers a JSON file for download (browser only). */
export function downloadJsonFile(fileName: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
