import { useLiveQuery } from "dexie-react-hooks";
import { useSyncExternalStore } from "react";
import { useAppServices } from "../services/appServices";
import type { InvoiceStatusCounts } from "../storage/localStore";
import { type SyncStatusSummary, summarizeSyncStatus } from "./syncStatusSummary";

const noInvoices: InvoiceStatusCounts = { pending: 0, synced: 0, error: 0, voided: 0 };

/** Invoice counts from the local database (live, across tabs) and the sync engine's state. */
export function useSyncStatus(): SyncStatusSummary {
  const { store, syncEngine } = useAppServices();
  const counts = useLiveQuery(() => store.countInvoicesByStatus(), [store], noInvoices);
  const engineState = useSyncExternalStore(
    (onChange) => syncEngine.subscribe(onChange),
    () => syncEngine.getState(),
  );
  return summarizeSyncStatus(counts, engineState);
}
