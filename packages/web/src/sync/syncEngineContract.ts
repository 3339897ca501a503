import type { SyncedEntity } from "@mostrador/domain";
import type { TransportErrorKind } from "../api/transportErrors";
import type { ApplyPushResult } from "../storage/localStore";

/** What the app sees of the sync engine: its state, its outcomes, its calls (MinimalSyncEngine implements it). */

export interface PullProgress {
  pages: number;
  /** Rows applied so far in this pull, per entity. */
  loadedByEntity: Partial<Record<SyncedEntity, number>>;
  /** Rows to load in this pull per entity (from the first page's `remaining`), when asked with counts. */
  totalByEntity: Partial<Record<SyncedEntity, number>>;
  done: boolean;
}

export interface SyncFailure {
  kind: TransportErrorKind | "storage" | "no_device";
  message: string;
  at: string;
  /** From a 503's Retry-After: the scheduler waits at least this long. */
  retryAfterMs?: number;
}

export interface SyncEngineState {
  running: boolean;
  phase: "idle" | "pushing" | "pulling";
  pull: PullProgress | null;
  /** Invoices sent in the running sync, and how many were to send. */
  pushed: number;
  toPush: number;
  lastSyncAt: string | null;
  lastFailure: SyncFailure | null;
}

/** A new engine's state: not syncing, never synced, nothing failed (the saved last sync is read after). */
export const idleSyncState: Readonly<SyncEngineState> = {
  running: false,
  phase: "idle",
  pull: null,
  pushed: 0,
  toPush: 0,
  lastSyncAt: null,
  lastFailure: null,
};

export interface SyncOutcome {
  ok: boolean;
  push: ApplyPushResult;
  pulledPages: number;
  failure: SyncFailure | null;
}

/**
 * How the till talks to the server: one sync run, the download and the upload. It never decides
 * when to run: the app uses it through SyncScheduler (timer, events, backoff, Web Lock).
 */
export interface SyncEngine {
  getState(): SyncEngineState;
  /** Called on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: SyncEngineState) => void): () => void;
  /** Upload pending invoices, then download changes. Concurrent calls share the running sync. */
  syncNow(): Promise<SyncOutcome>;
  /** Download every page from the stored cursor; `counts` asks for totals (first load). */
  pullAll(options?: {
    counts?: boolean;
    onProgress?: (progress: PullProgress) => void;
    /** Rows per page (server maximum 10,000); the first load uses bigger pages. */
    pageSize?: number;
  }): Promise<PullProgress>;
  /** Upload pending invoices (or only `ids`) in batches; results are applied to the local store. */
  pushPending(options?: { ids?: readonly string[] }): Promise<ApplyPushResult>;
}
