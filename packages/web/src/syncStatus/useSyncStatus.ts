import { useLiveQuery } from "dexie-react-hooks";
import { useMemo, useSyncExternalStore } from "react";
import { useAppServices } from "../services/appServices";
import type { InvoiceStatusCounts } from "../storage/localStore";
import { noUnsynced, type UnsyncedBesideInvoices } from "../storage/unsyncedRecords";
import { indicatorCounts, type SyncStatusSummary, summarizeSyncStatus } from "./syncStatusSummary";

const noInvoices: InvoiceStatusCounts = { pending: 0, synced: 0, error: 0, voided: 0 };
const { invoices: _, ...noOthers } = noUnsynced;
const noneBesideInvoices: UnsyncedBesideInvoices = noOthers;

/**
 * Invoice counts from the local database (live, across tabs) and the sync engine's state; every other
 * kind the sign-out check counts (credit notes, voids, shift revisions, clients made here) adds to
 * pending or in error, by the same definition (indicatorCounts). Two live queries, not one: a write to
 * invoices (a sale, a push's answer, a pull) re-runs only the invoice counts, and the sale's commit does
 * not also start the other kinds' reads.
 */
export function useSyncStatus(): SyncStatusSummary {
  const { store, syncEngine } = useAppServices();
  const invoices = useLiveQuery(() => store.countInvoicesByStatus(), [store], noInvoices);
  const others = useLiveQuery(() => store.countUnsyncedBesideInvoices(), [store], noneBesideInvoices);
  const counts = useMemo(() => indicatorCounts(invoices, others), [invoices, others]);
  const engineState = useSyncExternalStore(
    (onChange) => syncEngine.subscribe(onChange),
    () => syncEngine.getState(),
  );
  return summarizeSyncStatus(counts, engineState);
}
