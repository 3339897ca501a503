import { useLiveQuery } from "dexie-react-hooks";
import { useSyncExternalStore } from "react";
import { useAppServices } from "../services/appServices";
import type { InvoiceStatusCounts } from "../storage/localStore";
import { type SyncStatusSummary, summarizeSyncStatus } from "./syncStatusSummary";

const noInvoices: InvoiceStatusCounts = { pending: 0, synced: 0, error: 0, voided: 0 };

/**
 * Invoice counts from the local database (live, across tabs) and the sync engine's state; credit
 * notes, voids and clients made here waiting for the server (or notes in error) count as pending
 * (or in error) too.
 */
export function useSyncStatus(): SyncStatusSummary {
  const { store, syncEngine } = useAppServices();
  const counts = useLiveQuery(
    async () => {
      const [invoices, returns, clients] = await Promise.all([
        store.countInvoicesByStatus(),
        store.returns.countOutstanding(),
        store.tillClients.countOutstanding(),
      ]);
      return {
        ...invoices,
        pending: invoices.pending + returns.pending + clients.pending,
        error: invoices.error + returns.error,
      };
    },
    [store],
    noInvoices,
  );
  const engineState = useSyncExternalStore(
    (onChange) => syncEngine.subscribe(onChange),
    () => syncEngine.getState(),
  );
  return summarizeSyncStatus(counts, engineState);
}
