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
import { MinimalSyncEngine } from "./syncEngine";
import { seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

/** Records every call in order; accepts every invoice except `rejectId`; `failReports` makes reports fail. */
function recordingTransport(options: { rejectId?: string; failReports?: boolean } = {}) {
  const calls: (string | DeviceReport)[] = [];
  const transport = {
    async pull(_token: string, query: { cursor: number }): Promise<PullResponse> {
      calls.push("pull");
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
          : { outcome: "retry" as const, id: doc.id, revision: doc.revision, reason: "later" },
      );
      return { results, serverTime: new Date().toISOString() };
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

describe("the till reports its queue after each push and after each pull", () => {
  it("push, report of what is left, pull, report again; the push itself carries no report", async () => {
    await readyStore();
    const rejected = await store.saveNewInvoice(sampleDraft());
    const later = await store.saveNewInvoice(sampleDraft());
    const { transport, calls } = recordingTransport({ rejectId: rejected.id });
    const engine = new MinimalSyncEngine({ store, transport, appVersion: "9.9.9" });
    const outcome = await engine.syncNow();
    expect(outcome.ok).toBe(true);
    const afterPush = { pending: 1, errors: 1, oldestPendingAt: later.issuedAt, appVersion: "9.9.9" };
    expect(calls).toEqual(["push", afterPush, "pull", afterPush]);
  });

  it("with nothing to push, only the pull's report is sent", async () => {
    await readyStore();
    const { transport, calls } = recordingTransport();
    await new MinimalSyncEngine({ store, transport }).syncNow();
    expect(calls).toEqual(["pull", { pending: 0, errors: 0, oldestPendingAt: null }]);
  });

  it("a report that fails does not make the sync fail", async () => {
    await readyStore();
    await store.saveNewInvoice(sampleDraft());
    const { transport, calls } = recordingTransport({ failReports: true });
    const outcome = await new MinimalSyncEngine({ store, transport }).syncNow();
    expect(outcome).toMatchObject({ ok: true, failure: null });
    expect(calls.filter((c) => typeof c !== "string")).toHaveLength(2);
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
