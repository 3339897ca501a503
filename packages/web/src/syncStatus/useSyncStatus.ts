import { useLiveQuery } from "dexie-react-hooks";
import { useMemo, useSyncExternalStore } from "react";
import { useAppServices } from "../services/appServices";
import type { InvoiceStatusCounts } from "../storage/localStore";
import { type SyncStatusSummary, summarizeSyncStatus } from "./syncStatusSummary";

const noInvoices: InvoiceStatusCounts = { pending: 0, synced: 0, error: 0, voided: 0 };
const noneOutstanding = { pending: 0, error: 0 };

/**
 * Invoice counts from the local database (live, across tabs) and the sync engine's state; credit
 * notes, voids and clients made here waiting for the server (or notes in error) count as pending
 * (or in error) too. Three live queries, not one: a write to invoices (a sale, a push's answer, a pull)
 * re-runs only the invoice counts, and the sale's commit does not also start the returns' and clients' reads.
 */
export function useSyncStatus(): SyncStatusSummary {
  const { store, syncEngine } = useAppServices();
  const invoices = useLiveQuery(() => store.countInvoicesByStatus(), [store], noInvoices);
  const returns = useLiveQuery(() => store.returns.countOutstanding(), [store], noneOutstanding);
  const clients = useLiveQuery(() => store.tillClients.countOutstanding(), [store], noneOutstanding);
  const counts = useMemo(
    () => ({
      ...invoices,
      pending: invoices.pending + returns.pending + clients.pending,
      error: invoices.error + returns.error,
    }),
    [invoices, returns, clients],
  );
  const engineState = useSyncExternalStore(
    (onChange) => syncEngine.subscribe(onChange),
    () => syncEngine.getState(),
  );
  return summarizeSyncStatus(counts, engineState);
}
