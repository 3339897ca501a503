import { useCallback } from "react";
import { useAppServices } from "../services/appServices";
import type { PendingImportResult } from "../storage/pendingFileImport";
import type { UnsyncedCounts } from "../storage/unsyncedRecords";
import type { buildPendingFile } from "./pendingInvoicesFile";

/** The file's code, loaded when a file is exported or imported (not part of the till's first load). */
const fileCode = () => import("./pendingInvoicesFile");

/** What an export put in the file, counted like the sign-out check counts (every kind, pending and in error). */
export function exportedCounts(file: ReturnType<typeof buildPendingFile>): UnsyncedCounts {
  return {
    invoices: { pending: file.invoices.length, error: 0 },
    creditNotes: { pending: file.creditNotes.length, error: 0 },
    voids: { pending: file.voids.length, error: 0 },
    shifts: { pending: file.shifts.length, error: 0 },
    clients: file.clients.length,
  };
}

/** "Exportar pendientes" and its import counterpart, bound to this device's store. */
export function usePendingInvoicesFile() {
  const { store, syncEngine } = useAppServices();

  const exportPending = useCallback(async (): Promise<UnsyncedCounts> => {
    const [{ buildPendingFile, downloadJsonFile, pendingFileName }, records, device, company] = await Promise.all([
      fileCode(),
      store.listUnsyncedRecords(),
      store.getMeta("device"),
      store.getMeta("company"),
    ]);
    const file = buildPendingFile(records, {
      companyId: company?.id ?? null,
      deviceId: device?.deviceId ?? null,
      terminalId: device?.terminalId ?? null,
    });
    downloadJsonFile(pendingFileName(), file);
    return exportedCounts(file);
  }, [store]);

  /** Throws PendingFileError (nothing written) for a file that is not an export of this company. */
  const importPending = useCallback(
    async (file: File): Promise<PendingImportResult> => {
      const { checkFileCompany, parsePendingInvoicesFile } = await fileCode();
      const parsed = parsePendingInvoicesFile(await file.text());
      checkFileCompany(parsed, (await store.getMeta("company"))?.id ?? null);
      const result = await store.importPendingFile(parsed);
      const imported = [result.invoices, result.creditNotes, result.voids, result.shifts, result.clients].some(
        (kind) => kind.imported > 0,
      );
      if (imported) syncEngine.requestSync("import");
      return result;
    },
    [store, syncEngine],
  );

  return { exportPending, importPending };
}
