import "fake-indexeddb/auto";
import type { ClientPushResult, NewClient } from "@mostrador/domain";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { LocalStoreError } from "../storage/localStoreErrors";
import { openTestStore } from "../storage/testDatabase";
import { seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

const luzMarina = (overrides: Partial<NewClient> = {}): NewClient => ({
  id: crypto.randomUUID(),
  name: "Luz Marina Cárdenas",
  idType: "CC",
  idNumber: `52${Math.floor(Math.random() * 1e8)}`,
  email: null,
  phone: "300 555 1234",
  address: null,
  active: true,
  ...overrides,
});

let store: DexieLocalStore | undefined;
afterEach(() => store?.close());

describe("clients made at the till (storage, Dexie v7 `tillClients`)", () => {
  it("«Nuevo cliente» stores a pending record and a searchable client at once; the same client twice is one record", async () => {
    store = openTestStore();
    const client = luzMarina();
    const saved = await store.tillClients.saveClient(client);
    expect(saved).toMatchObject({ id: client.id, status: "pending", errors: [] });
    await store.tillClients.saveClient(client);
    expect(await store.db.tillClients.count()).toBe(1);
    expect(await store.db.clients.get(client.id)).toMatchObject({ name: "Luz Marina Cárdenas", createdOffline: true });
    expect(await store.tillClients.listClientsToPush(10)).toEqual([client]);
    expect(await store.tillClients.countOutstanding()).toEqual({ pending: 1, error: 0 });
  });

  it("a client the shared schema refuses is not stored", async () => {
    store = openTestStore();
    const bad = luzMarina({ idNumber: "x" });
    await expect(store.tillClients.saveClient(bad)).rejects.toBeInstanceOf(LocalStoreError);
    expect(await store.db.tillClients.count()).toBe(0);
    expect(await store.db.clients.count()).toBe(0);
  });

  it("push results: accepted (also a duplicate) → synced, rejected → error with the reason, retry → pending", async () => {
    store = openTestStore();
    const [a, b, c] = [luzMarina(), luzMarina(), luzMarina()];
    for (const client of [a, b, c]) await store.tillClients.saveClient(client);
    const results: ClientPushResult[] = [
      { outcome: "accepted", id: a.id, duplicate: true, sameAs: "other" },
      {
        outcome: "rejected",
        id: b.id,
        errors: [{ code: "CLIENT_INVALID", field: "email", message: "bad", messageEs: "malo" }],
      },
      { outcome: "retry", id: c.id, reason: "later" },
    ];
    expect(await store.tillClients.applyClientPushResults(results)).toEqual({
      synced: 1,
      rejected: 1,
      retry: 1,
      ignored: 0,
    });
    expect(await store.tillClients.getClient(a.id)).toMatchObject({ status: "synced", sameAs: "other" });
    expect(await store.tillClients.getClient(b.id)).toMatchObject({ status: "error", errors: [{ field: "email" }] });
    expect(await store.tillClients.listClientsToPush(10)).toEqual([c]);
    // An answer for a client no longer pending (a second tab's late answer) changes nothing.
    expect((await store.tillClients.applyClientPushResults(results)).ignored).toBe(2);
  });
});

describe("clients made at the till reach the server even when the sale switches client (real server)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => server?.close());

  it("exactly once: a lost answer is sent again and answered as a duplicate; one malformed client is refused alone", async () => {
    const company = await server.newCompany();
    const setupTransport = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    // The first push's answer is lost after the server committed it.
    let pushes = 0;
    const inner = injectFetch(() => server.app);
    const lossy: typeof fetch = async (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input), "http://x").pathname;
      if (path === "/api/sync/push" && ++pushes === 1) {
        await inner(input, init);
        throw new TypeError("fetch failed (answer lost)");
      }
      return inner(input, init);
    };
    const transport = new FetchServerTransport({ fetch: lossy });
    const till = await startSimulatedTill({
      setupTransport,
      transport,
      credentials: { email: company.cashierEmail, password: company.password },
      terminalName: "Caja 1",
    });
    store = till.store;
    // «Nuevo cliente» Luz Marina, then the cashier picks another client: the sale goes to the walk-in customer.
    const luz = luzMarina();
    await till.store.tillClients.saveClient(luz);
    const sale = await till.sell(seededRandom(16));
    expect(sale.document.newClient).toBeUndefined();
    // A record an older till version stored, which the server refuses (written past the local check).
    const malformed = luzMarina({ email: "no-es-un-correo" });
    await till.store.db.tillClients.add({
      id: malformed.id,
      status: "pending",
      client: malformed,
      errors: [],
      createdAt: new Date(Date.now() + 1000).toISOString(),
      updatedAt: new Date().toISOString(),
    });

    expect((await till.engine.syncNow()).ok).toBe(false);
    expect(await till.store.tillClients.getClient(luz.id)).toMatchObject({ status: "pending" });
    expect((await till.engine.syncNow()).ok).toBe(true);
    expect(await till.store.tillClients.getClient(luz.id)).toMatchObject({ status: "synced" });
    const refused = await till.store.tillClients.getClient(malformed.id);
    expect(refused).toMatchObject({ status: "error", errors: [{ code: "CLIENT_INVALID", field: "email" }] });
    expect(await till.store.countInvoicesByStatus()).toMatchObject({ pending: 0, synced: 1 });

    const rows = await server.db.query<{ id: string; name: string }>(
      "SELECT id, name FROM clients WHERE company_id = $1 AND id = ANY($2::uuid[])",
      [company.companyId, [luz.id, malformed.id]],
    );
    expect(rows).toEqual([{ id: luz.id, name: "Luz Marina Cárdenas" }]);
    // The pull brings the server's row back; the local record stays synced.
    expect(await till.store.db.clients.get(luz.id)).toMatchObject({ name: "Luz Marina Cárdenas" });
  }, 60_000);
});
