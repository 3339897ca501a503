import type { ServerTransport } from "../api/serverTransport";

export type Connectivity = "online" | "offline";

export interface ConnectivityMonitorOptions {
  transport: ServerTransport;
  /** Probe period while the page is open. */
  intervalMs?: number;
  /** navigator.onLine and window events; replaceable in tests. */
  environment?: {
    isOnline(): boolean;
    addEventListener(type: "online" | "offline", listener: () => void): void;
    removeEventListener(type: "online" | "offline", listener: () => void): void;
  };
}

/**
 * Online means the server answered GET /api/health; navigator.onLine === false is trusted
 * as offline at once, but true is only a hint until the probe succeeds.
 */
export class ConnectivityMonitor {
  private status: Connectivity;
  private readonly listeners = new Set<(status: Connectivity) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private probing: Promise<Connectivity> | null = null;
  private inMaintenance = false;
  private readonly environment: NonNullable<ConnectivityMonitorOptions["environment"]>;
  private readonly onOnline = () => void this.probe();
  private readonly onOffline = () => this.set("offline");

  constructor(private readonly options: ConnectivityMonitorOptions) {
    this.environment = options.environment ?? {
      isOnline: () => globalThis.navigator?.onLine ?? true,
      addEventListener: (type, listener) => globalThis.addEventListener?.(type, listener),
      removeEventListener: (type, listener) => globalThis.removeEventListener?.(type, listener),
    };
    this.status = this.environment.isOnline() ? "online" : "offline";
  }

  get current(): Connectivity {
    return this.status;
  }

  /** Scheduled maintenance in progress: the server counts as offline (health answers 200 even then). */
  get maintenance(): boolean {
    return this.inMaintenance;
  }

  /** Set by maintenance/maintenanceWatch. Clearing it probes at once, so "online" (and a sync) follows. */
  setMaintenance(active: boolean): void {
    if (active === this.inMaintenance) return;
    this.inMaintenance = active;
    if (active) this.set("offline");
    else void this.probe();
  }

  subscribe(listener: (status: Connectivity) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (this.timer) return;
    this.environment.addEventListener("online", this.onOnline);
    this.environment.addEventListener("offline", this.onOffline);
    this.timer = setInterval(() => void this.probe(), this.options.intervalMs ?? 15_000);
    void this.probe();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.environment.removeEventListener("online", this.onOnline);
    this.environment.removeEventListener("offline", this.onOffline);
  }

  /** Asks the server now; concurrent calls share one request. */
  probe(): Promise<Connectivity> {
    if (!this.environment.isOnline() || this.inMaintenance) {
      this.set("offline");
      return Promise.resolve("offline");
    }
    if (!this.probing) {
      this.probing = this.options.transport
        .health({ timeoutMs: 4000 })
        .then(
          () => "online" as const,
          () => "offline" as const,
        )
        .then((answer) => {
          const status = this.inMaintenance ? "offline" : answer;
          this.set(status);
          return status;
        })
        .finally(() => {
          this.probing = null;
        });
    }
    return this.probing;
  }

  private set(status: Connectivity): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
