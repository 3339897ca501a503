/** What can go wrong between a till and the server; each one is injected on purpose. */
export type Fault =
  | "dropRequest" // the request never reaches the server
  | "dropResponse" // the server commits, the answer is lost
  | "delay" // slow but fine
  | "http500"
  | "http503"
  | "timeout" // the server commits, but answers after the client gave up
  | "restart"; // the server commits, then the process restarts before answering

export const allFaults: readonly Fault[] = [
  "dropRequest",
  "dropResponse",
  "delay",
  "http500",
  "http503",
  "timeout",
  "restart",
];

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultOptions {
  random: () => number;
  /** Probability that a call gets a fault (0..1). */
  rate: number;
  faults?: readonly Fault[];
  /** Only calls whose path matches are faulted (default: every /api call but health). */
  applies?: (path: string) => boolean;
  /** Emulates the server process restarting (swap the app instance). */
  restart?: () => Promise<void>;
  delayMs?: number;
}

export interface FaultStats {
  calls: number;
  byFault: Partial<Record<Fault, number>>;
}

const networkError = () => new TypeError("fetch failed (injected)");

function waitForAbort(signal: AbortSignal | null | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return; // never settles: only safe with a caller timeout
    if (signal.aborted) reject(signal.reason ?? new DOMException("aborted", "AbortError"));
    signal.addEventListener("abort", () => reject(signal.reason ?? new DOMException("aborted", "AbortError")));
  });
}

/** Wraps a fetch with seeded, random faults; `enabled` can be switched off to let a run settle. */
export function faultInjectingFetch(inner: typeof fetch, options: FaultOptions) {
  const stats: FaultStats = { calls: 0, byFault: {} };
  const faults = options.faults ?? allFaults;
  let enabled = true;
  const applies = options.applies ?? ((path: string) => path.startsWith("/api/") && path !== "/api/health");

  const fetchWithFaults: typeof fetch = async (input, init) => {
    stats.calls += 1;
    const path = new URL(input instanceof Request ? input.url : String(input), "http://x").pathname;
    if (!enabled || !applies(path) || options.random() >= options.rate) return inner(input, init);
    const fault = faults[Math.floor(options.random() * faults.length)] as Fault;
    stats.byFault[fault] = (stats.byFault[fault] ?? 0) + 1;
    switch (fault) {
      case "dropRequest":
        throw networkError();
      case "dropResponse":
        await inner(input, init);
        throw networkError();
      case "delay":
        await new Promise((r) => setTimeout(r, options.delayMs ?? 20));
        return inner(input, init);
      case "http500":
        return Response.json({ error: { code: "INTERNAL", message: "injected" } }, { status: 500 });
      case "http503":
        return Response.json(
          { error: { code: "MAINTENANCE", message: "injected" } },
          { status: 503, headers: { "retry-after": "0" } },
        );
      case "timeout": {
        // Let the server do the work, then answer only after the caller's time limit.
        void inner(input, init).catch(() => undefined);
        return waitForAbort(init?.signal);
      }
      case "restart":
        await inner(input, init);
        await options.restart?.();
        throw networkError();
    }
  };

  return {
    fetch: fetchWithFaults,
    stats,
    setEnabled(value: boolean) {
      enabled = value;
    },
  };
}
