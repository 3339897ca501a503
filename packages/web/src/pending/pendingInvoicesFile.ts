import type { InvoiceDocument } from "@mostrador/domain";
import type { LocalInvoice } from "../storage/localRecords";

export const PENDING_FILE_FORMAT = "mostrador.pending-invoices";
export const PENDING_FILE_VERSION = 1;

/** "Exportar pendientes": the invoices exactly as they would be uploaded, plus where they came from. */
export interface PendingInvoicesFile {
  format: typeof PENDING_FILE_FORMAT;
  version: number;
  exportedAt: string;
  companyId: string | null;
  deviceId: string | null;
  terminalId: string | null;
  invoices: InvoiceDocument[];
}

export function buildPendingInvoicesFile(
  invoices: readonly LocalInvoice[],
  origin: { companyId: string | null; deviceId: string | null; terminalId: string | null },
  now = new Date(),
): PendingInvoicesFile {
  return {
    format: PENDING_FILE_FORMAT,
    version: PENDING_FILE_VERSION,
    exportedAt: now.toISOString(),
    ...origin,
    invoices: invoices.map((i) => i.document),
  };
}

export class PendingFileError extends Error {
  override readonly name = "PendingFileError";
}

/** Reads an exported file; each invoice is validated again by the store when imported. */
export function parsePendingInvoicesFile(text: string): { invoices: unknown[]; companyId: string | null } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PendingFileError("not a JSON file");
  }
  const file = data as Partial<PendingInvoicesFile> | null;
  if (!file || file.format !== PENDING_FILE_FORMAT || !Array.isArray(file.invoices)) {
    throw new PendingFileError("not a Mostrador pending invoices file");
  }
  if (typeof file.version !== "number" || file.version > PENDING_FILE_VERSION) {
    throw new PendingFileError(`file version ${String(file.version)} is newer than this app`);
  }
  return { invoices: file.invoices, companyId: file.companyId ?? null };
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
