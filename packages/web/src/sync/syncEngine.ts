import type { InvoiceDocument, PullResponse, SyncedEntity } from "@mostrador/domain";
import type { ServerTransport } from "../api/serverTransport";
import { isTransportError } from "../api/transportErrors";
import { markEnd, markStart } from "../perf/performanceMarks";
import { hasUnsentChanges } from "../storage/localRecords";
import type { ApplyPushResult, LocalStore, PullCursors, PushQueuePage } from "../storage/localStore";
import { askWhenAnnounced, confirmedOrAborted, nextCursors, type PageRequest, requestPage } from "./pageRequests";
import { PUSH_BATCH_SIZE, type PushRequestPlan, planPushRequests, pushBodyOf } from "./pushPlan";
import { PushRequestStream, pushQueueStream } from "./pushRequestStream";
import { QueueReporter } from "./queueReporter";
import {
  idleSyncState,
  type PullProgress,
  type SyncEngine,
  type SyncEngineState,
  type SyncFailure,
  type SyncOutcome,
} from "./syncEngineContract";

export {
  PUSH_BATCH_MAX_BYTES,
  PUSH_BATCH_SIZE,
  type PushRequestPlan,
  planPushRequests,
  pushBodyOf,
  splitIntoBatches,
} from "./pushPlan";

/** Requests in flight at once while uploading. */
export const PUSH_CONCURRENCY = 2;
export const PULL_PAGE_SIZE = 2000;

export {
  idleSyncState,
  type PullProgress,
  type SyncEngine,
  type SyncEngineState,
  type SyncFailure,
  type SyncOutcome,
} from "./syncEngineContract";

export interface MinimalSyncEngineOptions {
  store: LocalStore;
  transport: ServerTransport;
  now?: () => Date;
  appVersion?: string;
}

const emptyPush: ApplyPushResult = { synced: 0, rejected: 0, retry: 0, ignored: 0 };

function addPush(a: ApplyPushResult, b: ApplyPushResult): ApplyPushResult {
  return {
    synced: a.synced + b.synced,
    rejected: a.rejected + b.rejected,
    retry: a.retry + b.retry,
    ignored: a.ignored + b.ignored,
  };
}

export class SyncEngineError extends Error {
  override readonly name = "SyncEngineError";
  constructor(readonly failure: SyncFailure) {
    super(failure.message);
  }
}

/** Pull all pages, push pending invoices in batches of PUSH_BATCH_SIZE, apply per-invoice results. */
export class MinimalSyncEngine implements SyncEngine {
  private state: SyncEngineState = idleSyncState;
  private readonly listeners = new Set<(state: SyncEngineState) => void>();
  private running: Promise<SyncOutcome> | null = null;
  private readonly reporter: QueueReporter;

  constructor(private readonly options: MinimalSyncEngineOptions) {
    this.reporter = new QueueReporter(options);
    void options.store.getMeta("syncState").then((saved) => {
      if (saved && !this.state.lastSyncAt) this.update({ lastSyncAt: saved.lastSyncAt });
    });
  }

  getState(): SyncEngineState {
    return this.state;
  }

  subscribe(listener: (state: SyncEngineState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  syncNow(): Promise<SyncOutcome> {
    if (!this.running) {
      this.running = this.runSync().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  async pullAll(
    options: { counts?: boolean; onProgress?: (p: PullProgress) => void; pageSize?: number } = {},
  ): Promise<PullProgress> {
    const token = await this.deviceToken();
    const pulled = await this.pullWithoutReport(token, options);
    // A pull can change the queue too (an invoice voided or accepted elsewhere).
    await this.reporter.report(token);
    return pulled;
  }

  private async pullWithoutReport(
    token: string,
    options: { counts?: boolean; onProgress?: (p: PullProgress) => void; pageSize?: number } = {},
  ): Promise<PullProgress> {
    const progress: PullProgress = { pages: 0, loadedByEntity: {}, totalByEntity: {}, done: false };
    const cursors = await this.options.store.getCursors();
    this.update({ phase: "pulling", pull: progress });
    try {
      return await this.pullPages(token, cursors, progress, options);
    } finally {
      if (!this.state.running) this.update({ phase: "idle" });
    }
  }

  /**
   * Applies pages in order, one transaction each. The next page is asked for as soon as the
   * current answer's headers announce its cursors (NEXT_PULL_HEADER), while the current body is
   * still arriving and being parsed, then written; it is used only if the body's cursors say the
   * same, otherwise it is dropped and the next page asked for with the body's cursors (a server
   * without the header: when the body is read). At most the page being read and the next are in flight.
   */
  private async pullPages(
    token: string,
    cursors: PullCursors,
    progress: PullProgress,
    options: { counts?: boolean; onProgress?: (p: PullProgress) => void; pageSize?: number },
  ): Promise<PullProgress> {
    const { store, transport } = this.options;
    const limit = options.pageSize ?? PULL_PAGE_SIZE;
    const fetchPage = (from: PullCursors, counts: boolean): PageRequest =>
      requestPage(from, (signal, onNextPull) =>
        this.call(() => transport.pull(token, { ...from, limit, counts }, { signal, onNextPull })),
      );
    let resets = 0;
    let current = fetchPage(cursors, options.counts === true);
    for (;;) {
      markStart("mostrador:pull-fetch");
      // While the loop waits for this body, the page its headers announce is already asked for.
      const ahead = askWhenAnnounced(current, (next) => fetchPage(next, false));
      let page: PullResponse;
      try {
        page = await current.answer;
      } catch (error) {
        confirmedOrAborted(ahead, null);
        throw error;
      } finally {
        current.onAnnounced = null;
      }
      markEnd("mostrador:pull-fetch");
      if (page.reset) {
        resets += 1;
        if (resets > 2) throw this.fail("server", "the server asked to reset the download repeatedly");
        progress.loadedByEntity = {};
      }
      if (page.remaining && progress.pages === 0) progress.totalByEntity = { ...page.remaining };
      const again = page.hasMore || (page.reset && page.changes.length === 0);
      const expected = again ? nextCursors(page) : null;
      const early = confirmedOrAborted(ahead, expected);
      if (expected) current = early ?? fetchPage(expected, false);
      markStart("mostrador:pull-apply");
      const applied = await this.storage(() => store.applyPullPage(page));
      markEnd("mostrador:pull-apply");
      progress.pages += 1;
      for (const [entity, count] of Object.entries(applied.appliedByEntity) as [SyncedEntity, number][]) {
        progress.loadedByEntity[entity] = (progress.loadedByEntity[entity] ?? 0) + count;
      }
      progress.done = !again;
      options.onProgress?.({ ...progress });
      this.update({ pull: { ...progress } });
      if (!again) return progress;
    }
  }

  async pushPending(options: { ids?: readonly string[] } = {}): Promise<ApplyPushResult> {
    const pushed = await this.pushWithoutReport(options, () => this.deviceToken());
    // The queue after the push (a report made before it would still count what it delivered).
    if (pushed.token) await this.reporter.report(pushed.token);
    return pushed.result;
  }

  /** The push; `token` is asked for only when there is something to send (then it is answered back). */
  private async pushWithoutReport(
    options: { ids?: readonly string[] },
    deviceToken: () => Promise<string>,
  ): Promise<{ result: ApplyPushResult; token: string | null }> {
    const { store } = this.options;
    // The queue a page at a time (given ids: those invoices only); pages with nothing to send are skipped.
    let page: PushQueuePage = options.ids
      ? { documents: await this.documentsFor(options.ids), next: null }
      : await store.listInvoicesToPushPage(PUSH_BATCH_SIZE);
    while (page.documents.length === 0 && page.next)
      page = await store.listInvoicesToPushPage(PUSH_BATCH_SIZE, page.next);
    // Pending shift revisions always go along: they are few, and a closing should not wait.
    const shifts = await store.listShiftsToPush(Number.MAX_SAFE_INTEGER);
    // Credit notes whose invoice the server has, and voids, ride along too (few, and a refund should not wait).
    const creditNotes = await store.returns.listCreditNotesToPush(Number.MAX_SAFE_INTEGER, { invoiceOnServer: true });
    const voids = await store.returns.listVoidsToPush(Number.MAX_SAFE_INTEGER);
    // Clients made here go first, in the first requests: an invoice naming one then finds it.
    const clients = await store.tillClients.listClientsToPush(Number.MAX_SAFE_INTEGER);
    if (page.documents.length + shifts.length + creditNotes.length + voids.length + clients.length === 0)
      return { result: emptyPush, token: null };
    const token = await deviceToken();
    const stream = pushQueueStream(store, page, { shifts, creditNotes, voids, clients }, PUSH_CONCURRENCY);
    // Until the queue is read to its end, the progress counts every pending invoice.
    const pending = stream.complete ? 0 : (await store.countInvoicesByStatus()).pending;
    const toPush = () => (stream.complete ? stream.plannedInvoices : Math.max(pending, stream.plannedInvoices));
    this.update({ phase: "pushing", pushed: 0, toPush: toPush() });
    try {
      let pushed = await this.pushBatches(token, stream, toPush);
      // Credit notes of invoices this push just delivered: after them, never beside them in a parallel request.
      const sent = new Set(creditNotes.map((n) => `${n.id}#${n.revision}`));
      const after = (
        await store.returns.listCreditNotesToPush(Number.MAX_SAFE_INTEGER, { invoiceOnServer: true })
      ).filter((n) => !sent.has(`${n.id}#${n.revision}`));
      if (after.length > 0) {
        const notes = PushRequestStream.of(planPushRequests([], [], after));
        pushed = addPush(pushed, await this.pushBatches(token, notes, () => this.state.toPush));
      }
      return { result: pushed, token };
    } finally {
      if (!this.state.running) this.update({ phase: "idle" });
    }
  }

  /**
   * Two requests in flight: the server answers per document, and the idempotency key makes order
   * irrelevant, so the next request travels while the previous answer is written locally (and the
   * stream reads the queue's next page). Shift, credit-note and void results count in the same totals
   * as invoice results.
   */
  private async pushBatches(token: string, stream: PushRequestStream, toPush: () => number): Promise<ApplyPushResult> {
    const { store, transport } = this.options;
    let total = emptyPush;
    let pushed = 0;
    const send = async (batch: PushRequestPlan) => {
      const response = await this.call(() => transport.push(token, pushBodyOf(batch)));
      const applied: ApplyPushResult[] = [];
      if (batch.clients.length > 0)
        applied.push(await this.storage(() => store.tillClients.applyClientPushResults(response.clientResults ?? [])));
      applied.push(await this.storage(() => store.applyPushResults(response.results)));
      if (batch.shifts.length > 0)
        applied.push(await this.storage(() => store.applyShiftPushResults(response.shiftResults ?? [])));
      if (batch.creditNotes.length > 0)
        applied.push(
          await this.storage(() => store.returns.applyCreditNotePushResults(response.creditNoteResults ?? [])),
        );
      if (batch.voids.length > 0)
        applied.push(await this.storage(() => store.returns.applyVoidPushResults(response.voidResults ?? [])));
      total = applied.reduce(addPush, total); // after the awaits: the other worker also adds to it
      pushed += batch.invoices.length;
      this.update({ pushed, toPush: toPush() });
    };
    const next = () => this.storage(() => stream.next());
    // Clients made here ride in the first requests, and a later request's invoices may name them (only the
    // sale that made a client carries it): those requests are answered, one at a time, before any other is
    // sent; beside them, another request could be decided first and its invoice refused (CLIENT_NOT_FOUND).
    while ((stream.peek()?.clients.length ?? 0) > 0) await send((await next()) as PushRequestPlan);
    // When one request fails the run fails, and the other worker sends nothing more: the run answers only once
    // its requests are all answered, so the retry the scheduler makes next never sends an invoice beside a
    // request of this run still in flight (two answers of one revision could then come back in either order).
    let failure: [unknown] | undefined; // the first error
    const worker = async () => {
      try {
        // Checked after each read: the other worker may have failed meanwhile.
        for (let batch = await next(); batch && !failure; batch = await next()) await send(batch);
      } catch (error) {
        failure ??= [error];
      }
    };
    await Promise.all(Array.from({ length: PUSH_CONCURRENCY }, worker));
    if (failure) throw failure[0];
    return total;
  }

  private async runSync(): Promise<SyncOutcome> {
    const now = () => (this.options.now?.() ?? new Date()).toISOString();
    this.update({ running: true, pushed: 0, toPush: 0, pull: null });
    let push = emptyPush;
    let pulledPages = 0;
    // One report per sync run, after its pull: the queue as the run leaves it. The device token is read once.
    let token: Promise<string> | null = null;
    const deviceToken = () => (token ??= this.deviceToken());
    try {
      const pushed = await this.pushWithoutReport({}, deviceToken);
      push = pushed.result;
      try {
        pulledPages = (await this.pullWithoutReport(await deviceToken())).pages;
        await this.reporter.report(await deviceToken());
      } catch (error) {
        // The push delivered: the server is told what it left, though the pull failed.
        if (pushed.token) await this.reporter.report(pushed.token);
        throw error;
      }
      const at = now();
      await this.options.store.setMeta("syncState", { lastSyncAt: at, lastAttemptAt: at, lastError: null });
      this.update({ running: false, phase: "idle", lastSyncAt: at, lastFailure: null });
      return { ok: true, push, pulledPages, failure: null };
    } catch (error) {
      const failure = error instanceof SyncEngineError ? error.failure : this.failureOf(error);
      await this.options.store
        .setMeta("syncState", { lastSyncAt: this.state.lastSyncAt, lastAttemptAt: now(), lastError: failure.message })
        .catch(() => undefined);
      this.update({ running: false, phase: "idle", lastFailure: failure });
      return { ok: false, push, pulledPages, failure };
    }
  }

  private async documentsFor(ids: readonly string[]): Promise<InvoiceDocument[]> {
    const invoices = await Promise.all(ids.map((id) => this.options.store.getInvoice(id)));
    return invoices
      .filter((i) => i !== undefined && i.status === "pending" && hasUnsentChanges(i))
      .map((i) => i!.document);
  }

  private async deviceToken(): Promise<string> {
    const device = await this.options.store.getMeta("device");
    if (!device) throw this.fail("no_device", "this browser is not registered as a device of a terminal");
    return device.deviceToken;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw new SyncEngineError(this.failureOf(error));
    }
  }

  private async storage<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw this.fail("storage", error instanceof Error ? error.message : String(error));
    }
  }

  private failureOf(error: unknown): SyncFailure {
    if (error instanceof SyncEngineError) return error.failure;
    const at = (this.options.now?.() ?? new Date()).toISOString();
    if (isTransportError(error))
      return {
        kind: error.kind,
        message: error.message,
        at,
        ...(error.details.retryAfterMs !== undefined ? { retryAfterMs: error.details.retryAfterMs } : {}),
      };
    return { kind: "storage", message: error instanceof Error ? error.message : String(error), at };
  }

  private fail(kind: SyncFailure["kind"], message: string): SyncEngineError {
    return new SyncEngineError({ kind, message, at: (this.options.now?.() ?? new Date()).toISOString() });
  }

  private update(change: Partial<SyncEngineState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }
}
