import "fake-indexeddb/auto";
import type { NewClient } from "@mostrador/domain";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

// Two invoices per request (server and till alike), so three sales make two requests.
vi.mock("@mostrador/domain", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@mostrador/domain")>()),
  MAX_PUSH_BATCH: 2,
}));

/**
 * Review, session 9: a client made at the till rides in the first push request, and the till keeps two
 * requests in flight. A later request whose invoice names that client (a second sale to it: only the sale
 * that made the client carries it as newClient) must not be decided before the first request stored the
 * client, whatever order the two requests reach the server in.
 */
let server: TestServer;
let store: DexieLocalStore | undefined;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => server?.close());
afterEach(() => store?.close());

describe("clients made at the till and the requests in flight", () => {
  it("an invoice naming a client made here is never refused because its request overtook the client's", async () => {
    const company = await server.newCompany();
    const setupTransport = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    // The network delivers the request carrying the clients after the other one (two connections).
    const inner = injectFetch(() => server.app);
    let otherAnswered!: () => void;
    const other = new Promise<void>((resolve) => {
      otherAnswered = resolve;
    });
    const reordering: typeof fetch = async (input, init) => {
      const path = new URL(input instanceof Request ? input.url : String(input), "http://x").pathname;
      if (path !== "/api/sync/push") return inner(input, init);
      if (String(init?.body ?? "").includes('"clients"')) {
        await Promise.race([other, new Promise((resolve) => setTimeout(resolve, 2000))]);
        return inner(input, init);
      }
      const answer = await inner(input, init);
      otherAnswered();
      return answer;
    };
    const till = await startSimulatedTill({
      setupTransport,
      transport: new FetchServerTransport({ fetch: reordering }),
      credentials: { email: company.cashierEmail, password: company.password },
      terminalName: "Caja 1",
    });
    store = till.store;
    const luz: NewClient = {
      id: crypto.randomUUID(),
      name: "Luz Marina Cárdenas",
      idType: "CC",
      idNumber: `52${Math.floor(Math.random() * 1e8)}`,
      email: null,
      phone: null,
      address: null,
      active: true,
    };
    await till.store.tillClients.saveClient(luz);
    await till.sell(seededRandom(1));
    await till.sell(seededRandom(2));
    // The third sale picks Luz Marina from the search: the sale names her, without newClient.
    const product = (await till.store.listProducts()).find((p) => p.active);
    const toLuz = await till.store.saveNewInvoice({ ...till.draft([product?.id as string]), clientId: luz.id });
    expect(toLuz.document.newClient).toBeUndefined();

    expect((await till.engine.syncNow()).ok).toBe(true);
    expect(await till.store.tillClients.getClient(luz.id)).toMatchObject({ status: "synced" });
    expect(await till.store.getInvoice(toLuz.id)).toMatchObject({ status: "synced", errors: [] });
    expect(await till.store.countInvoicesByStatus()).toMatchObject({ pending: 0, error: 0, synced: 3 });
  }, 60_000);
});
