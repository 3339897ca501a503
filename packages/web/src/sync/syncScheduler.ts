import { isTransientKind } from "../api/transportErrors";
import type { ApplyPushResult } from "../storage/localStore";
import type { PullProgress, SyncEngine, SyncEngineState, SyncOutcome } from "./syncEngine";

/**
 * What the app uses (AppServices.syncEngine): the engine's state and operations, with every
 * upload under the scheduler's lock, plus "sync soon".
 */
export interface ScheduledSync extends SyncEngine {
  /** Ask for a sync soon (after a sale, when the connection returns); never throws. */
  requestSync(reason: string): void;
}

export interface SchedulerEnvironment {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
  now(): number;
  /** navigator.locks where the browser has it: one tab syncs at a time, the others wait their turn. */
  locks?: { request<T>(name: string, callback: () => Promise<T>): Promise<T> };
  addEventListener?(type: "online" | "visibilitychange", listener: () => void): void;
  removeEventListener?(type: "online" | "visibilitychange", listener: () => void): void;
  isVisible?(): boolean;
  /**
   * navigator.onLine: false is trusted (no network at all, as the connectivity monitor treats it),
   * true is only a hint. Absent: always try.
   */
  isOnline?(): boolean;
}

export interface SchedulerOptions {
  /** Between syncs while everything is fine. */
  intervalMs?: number;
  /** First retry delay after a failure; doubles each time. */
  baseRetryMs?: number;
  /** Retries never wait longer than this (about a minute). */
  maxRetryMs?: number;
  /** False until the till is registered and loaded: nothing to sync yet (checked before each run). */
  canSync?: () => Promise<boolean>;
}

export interface SchedulerState {
  consecutiveFailures: number;
  /** When the next automatic attempt is due (epoch ms), or null while one runs. */
  nextAttemptAt: number | null;
  /**
   * Set when retrying can never help: an admin revoked this device. Nothing syncs by itself any
   * more (the pending invoices stay, to be exported); only "Sincronizar" tries again.
   */
  halted: "device_revoked" | null;
}

export const SYNC_LOCK_NAME = "mostrador-sync";

const notReady: SyncOutcome = {
  ok: false,
  push: { synced: 0, rejected: 0, retry: 0, ignored: 0 },
  pulledPages: 0,
  failure: { kind: "no_device", message: "this till is not ready to synchronize yet", at: "" },
};

/** Delay before retry number `failures` (1, 2, …): exponential, capped, with full jitter on its upper half. */
export function retryDelay(failures: number, random: () => number, base = 2000, max = 60_000): number {
  const ceiling = Math.min(max, base * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * syncScheduler: decides when the engine runs. After each sale, when the browser says it is
 * online again, when the page becomes visible, and on a timer; after a transient failure it
 * retries with exponential backoff and jitter (honouring Retry-After), capped near 60 s.
 */
export class SyncScheduler implements ScheduledSync {
  private timer: unknown = null;
  private timing: SchedulerState = { consecutiveFailures: 0, nextAttemptAt: null, halted: null };
  private running: Promise<SyncOutcome> | null = null;
  private again = false;
  /** Successful runs in a row in which some invoices were answered "retry". */
  private retryRuns = 0;
  private started = false;
  private readonly onOnline = () => this.requestSync("online");
  private readonly onVisible = () => {
    if (this.env.isVisible?.() ?? true) this.requestSync("visible");
  };
  private readonly intervalMs: number;
  private readonly baseRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly canSync: () => Promise<boolean>;

  constructor(
    private readonly engine: SyncEngine,
    private readonly env: SchedulerEnvironment,
    options: SchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 30_000;
    this.baseRetryMs = options.baseRetryMs ?? 2000;
    this.maxRetryMs = options.maxRetryMs ?? 60_000;
    this.canSync = options.canSync ?? (() => Promise.resolve(true));
  }

  /** The engine's state: what the sync indicator shows. */
  getState(): SyncEngineState {
    return this.engine.getState();
  }

  subscribe(listener: (state: SyncEngineState) => void): () => void {
    return this.engine.subscribe(listener);
  }

  /** Backoff and the next automatic attempt. */
  getSchedule(): SchedulerState {
    return this.timing;
  }

  /** The first load (before the till is ready, so no scheduled sync runs meanwhile). */
  pullAll(options?: Parameters<SyncEngine["pullAll"]>[0]): Promise<PullProgress> {
    return this.engine.pullAll(options);
  }

  /**
   * An upload of its own (an electronic invoice sent at once): under the same lock as the
   * scheduled syncs, so it never races another tab's (or this tab's) upload of the same invoices.
   */
  pushPending(options?: { ids?: readonly string[] }): Promise<ApplyPushResult> {
    return this.locked(() => this.engine.pushPending(options));
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.env.addEventListener?.("online", this.onOnline);
    this.env.addEventListener?.("visibilitychange", this.onVisible);
    this.requestSync("start");
  }

  stop(): void {
    this.started = false;
    this.env.removeEventListener?.("online", this.onOnline);
    this.env.removeEventListener?.("visibilitychange", this.onVisible);
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sync as soon as possible (a sale, the connection is back). Never throws. */
  requestSync(reason: string): void {
    if (this.timing.halted) return;
    // Failures while offline say nothing about the server now: a retry after reconnecting starts small again.
    if (reason === "online") this.update({ consecutiveFailures: 0 });
    if (this.running) {
      this.again = true; // whatever was just saved goes in the next round
      return;
    }
    this.schedule(0);
  }

  /** "Sincronizar": run now and report the outcome to the caller. */
  async syncNow(): Promise<SyncOutcome> {
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.timer = null;
    return this.run();
  }

  private schedule(ms: number) {
    if (!this.started) return;
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.update({ nextAttemptAt: this.env.now() + ms });
    this.timer = this.env.setTimeout(() => {
      this.timer = null;
      void this.runWhenOnline();
    }, ms);
  }

  /**
   * An automatic attempt: skipped while the browser says there is no network at all, since no request
   * can leave. The till then does no pointless work, counts no failure and shows no "Sincronizando"
   * over its pending sales; the browser's `online` event runs the sync as soon as a network is back,
   * and the interval looks again in case that event is missed. "Sincronizar" (syncNow) always tries.
   */
  private runWhenOnline(): Promise<SyncOutcome> | undefined {
    if (this.env.isOnline?.() === false) {
      this.again = false;
      this.schedule(this.intervalMs);
      return undefined;
    }
    return this.run();
  }

  private run(): Promise<SyncOutcome> {
    if (this.running) return this.running;
    this.update({ nextAttemptAt: null });
    const sync = async (): Promise<SyncOutcome | null> => ((await this.canSync()) ? this.engine.syncNow() : null);
    this.running = this.locked(sync)
      .catch((error): SyncOutcome => {
        const message = error instanceof Error ? error.message : String(error);
        return {
          ok: false,
          push: { synced: 0, rejected: 0, retry: 0, ignored: 0 },
          pulledPages: 0,
          failure: { kind: "network", message, at: new Date(this.env.now()).toISOString() },
        };
      })
      .then((outcome) => {
        this.running = null;
        if (outcome === null) {
          // Not ready to sync (signing in, first load): look again later, no failure counted.
          this.schedule(this.intervalMs);
          return notReady;
        }
        this.afterRun(outcome);
        return outcome;
      });
    return this.running;
  }

  private afterRun(outcome: SyncOutcome) {
    if (outcome.failure?.kind === "device_revoked") {
      this.update({ consecutiveFailures: this.timing.consecutiveFailures + 1, halted: "device_revoked" });
      this.again = false;
      return; // no timer: the server will refuse this device for ever
    }
    if (outcome.ok) {
      this.update({ consecutiveFailures: 0, halted: null });
      // Invoices saved meanwhile go up right away. Invoices answered "retry" (a number taken by a
      // concurrent upload) go up again at once the first time, then with backoff: an answer that
      // keeps coming back must not turn the till into a tight loop.
      this.retryRuns = outcome.push.retry > 0 ? this.retryRuns + 1 : 0;
      const retryWait =
        this.retryRuns <= 1 ? 0 : retryDelay(this.retryRuns - 1, this.env.random, this.baseRetryMs, this.maxRetryMs);
      this.schedule(this.again ? 0 : this.retryRuns > 0 ? retryWait : this.intervalMs);
    } else {
      const failures = this.timing.consecutiveFailures + 1;
      this.update({ consecutiveFailures: failures });
      const transient = isTransientKind(outcome.failure?.kind ?? "network");
      const retryAfter = outcome.failure?.retryAfterMs;
      const delay = transient
        ? Math.max(retryDelay(failures, this.env.random, this.baseRetryMs, this.maxRetryMs), retryAfter ?? 0)
        : this.maxRetryMs;
      // A request that came in during the failed run (a sale, the connection back) retries soon.
      this.schedule(Math.min(this.again ? this.baseRetryMs : delay, this.maxRetryMs));
    }
    this.again = false;
  }

  /** One tab at a time (Web Locks) where the browser has them. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    return this.env.locks ? this.env.locks.request(SYNC_LOCK_NAME, work) : work();
  }

  private update(change: Partial<SchedulerState>) {
    this.timing = { ...this.timing, ...change };
  }
}

/** The browser's timers, locks and events. */
export function browserSchedulerEnvironment(): SchedulerEnvironment {
  const nav = globalThis.navigator as (Navigator & { locks?: SchedulerEnvironment["locks"] }) | undefined;
  return {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    random: Math.random,
    now: Date.now,
    locks: nav?.locks ? { request: (name, cb) => (nav.locks as LockManager).request(name, cb) } : undefined,
    addEventListener: (type, l) =>
      type === "visibilitychange"
        ? globalThis.document?.addEventListener(type, l)
        : globalThis.addEventListener?.(type, l),
    removeEventListener: (type, l) =>
      type === "visibilitychange"
        ? globalThis.document?.removeEventListener(type, l)
        : globalThis.removeEventListener?.(type, l),
    isVisible: () => globalThis.document?.visibilityState !== "hidden",
    isOnline: () => nav?.onLine ?? true,
  };
}
