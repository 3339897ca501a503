import type { InvoiceStatusCounts } from "../storage/localStore";
import { errorUnsynced, pendingUnsynced, type UnsyncedBesideInvoices } from "../storage/unsyncedRecords";
import type { SyncEngineState } from "../sync/syncEngine";

export interface SyncStatusSummary {
  counts: InvoiceStatusCounts;
  /** Share of this device's invoices the server has; 100 only when nothing is pending or in error. */
  percent: number;
  syncing: boolean;
  /** Progress of the running sync's upload, when there is one. */
  syncingPercent: number | null;
  fullySynced: boolean;
  lastSyncAt: string | null;
  lastFailureMessage: string | null;
}

/**
 * The indicator's counts: this device's invoices by status, plus every other kind the sign-out check
 * counts (unsyncedRecords, the one definition) as pending or in error: credit notes, voids, shift
 * revisions and clients made here.
 */
export function indicatorCounts(invoices: InvoiceStatusCounts, others: UnsyncedBesideInvoices): InvoiceStatusCounts {
  return {
    ...invoices,
    pending: invoices.pending + pendingUnsynced(others),
    error: invoices.error + errorUnsynced(others),
  };
}

export function summarizeSyncStatus(counts: InvoiceStatusCounts, engine: SyncEngineState): SyncStatusSummary {
  const done = counts.synced + counts.voided;
  const total = done + counts.pending + counts.error;
  const outstanding = counts.pending + counts.error;
  const percent = outstanding === 0 ? 100 : Math.min(99, Math.floor((done / total) * 100));
  const syncingPercent = engine.running
    ? engine.toPush > 0
      ? Math.floor((engine.pushed / engine.toPush) * 100)
      : percent
    : null;
  return {
    counts,
    percent,
    syncing: engine.running,
    syncingPercent,
    fullySynced: outstanding === 0,
    lastSyncAt: engine.lastSyncAt,
    lastFailureMessage: engine.lastFailure?.message ?? null,
  };
}

/** The parts of the indicator's accessible name: "Sincronizado 100%", "3 pendientes", "1 con error". */
export type SyncLabelPart =
  | { key: "sync.synced" }
  | { key: "sync.syncing"; percent: number }
  | { key: "sync.pending"; count: number }
  | { key: "sync.errors"; count: number };

export function syncLabelParts(summary: SyncStatusSummary): SyncLabelPart[] {
  if (summary.syncing) return [{ key: "sync.syncing", percent: summary.syncingPercent ?? summary.percent }];
  const parts: SyncLabelPart[] = [];
  if (summary.counts.pending > 0) parts.push({ key: "sync.pending", count: summary.counts.pending });
  if (summary.counts.error > 0) parts.push({ key: "sync.errors", count: summary.counts.error });
  return parts.length > 0 ? parts : [{ key: "sync.synced" }];
}
