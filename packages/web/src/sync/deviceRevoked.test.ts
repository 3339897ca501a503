import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { MinimalSyncEngine } from "./syncEngine";
import { type SchedulerEnvironment, SyncScheduler } from "./syncScheduler";

let store: DexieLocalStore;
afterEach(() => store?.close());

/** A server that answers every call as it does for a revoked device. */
function revokedServer() {
  const calls: string[] = [];
  const fetch = (async (url: string) => {
    calls.push(String(url));
    return new Response(
      JSON.stringify({ error: { code: "DEVICE_REVOKED", message: "an admin revoked this device" } }),
      { status: 401, headers: { "content-type": "application/json" } },
    );
  }) as unknown as typeof globalThis.fetch;
  return { transport: new FetchServerTransport({ fetch }), calls };
}

/** Manual clock: timers fire only when the test advances time. */
function manualEnvironment() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const env: SchedulerEnvironment = {
    setTimeout: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (t) => {
      const i = timers.indexOf(t as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    random: () => 0.5,
    now: () => now,
  };
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 0));
  };
  return {
    env,
    timers,
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((x) => x.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
        await settle();
      }
      await settle();
    },
  };
}

describe("a revoked device (401 DEVICE_REVOKED)", () => {
  it("is its own transport error kind, not a plain 401", async () => {
    const { transport } = revokedServer();
    await expect(transport.push("token", { invoices: [] })).rejects.toMatchObject({
      kind: "device_revoked",
      status: 401,
      code: "DEVICE_REVOKED",
      transient: false,
    });
  });

  it("stops the scheduler for good and keeps every pending invoice", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 100)]));
    await store.setMeta("device", demo.device);
    await store.saveNewInvoice(sampleDraft());
    await store.saveNewInvoice(sampleDraft());
    const server = revokedServer();
    const engine = new MinimalSyncEngine({ store, transport: server.transport });
    const clock = manualEnvironment();
    const scheduler = new SyncScheduler(engine, clock.env, { intervalMs: 30_000, maxRetryMs: 60_000 });
    scheduler.start();
    await clock.advance(0);
    expect(server.calls).toHaveLength(1);
    expect(engine.getState().lastFailure).toMatchObject({ kind: "device_revoked" });
    expect(scheduler.getSchedule()).toMatchObject({ halted: "device_revoked", nextAttemptAt: null });
    expect(clock.timers).toHaveLength(0);
    // An hour of timers, new sales and the connection coming back: nothing is sent again.
    await clock.advance(3_600_000);
    scheduler.requestSync("sale");
    scheduler.requestSync("online");
    await clock.advance(120_000);
    expect(server.calls).toHaveLength(1);
    expect(await store.countInvoicesByStatus()).toMatchObject({ pending: 2, synced: 0, error: 0 });
    expect(await store.listUnsyncedInvoices()).toHaveLength(2); // what "Exportar pendientes" writes
    scheduler.stop();
  });
});
