import { useCallback } from "react";
import { useAppServices } from "../services/appServices";
import {
  buildPendingInvoicesFile,
  downloadJsonFile,
  parsePendingInvoicesFile,
  pendingFileName,
} from "./pendingInvoicesFile";

/** "Exportar pendientes" and its import counterpart, bound to this device's store. */
export function usePendingInvoicesFile() {
  const { store, syncEngine } = useAppServices();

  const exportPending = useCallback(async () => {
    const [invoices, device, company] = await Promise.all([
      store.listUnsyncedInvoices(),
      store.getMeta("device"),
      store.getMeta("company"),
    ]);
    const file = buildPendingInvoicesFile(invoices, {
      companyId: company?.id ?? null,
      deviceId: device?.deviceId ?? null,
      terminalId: device?.terminalId ?? null,
    });
    downloadJsonFile(pendingFileName(), file);
    return invoices.length;
  }, [store]);

  const importPending = useCallback(
    async (file: File) => {
      const { invoices } = parsePendingInvoicesFile(await file.text());
      const result = await store.importInvoices(invoices);
      if (result.imported > 0) syncEngine.requestSync("import");
      return result;
    },
    [store, syncEngine],
  );

  return { exportPending, importPending };
}
