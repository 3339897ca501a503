import type { ServerStatus } from "@mostrador/domain";
import type { ServerTransport } from "../api/serverTransport";
import type { ConnectivityMonitor } from "../connectivity/connectivityMonitor";
import { watchQuery } from "../storage/liveQueries";
import type { LocalStore } from "../storage/localStore";
import type { ScheduledSync } from "../sync/syncScheduler";
import { currentWindow, type MaintenanceWindowLike } from "./maintenanceSchedule";

export interface MaintenanceState {
  /** Windows known to the till (local database, plus what /api/status said), minus any that ended early. */
  windows: MaintenanceWindowLike[];
  /** The window the till is in now, by the clock or by the server; null outside maintenance. */
  active: MaintenanceWindowLike | null;
}

export interface MaintenanceWatchOptions {
  store: Pick<LocalStore, "listMaintenanceWindows" | "getMeta">;
  transport: Pick<ServerTransport, "status">;
  connectivity: Pick<ConnectivityMonitor, "setMaintenance">;
  syncEngine: Pick<ScheduledSync, "subscribe" | "getState" | "requestSync">;
  /** The local maintenanceWindows table, live; replaceable in tests. */
  watchWindows?: (listener: (windows: MaintenanceWindowLike[]) => void) => () => void;
  now?: () => number;
  /** How often the clock is compared with the windows. */
  tickMs?: number;
  /** How often /api/status is asked while in maintenance (to notice an early end). */
  recheckMs?: number;
  /** How long an answer of /api/status outranks the clock. */
  trustMs?: number;
}

interface ServerKnowledge {
  current: MaintenanceWindowLike | null;
  next: MaintenanceWindowLike | null;
  at: number;
}

const sameWindow = (a: MaintenanceWindowLike | null, b: MaintenanceWindowLike | null) =>
  a?.id === b?.id && a?.endsAt === b?.endsAt;

/**
 * maintenanceWatch: puts the till in maintenance mode while a window is current — by the clock
 * and the local windows (works offline), or because /api/status (asked after a 503) says so —
 * and takes it out when the window ends or the server says it ended early. In maintenance the
 * ConnectivityMonitor reports "offline" (its health probe answers 200 even then); at the end it
 * probes again and a sync is requested, so pending invoices go up with no click.
 */
export class MaintenanceWatch {
  private localWindows: MaintenanceWindowLike[] = [];
  private server: ServerKnowledge | null = null;
  private clockWindowId: string | null = null;
  private endedEarly = new Set<string>();
  private state: MaintenanceState = { windows: [], active: null };
  private readonly listeners = new Set<(state: MaintenanceState) => void>();
  private users = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unwatchWindows: (() => void) | null = null;
  private unwatchSync: (() => void) | null = null;
  private checking: Promise<void> | null = null;
  private checkAgain = false;
  /** A window just ended: sync again once /api/status confirms the server is out of it too. */
  private endSyncPending = false;
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;
  private clockChangedAt = Number.NEGATIVE_INFINITY;
  private lastCheckAt = Number.NEGATIVE_INFINITY;
  private lastFailureAt: string | null = null;
  private readonly now: () => number;

  constructor(private readonly options: MaintenanceWatchOptions) {
    this.now = options.now ?? Date.now;
  }

  getState(): MaintenanceState {
    return this.state;
  }

  subscribe(listener: (state: MaintenanceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts watching (shared: each caller gets its own stop; the last stop really stops). */
  start(): () => void {
    this.users += 1;
    if (this.users === 1) this.begin();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.users -= 1;
      if (this.users === 0) this.end();
    };
  }

  /** Compares the clock with the windows and updates the mode; called every tick. */
  evaluate(): void {
    const now = this.now();
    const clock = currentWindow(this.localWindows, now);
    if ((clock?.id ?? null) !== this.clockWindowId) {
      // A window starts or ends by the clock: ask the server, and follow the clock until it answers.
      this.clockWindowId = clock?.id ?? null;
      this.clockChangedAt = now;
      this.server = null;
      void this.check();
    }
    const trustServer = this.server !== null && now - this.server.at < (this.options.trustMs ?? 30_000);
    let active: MaintenanceWindowLike | null = clock;
    if (trustServer && this.server) {
      const told = this.server.current;
      active = told && now < Date.parse(told.endsAt) ? told : null;
      if (!active && clock) this.endedEarly.add(clock.id);
    }
    if (active && now - this.lastCheckAt >= (this.options.recheckMs ?? 5000)) void this.check();
    this.publish(active);
  }

  /** Asks /api/status (with the device token: the company's windows). Concurrent calls share one request. */
  check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true; // the answer on its way may predate what just changed
      return this.checking;
    }
    this.lastCheckAt = this.now();
    this.checking = this.askServer(this.lastCheckAt).finally(() => {
      this.checking = null;
      if (this.checkAgain && this.users > 0) {
        this.checkAgain = false;
        void this.check();
      }
    });
    return this.checking;
  }

  private async askServer(startedAt: number): Promise<void> {
    const device = await this.options.store.getMeta("device").catch(() => undefined);
    if (!device) return;
    let status: ServerStatus;
    try {
      status = await this.options.transport.status({ token: device.deviceToken, timeoutMs: 5000 });
    } catch {
      return; // unreachable: the clock decides, and the connectivity probe says offline anyway
    }
    const at = this.now();
    if (this.clockChangedAt > startedAt) return; // stale: a window started or ended meanwhile
    const current = status.maintenance?.current ?? null;
    const next = status.maintenance?.next ?? null;
    this.server = { current: current && withId(current), next: next && withId(next), at };
    if (current) this.endedEarly.delete(withId(current).id);
    this.evaluate();
    if (this.endSyncPending && this.state.active === null) {
      if (current) {
        // The server's clock or cache lags behind ours by a moment: ask again shortly.
        if (!this.recheckTimer && this.users > 0)
          this.recheckTimer = setTimeout(() => {
            this.recheckTimer = null;
            void this.check();
          }, 1000);
      } else {
        this.endSyncPending = false;
        this.options.syncEngine.requestSync("maintenance-ended");
      }
    }
  }

  private begin() {
    const watchWindows = this.options.watchWindows ?? ((listener) => watchLocalWindows(this.options.store, listener));
    this.unwatchWindows = watchWindows((windows) => {
      this.localWindows = windows;
      this.evaluate();
    });
    this.unwatchSync = this.options.syncEngine.subscribe((engine) => {
      // A 503 from the sync may be maintenance the till did not know about: ask the status.
      const failure = engine.lastFailure;
      if (failure?.kind === "unavailable" && failure.at !== this.lastFailureAt) {
        this.lastFailureAt = failure.at;
        void this.check();
      }
    });
    this.timer = setInterval(() => this.evaluate(), this.options.tickMs ?? 1000);
    this.evaluate();
  }

  private end() {
    this.unwatchWindows?.();
    this.unwatchSync?.();
    if (this.timer) clearInterval(this.timer);
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.timer = null;
    this.recheckTimer = null;
    this.unwatchWindows = null;
    this.unwatchSync = null;
  }

  private publish(active: MaintenanceWindowLike | null) {
    const wasActive = this.state.active;
    const windows = mergeWindows(this.localWindows, this.server).filter((w) => !this.endedEarly.has(w.id));
    const changed =
      !sameWindow(wasActive, active) ||
      windows.length !== this.state.windows.length ||
      windows.some(
        (w, i) => !sameWindow(w, this.state.windows[i] ?? null) || w.startsAt !== this.state.windows[i]?.startsAt,
      );
    if (!changed) return;
    this.state = { windows, active };
    if (Boolean(wasActive) !== Boolean(active)) {
      this.options.connectivity.setMaintenance(active !== null);
      // Over (by the clock, or the server came back early): upload what was sold meanwhile.
      if (!active) {
        this.options.syncEngine.requestSync("maintenance-ended");
        this.endSyncPending = true;
        void this.check();
      } else {
        this.endSyncPending = false;
      }
    }
    for (const listener of this.listeners) listener(this.state);
  }
}

function withId(w: { id?: string; startsAt: string; endsAt: string; message?: string }): MaintenanceWindowLike {
  return { ...w, id: w.id ?? `server:${w.startsAt}` };
}

function mergeWindows(local: MaintenanceWindowLike[], server: ServerKnowledge | null): MaintenanceWindowLike[] {
  const byId = new Map(local.map((w) => [w.id, w]));
  for (const w of [server?.current, server?.next]) if (w && !byId.has(w.id)) byId.set(w.id, w);
  return [...byId.values()].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

function watchLocalWindows(
  store: Pick<LocalStore, "listMaintenanceWindows">,
  listener: (windows: MaintenanceWindowLike[]) => void,
): () => void {
  return watchQuery(
    () => store.listMaintenanceWindows(),
    (rows) => listener(rows.map((r) => ({ id: r.id, startsAt: r.startsAt, endsAt: r.endsAt, message: r.message }))),
    "maintenance windows",
  );
}

const watches = new WeakMap<object, MaintenanceWatch>();

/**
 * The one MaintenanceWatch of the app's services (created on first use). main.tsx may call
 * `maintenanceWatchFor(services).start()` at start-up; PosShell's useMaintenance starts it too.
 */
export function maintenanceWatchFor(
  services: Pick<MaintenanceWatchOptions, "store" | "transport" | "syncEngine"> & {
    connectivity: MaintenanceWatchOptions["connectivity"];
  },
): MaintenanceWatch {
  let watch = watches.get(services.connectivity);
  if (!watch) {
    watch = new MaintenanceWatch(services);
    watches.set(services.connectivity, watch);
  }
  return watch;
}
