import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TransportError } from "../api/transportErrors";
import type { SyncEngine, SyncOutcome } from "./syncEngine";
import { retryDelay, type SchedulerEnvironment, SyncScheduler } from "./syncScheduler";

const okOutcome: SyncOutcome = {
  ok: true,
  push: { synced: 0, rejected: 0, retry: 0, ignored: 0 },
  pulledPages: 1,
  failure: null,
};
const failed = (kind: "network" | "client" | "invalid_response"): SyncOutcome => ({
  ...okOutcome,
  ok: false,
  failure: { kind, message: kind, at: "" },
});

/** Manual clock: timers fire only when the test advances time. */
function fakeEnvironment() {
  let now = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const env: SchedulerEnvironment = {
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    random: () => 0.5,
    now: () => now,
  };
  return {
    env,
    pendingDelays: () => timers.map((t) => t.at - now),
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

function engineAnswering(outcomes: SyncOutcome[]) {
  let calls = 0;
  const engine = {
    syncNow: async () => outcomes[Math.min(calls++, outcomes.length - 1)] as SyncOutcome,
  } as unknown as SyncEngine;
  return { engine, calls: () => calls };
}

describe("retryDelay", () => {
  it("doubles, stays within [ceiling/2, ceiling] and never passes 60 s", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (failures, r) => {
        const d = retryDelay(failures, () => r);
        const ceiling = Math.min(60_000, 2000 * 2 ** (failures - 1));
        expect(d).toBeGreaterThanOrEqual(ceiling / 2 - 1);
        expect(d).toBeLessThanOrEqual(60_000);
      }),
    );
  });
});

describe("SyncScheduler", () => {
  it("syncs at start, then on the interval", async () => {
    const fake = fakeEnvironment();
    const { engine, calls } = engineAnswering([okOutcome]);
    const s = new SyncScheduler(engine, fake.env, { intervalMs: 30_000 });
    s.start();
    await fake.advance(0);
    expect(calls()).toBe(1);
    await fake.advance(29_000);
    expect(calls()).toBe(1);
    await fake.advance(1_000);
    expect(calls()).toBe(2);
  });

  it("backs off exponentially while the server cannot be reached, then recovers", async () => {
    const fake = fakeEnvironment();
    const { engine, calls } = engineAnswering([failed("network"), failed("network"), failed("network"), okOutcome]);
    const s = new SyncScheduler(engine, fake.env, { baseRetryMs: 2000, intervalMs: 30_000 });
    s.start();
    await fake.advance(0);
    expect(fake.pendingDelays()).toEqual([1500]); // random 0.5 → 3/4 of 2 s
    await fake.advance(1500);
    expect(fake.pendingDelays()).toEqual([3000]);
    await fake.advance(3000);
    expect(fake.pendingDelays()).toEqual([6000]);
    expect(s.getSchedule().consecutiveFailures).toBe(3);
    await fake.advance(6000);
    expect(calls()).toBe(4);
    expect(s.getSchedule().consecutiveFailures).toBe(0);
    expect(fake.pendingDelays()).toEqual([30_000]);
  });

  it("the connection coming back resets the backoff", async () => {
    const fake = fakeEnvironment();
    const { engine } = engineAnswering([failed("network"), failed("network"), failed("network"), failed("network")]);
    const s = new SyncScheduler(engine, fake.env, { baseRetryMs: 2000 });
    s.start();
    await fake.advance(0);
    await fake.advance(1500);
    await fake.advance(3000);
    expect(s.getSchedule().consecutiveFailures).toBe(3);
    s.requestSync("online");
    await fake.advance(0);
    expect(s.getSchedule().consecutiveFailures).toBe(1);
    expect(fake.pendingDelays()).toEqual([1500]);
  });

  it("invoices answered 'retry' go up again at once, then with backoff, never in a tight loop", async () => {
    const fake = fakeEnvironment();
    const retrying: SyncOutcome = { ...okOutcome, push: { synced: 0, rejected: 0, retry: 3, ignored: 0 } };
    const { engine } = engineAnswering([retrying, retrying, retrying, retrying, okOutcome]);
    const s = new SyncScheduler(engine, fake.env, { baseRetryMs: 2000, intervalMs: 30_000 });
    s.start();
    await fake.advance(0);
    expect(fake.pendingDelays()).toEqual([0]);
    await fake.advance(0);
    expect(fake.pendingDelays()).toEqual([1500]);
    await fake.advance(1500);
    expect(fake.pendingDelays()).toEqual([3000]);
    await fake.advance(3000);
    await fake.advance(6000);
    expect(fake.pendingDelays()).toEqual([30_000]); // all up: back to the interval
    s.stop();
  });

  it("a sale during a sync triggers another round right after it", async () => {
    const fake = fakeEnvironment();
    let release: () => void = () => undefined;
    let calls = 0;
    const engine = {
      syncNow: () => {
        calls++;
        return calls === 1
          ? new Promise<SyncOutcome>((r) => (release = () => r(okOutcome)))
          : Promise.resolve(okOutcome);
      },
    } as unknown as SyncEngine;
    const s = new SyncScheduler(engine, fake.env);
    s.start();
    await fake.advance(0);
    s.requestSync("sale");
    release();
    await fake.advance(0);
    await fake.advance(0);
    expect(calls).toBe(2);
  });

  it("runs inside the sync lock so two tabs never sync at once", async () => {
    const fake = fakeEnvironment();
    const held: string[] = [];
    fake.env.locks = {
      request: async (name, cb) => {
        held.push(name);
        return cb();
      },
    };
    const { engine } = engineAnswering([okOutcome]);
    const s = new SyncScheduler(engine, fake.env);
    await s.syncNow();
    expect(held).toEqual(["mostrador-sync"]);
  });

  it("sends an upload of its own (an electronic invoice at once) through the same lock", async () => {
    const fake = fakeEnvironment();
    const events: string[] = [];
    fake.env.locks = {
      request: async (name, cb) => {
        events.push(`lock ${name}`);
        const result = await cb();
        events.push("unlock");
        return result;
      },
    };
    const engine = {
      pushPending: async (options?: { ids?: readonly string[] }) => {
        events.push(`push ${options?.ids?.join(",")}`);
        return { synced: 1, rejected: 0, retry: 0, ignored: 0 };
      },
    } as unknown as SyncEngine;
    const s = new SyncScheduler(engine, fake.env);
    expect(await s.pushPending({ ids: ["a"] })).toMatchObject({ synced: 1 });
    expect(events).toEqual(["lock mostrador-sync", "push a", "unlock"]);
  });

  it("retries an answer that is not the contract's (a captive portal) with backoff, like no answer", async () => {
    expect(new TransportError("invalid_response", "html").transient).toBe(true);
    expect(new TransportError("client", "bad").transient).toBe(false);
    const fake = fakeEnvironment();
    const { engine } = engineAnswering([failed("invalid_response"), failed("client")]);
    const s = new SyncScheduler(engine, fake.env, { baseRetryMs: 2000, maxRetryMs: 60_000 });
    s.start();
    await fake.advance(0);
    expect(fake.pendingDelays()).toEqual([1500]);
    await fake.advance(1500);
    expect(fake.pendingDelays()).toEqual([60_000]);
  });

  it("while the browser says there is no network, automatic attempts wait for it (no failure, no request); «Sincronizar» still tries", async () => {
    const fake = fakeEnvironment();
    let online = false;
    const listeners = new Map<string, () => void>();
    fake.env.isOnline = () => online;
    fake.env.addEventListener = (type, listener) => listeners.set(type, listener);
    const { engine, calls } = engineAnswering([failed("network"), okOutcome]);
    const s = new SyncScheduler(engine, fake.env, { intervalMs: 30_000, baseRetryMs: 2000 });
    s.start();
    s.requestSync("sale");
    await fake.advance(0);
    await fake.advance(60_000);
    expect(calls()).toBe(0);
    expect(s.getSchedule().consecutiveFailures).toBe(0);
    expect(fake.pendingDelays()).toEqual([30_000]); // the interval looks again, in case `online` is missed

    expect((await s.syncNow()).ok).toBe(false); // the cashier's press is never skipped
    expect(calls()).toBe(1);

    online = true;
    listeners.get("online")?.();
    await fake.advance(0);
    expect(calls()).toBe(2);
    expect(s.getSchedule().consecutiveFailures).toBe(0);
  });
});
