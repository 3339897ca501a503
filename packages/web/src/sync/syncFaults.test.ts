import "fake-indexeddb/auto";
import { buildApp } from "@mostrador/server/app/buildApp";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import { topUpNumberBlocks } from "../numbering/numberBlockTopUp";
import { faultInjectingFetch, seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { type SimulatedTill, startSimulatedTill } from "./testing/simulatedTill";

// Exactly once under faults: 5 tills (one with two tabs) sell 2,000 invoices while requests are
// dropped, answers lost after commit, delayed, 500/503, timed out, and the server restarts.
// A fixed seed by default, so a run is repeatable; SYNC_SEED=<n> replays one, SYNC_SEED=random explores.
const DEFAULT_SEED = 20_261_130;
const SEED = syncSeed(process.env.SYNC_SEED);
const DEVICES = 5;
const INVOICES_PER_DEVICE = 400;

describe("sync under injected faults", () => {
  let server: TestServer;
  let app: FastifyInstance;

  beforeAll(async () => {
    server = await startTestServer();
    app = server.app;
  }, 60_000);
  afterAll(async () => {
    if (app !== server.app) await app.close().catch(() => undefined);
    await server.close();
  });

  it(`${DEVICES * INVOICES_PER_DEVICE} invoices from ${DEVICES} devices reach the server exactly once (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const demo = await server.newCompany();
    const clean = new FetchServerTransport({ fetch: injectFetch(() => app) });
    const faults = faultInjectingFetch(
      injectFetch(() => app),
      {
        random,
        rate: 0.25,
        restart: async () => {
          // A new process on the same database: in-flight answers are lost, nothing else.
          app = await buildApp({ db: server.db, webDist: null });
          await app.ready();
        },
      },
    );
    const faulty = new FetchServerTransport({ fetch: faults.fetch, timeoutMs: 1000 });
    const tills: SimulatedTill[] = [];
    for (let i = 0; i < DEVICES; i++)
      tills.push(
        await startSimulatedTill({
          setupTransport: clean,
          transport: faulty,
          credentials: { email: demo.cashierEmail, password: demo.password },
          terminalName: i % 2 ? "Caja 2" : "Caja 1",
        }),
      );
    const secondTab = (tills[0] as SimulatedTill).openTab(faulty);
    const sold = tills.map(() => 0);

    try {
      while (sold.some((n) => n < INVOICES_PER_DEVICE)) {
        await Promise.all(
          tills.map(async (till, i) => {
            const burst = Math.min(INVOICES_PER_DEVICE - (sold[i] as number), 1 + Math.floor(random() * 40));
            for (let k = 0; k < burst; k++) {
              try {
                await till.sell(random);
                sold[i] = (sold[i] as number) + 1;
              } catch (err) {
                if ((err as { code?: string }).code !== "NO_NUMBERS_LEFT") throw err;
                break; // out of numbers until the next successful top-up
              }
            }
            await topUpNumbers(till, faulty);
            const syncs = [till.engine.syncNow()];
            if (i === 0) syncs.push(secondTab.syncNow()); // two tabs syncing the same invoices at once
            await Promise.all(syncs);
          }),
        );
      }
      // The network heals: everything must converge with no duplicates and nothing left behind.
      faults.setEnabled(false);
      for (const till of tills) {
        for (let round = 0; round < 5; round++) {
          await till.engine.syncNow();
          const c = await till.store.countInvoicesByStatus();
          if (c.pending === 0) break;
        }
      }

      const rows = await server.db.query<{ id: string; device_id: string; number: number; status: string }>(
        "SELECT id, device_id, number, status FROM invoices WHERE company_id = $1",
        [demo.companyId],
      );
      expect(rows).toHaveLength(DEVICES * INVOICES_PER_DEVICE);
      expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
      expect(rows.every((r) => r.status === "accepted")).toBe(true);
      const onServer = new Set(rows.map((r) => r.id));
      for (const till of tills) {
        const local = await till.store.listInvoices({ limit: 10_000 });
        expect(local).toHaveLength(INVOICES_PER_DEVICE);
        for (const inv of local) {
          expect(onServer.has(inv.id)).toBe(true);
          expect(inv.status).toBe("synced");
        }
        const counts = await till.store.countInvoicesByStatus();
        expect(counts.pending + counts.error).toBe(0);
      }
      console.log(
        `sync fault run (seed ${SEED}): ${faults.stats.calls} calls, faults ${JSON.stringify(faults.stats.byFault)}`,
      );
    } catch (err) {
      console.error(`sync fault run FAILED with seed ${SEED}: rerun with SYNC_SEED=${SEED}`);
      throw err;
    }
  }, 600_000);
});

async function topUpNumbers(till: SimulatedTill, transport: FetchServerTransport) {
  try {
    await topUpNumberBlocks(till.store, transport);
  } catch {
    // A faulted lease: the next round tries again (a lost answer leaves an unused, audited block).
  }
}

function syncSeed(value: string | undefined): number {
  if (value === undefined || value === "") return DEFAULT_SEED;
  if (value === "random") return Date.now() % 1_000_000;
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new Error(`SYNC_SEED must be an integer or "random", not ${value}`);
  return seed;
}
