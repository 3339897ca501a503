import "fake-indexeddb/auto";
import {
  type DeviceReport,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  SYNC_SCHEMA_VERSION,
} from "@mostrador/domain";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import type { ServerTransport } from "../api/serverTransport";
import { TransportError } from "../api/transportErrors";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { REPORT_REFRESH_MS } from "./queueReporter";
import { MinimalSyncEngine } from "./syncEngine";
import { seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

/**
 * Records every call in order; accepts every invoice except `rejectId` (refused) and `retryIds` (left to
 * retry; by default every other one); `failReports` makes reports fail, `failPulls` pulls.
 */
function recordingTransport(
  options: { rejectId?: string; acceptOthers?: boolean; failReports?: boolean; failPulls?: boolean } = {},
) {
  const calls: (string | DeviceReport)[] = [];
  const transport = {
    async pull(_token: string, query: { cursor: number }): Promise<PullResponse> {
      calls.push("pull");
      if (options.failPulls) throw new TransportError("server", "pull failed");
      return demo.pullPage([], { cursor: query.cursor });
    },
    async push(_token: string, request: PushRequest): Promise<PushResponse> {
      calls.push("push");
      expect(request.report).toBeUndefined();
      const results = request.invoices.map((doc) =>
        doc.id === options.rejectId
          ? {
              outcome: "rejected" as const,
              id: doc.id,
              revision: doc.revision,
              errors: [{ code: "PRODUCT_INACTIVE" as const, message: "inactive", messageEs: "inactivo" }],
            }
          : options.acceptOthers
            ? {
                outcome: "accepted" as const,
                id: doc.id,
                revision: doc.revision,
                version: 1,
                invoice: { id: doc.id, revision: doc.revision, status: "accepted" as const },
              }
            : { outcome: "retry" as const, id: doc.id, revision: doc.revision, reason: "later" },
      );
      return { results, serverTime: new Date().toISOString() } as PushResponse;
    },
    async reportDevice(_token: string, report: DeviceReport) {
      calls.push(report);
      if (options.failReports) throw new TransportError("server", "report failed");
      return { reportedAt: new Date().toISOString() };
    },
  } as unknown as ServerTransport;
  return { transport, calls };
}

let store: DexieLocalStore;
afterEach(() => store?.close());

async function readyStore() {
  store = openTestStore();
  await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 100)]));
  await store.setMeta("device", demo.device);
  return store;
}

describe("the till reports its queue once per sync, and only what the server does not hold", () => {
  const idle = { pending: 0, errors: 0, oldestPendingAt: null };

  it("push, pull, then one report of what is left; the push itself carries no report", async () => {
    await readyStore();
    const rejected = await store.saveNewInvoice(sampleDraft());
    const later = await store.saveNewInvoice(sampleDraft());
    const { transport, calls } = recordingTransport({ rejectId: rejected.id });
    const engine = new MinimalSyncEngine({ store, transport, appVersion: "9.9.9" });
    const outcome = await engine.syncNow();
    expect(outcome.ok).toBe(true);
    expect(calls).toEqual([
      "push",
      "pull",
      { pending: 1, errors: 1, oldestPendingAt: later.issuedAt, appVersion: "9.9.9" },
    ]);
  });

  it("with nothing to push, only the pull's report is sent", async () => {
    await readyStore();
    const { transport, calls } = recordingTransport();
    await new MinimalSyncEngine({ store, transport }).syncNow();
    expect(calls).toEqual(["pull", idle]);
  });

  // An online till: every sale is pushed at once and the queue is empty again. Reporting "0 pending" after
  // each one cost the server a request and a commit per sale, and one per idle poll.
  it("a queue that says what the server holds is not sent again, until it changes or the report is old", async () => {
    await readyStore();
    let now = Date.parse("2026-12-04T12:00:00Z");
    const { transport, calls } = recordingTransport({ acceptOthers: true });
    const engine = new MinimalSyncEngine({ store, transport, now: () => new Date(now) });
    await engine.syncNow();
    expect(calls).toEqual(["pull", idle]);

    calls.length = 0;
    await store.saveNewInvoice(sampleDraft());
    await engine.syncNow(); // the sale is accepted: the queue is empty again, as the server was told
    await engine.syncNow(); // an idle poll
    expect(await store.countInvoicesByStatus()).toMatchObject({ pending: 0, synced: 1 });
    expect(calls).toEqual(["push", "pull", "pull"]);

    calls.length = 0;
    const electronic = await store.saveNewInvoice(sampleDraft());
    await engine.pushPending({ ids: [electronic.id] }); // an electronic sale's own push, accepted
    expect(calls).toEqual(["push"]);
    const stuck = await store.saveNewInvoice(sampleDraft());
    const { transport: refusing, calls: refusingCalls } = recordingTransport({ rejectId: stuck.id });
    const refused = new MinimalSyncEngine({ store, transport: refusing, now: () => new Date(now) }); // another page
    await refused.pushPending({ ids: [stuck.id] });
    expect(refusingCalls).toEqual(["push", { pending: 0, errors: 1, oldestPendingAt: null }]);

    calls.length = 0;
    await engine.syncNow(); // this engine last said "nothing", the queue now says one error
    await engine.syncNow();
    now += REPORT_REFRESH_MS - 1;
    await engine.syncNow();
    now += 1;
    await engine.syncNow(); // the report the server holds is as old as the refresh: said again
    const error = { pending: 0, errors: 1, oldestPendingAt: null };
    expect(calls).toEqual(["pull", error, "pull", "pull", "pull", error]);
  });

  it("a report that failed is sent again by the next sync, though the queue says the same", async () => {
    await readyStore();
    const failing = recordingTransport({ failReports: true });
    const engine = new MinimalSyncEngine({ store, transport: failing.transport });
    const outcome = await engine.syncNow();
    expect(outcome).toMatchObject({ ok: true, failure: null });
    expect(failing.calls).toEqual(["pull", idle]);
    const working = recordingTransport();
    const again = new MinimalSyncEngine({ store, transport: working.transport });
    await again.syncNow();
    await again.syncNow();
    expect(working.calls).toEqual(["pull", idle, "pull"]);
  });

  it("a sync whose push delivered and whose pull failed still reports what the push left", async () => {
    await readyStore();
    const sold = await store.saveNewInvoice(sampleDraft());
    const { transport, calls } = recordingTransport({ failPulls: true });
    const outcome = await new MinimalSyncEngine({ store, transport }).syncNow();
    expect(outcome.ok).toBe(false);
    expect(calls).toEqual(["push", "pull", { pending: 1, errors: 0, oldestPendingAt: sold.issuedAt }]);
  });

  it("a pull that fails with nothing pushed reports nothing", async () => {
    await readyStore();
    const { transport, calls } = recordingTransport({ failPulls: true });
    expect((await new MinimalSyncEngine({ store, transport }).syncNow()).ok).toBe(false);
    expect(calls).toEqual(["pull"]);
  });

  it("another device token is told the queue, though it says what the first one was told", async () => {
    await readyStore();
    const { transport, calls } = recordingTransport();
    const engine = new MinimalSyncEngine({ store, transport });
    await engine.syncNow();
    await store.setMeta("device", { ...demo.device, deviceToken: "another-token" });
    await engine.syncNow();
    expect(calls).toEqual(["pull", idle, "pull", idle]);
  });
});

describe("the admin's device list after a till syncs (real server)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => server?.close());

  // Before issue 11 the till sent its report with the push, made before the push: the server then
  // showed these 3 invoices as pending although it had just stored them.
  it("shows 0 pending once the till says Sincronizado 100%, with the report's time", async () => {
    const company = await server.newCompany();
    const transport = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    const till = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: company.cashierEmail, password: company.password },
      terminalName: "Caja 1",
    });
    store = till.store;
    const random = seededRandom(11);
    for (let i = 0; i < 3; i++) await till.sell(random);
    const started = Date.now();
    expect((await till.engine.syncNow()).ok).toBe(true);
    expect(await till.store.countInvoicesByStatus()).toMatchObject({ pending: 0, error: 0, synced: 3 });
    const admin = await transport.login({ email: company.adminEmail, password: company.password });
    const row = (await transport.listDevices(admin.token)).find((d) => d.id === till.deviceId);
    expect(row).toMatchObject({
      pending: 0,
      errors: 0,
      oldestPendingAt: null,
      silent: false,
      schemaVersion: SYNC_SCHEMA_VERSION,
    });
    expect(Date.parse(row?.reportedAt ?? "")).toBeGreaterThanOrEqual(started - 1000);
  });
});
