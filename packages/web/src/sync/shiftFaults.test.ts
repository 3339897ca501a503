import "fake-indexeddb/auto";
import { shiftDetailSchema, terminalSchema } from "@mostrador/domain";
import { buildApp } from "@mostrador/server/app/buildApp";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import { topUpNumberBlocks } from "../numbering/numberBlockTopUp";
import { shiftClosingFigures } from "../shifts/shiftFigures";
import type { LocalShift } from "../storage/localRecords";
import { faultInjectingFetch, seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { type SimulatedTill, startSimulatedTill } from "./testing/simulatedTill";

// Issue 12 under the same faults as the invoices: 5 tills (each on its own terminal, one with two
// tabs) run shifts one after another — open, sell, Ingresos and Retiros, close with a count — while
// requests are dropped, answers lost after commit, delayed, 500/503, timed out and the server
// restarts. Afterwards every shift is on the server once, at the till's last revision, with the
// till's document, and the server's Z report over the invoices it has is the till's.
// A fixed seed by default; SYNC_SEED=<n> picks another. The five tills share one generator while
// running concurrently, so a seed fixes the kinds of faults and sales, not their exact interleaving.
const SEED = process.env.SYNC_SEED ? Number(process.env.SYNC_SEED) : 20_261_201;
const TILLS = 5;
const SHIFTS_PER_TILL = 3;
const BURSTS_PER_SHIFT = 3;

describe("cash shifts under injected faults", () => {
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

  it(`${TILLS * SHIFTS_PER_TILL} shifts from ${TILLS} tills reach the server exactly once with the tills' Z totals (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const demo = await server.newCompany();
    const clean = new FetchServerTransport({ fetch: injectFetch(() => app) });
    const { token: adminToken } = await clean.login({ email: demo.adminEmail, password: demo.password });
    // One open shift per terminal: each till gets a terminal of its own that requires a shift.
    const terminalNames: string[] = [];
    for (let i = 0; i < TILLS; i++) {
      const name = `Caja turnos ${i + 1}`;
      await clean.send(terminalSchema, "terminal", "POST", "/api/terminals", {
        token: adminToken,
        body: {
          name,
          numberingId: demo.numberings.pos,
          warehouseId: demo.warehouseId,
          paymentMethodIds: Object.values(demo.paymentMethods),
          requiresShift: true,
        },
      });
      terminalNames.push(name);
    }
    const faults = faultInjectingFetch(
      injectFetch(() => app),
      {
        random,
        rate: 0.25,
        restart: async () => {
          app = await buildApp({ db: server.db, webDist: null });
          await app.ready();
        },
      },
    );
    const faulty = new FetchServerTransport({ fetch: faults.fetch, timeoutMs: 1000 });
    const tills: SimulatedTill[] = [];
    for (const terminalName of terminalNames)
      tills.push(
        await startSimulatedTill({
          setupTransport: clean,
          transport: faulty,
          credentials: { email: demo.cashierEmail, password: demo.password },
          terminalName,
        }),
      );
    const secondTab = (tills[0] as SimulatedTill).openTab(faulty);
    const shifts: LocalShift[][] = tills.map(() => []);
    let sold = 0;

    const syncTill = async (till: SimulatedTill, i: number) => {
      await topUpNumbers(till, faulty);
      const syncs = [till.engine.syncNow()];
      if (i === 0) syncs.push(secondTab.syncNow()); // two tabs uploading the same shift at once
      await Promise.all(syncs);
    };

    try {
      for (let round = 0; round < SHIFTS_PER_TILL; round++) {
        await Promise.all(
          tills.map(async (till, i) => {
            const opened = await till.openShift(100_000 * (50 + Math.floor(random() * 150)));
            for (let burst = 0; burst < BURSTS_PER_SHIFT; burst++) {
              const sales = 1 + Math.floor(random() * 8);
              for (let k = 0; k < sales; k++) {
                try {
                  await till.sell(random);
                  sold++;
                } catch (err) {
                  if ((err as { code?: string }).code !== "NO_NUMBERS_LEFT") throw err;
                  break; // out of numbers until the next successful top-up
                }
              }
              if (random() < 0.6)
                await till.store.addCashMovement(opened.id, {
                  kind: random() < 0.5 ? "in" : "out",
                  amount: 100_000 * (1 + Math.floor(random() * 30)),
                  reason: random() < 0.5 ? "Pago a proveedor" : "Cambio para la caja",
                  by: opened.document.openedBy,
                });
              await syncTill(till, i);
            }
            // Count: exact, short or over by a few thousand pesos.
            const current = (await till.store.getShift(opened.id)) as LocalShift;
            const { report } = shiftClosingFigures(current, await till.store.listShiftInvoices(opened.id));
            const expectedCash = report.expected.find((e) => e.kind === "cash")?.amount ?? 0;
            const off = [0, -500_000, 200_000][Math.floor(random() * 3)] as number;
            const closed = await till.closeShift(Math.max(0, expectedCash + off));
            (shifts[i] as LocalShift[]).push(closed);
            await syncTill(till, i);
          }),
        );
      }

      // The network heals: everything converges, nothing twice, nothing left behind.
      faults.setEnabled(false);
      for (const till of tills) {
        for (let round = 0; round < 6; round++) {
          await topUpNumbers(till, clean);
          await till.engine.syncNow();
          const c = await till.store.countInvoicesByStatus();
          if (c.pending === 0 && (await till.store.listShiftsToPush(1)).length === 0) break;
        }
      }

      const rows = await server.db.query<{ id: string; revision: number; status: string; device_id: string }>(
        "SELECT id, revision, status, device_id FROM shifts WHERE company_id = $1",
        [demo.companyId],
      );
      expect(rows).toHaveLength(TILLS * SHIFTS_PER_TILL);
      const stored = new Map(rows.map((r) => [r.id, r]));
      const revisionRows = await server.db.query<{ shift_id: string; revision: number; document: unknown }>(
        "SELECT shift_id, revision, document FROM shift_revisions WHERE company_id = $1",
        [demo.companyId],
      );
      const invoices = await server.db.query<{ id: string; shift_id: string; status: string }>(
        "SELECT id, shift_id, status FROM invoices WHERE company_id = $1",
        [demo.companyId],
      );
      expect(invoices).toHaveLength(sold);
      expect(invoices.every((r) => r.status === "accepted")).toBe(true);

      for (const [i, till] of tills.entries()) {
        for (const closedHere of shifts[i] as LocalShift[]) {
          const local = (await till.store.getShift(closedHere.id)) as LocalShift;
          expect(local).toMatchObject({ status: "synced", shiftStatus: "closed" });
          const row = stored.get(local.id);
          expect(row).toMatchObject({ status: "closed", device_id: till.deviceId });
          expect(Number(row?.revision)).toBe(local.document.revision);
          // Each revision at most once, never beyond the till's; the last one is the till's document.
          const mine = revisionRows.filter((r) => r.shift_id === local.id).map((r) => Number(r.revision));
          expect(new Set(mine).size).toBe(mine.length);
          expect(Math.max(...mine)).toBe(local.document.revision);
          const last = revisionRows.find(
            (r) => r.shift_id === local.id && Number(r.revision) === local.document.revision,
          );
          expect(last?.document).toEqual(JSON.parse(JSON.stringify(local.document)));

          const localInvoices = await till.store.listShiftInvoices(local.id);
          expect(localInvoices.every((inv) => inv.status === "synced")).toBe(true);
          expect(
            invoices
              .filter((r) => r.shift_id === local.id)
              .map((r) => r.id)
              .sort(),
          ).toEqual(localInvoices.map((inv) => inv.id).sort());
          const detail = await clean.send(shiftDetailSchema, "shift", "GET", `/api/shifts/${local.id}`, {
            token: adminToken,
          });
          const tillReport = shiftClosingFigures(local, localInvoices).report;
          expect(detail.report).toEqual(JSON.parse(JSON.stringify(tillReport)));
          expect(detail.serverExpectedCash).toBe(detail.tillExpectedCash);
          expect(detail.serverDifference).toBe(detail.tillDifference);
          expect(detail.invoiceCount).toBe(localInvoices.length);
        }
      }
      console.log(
        `shift fault run (seed ${SEED}): ${sold} invoices, ${rows.length} shifts, ${revisionRows.length} revisions stored, ${faults.stats.calls} calls, faults ${JSON.stringify(faults.stats.byFault)}`,
      );
    } catch (err) {
      console.error(`shift fault run FAILED with seed ${SEED}: try again with SYNC_SEED=${SEED}`);
      throw err;
    }
  }, 600_000);
});

async function topUpNumbers(till: SimulatedTill, transport: FetchServerTransport) {
  try {
    await topUpNumberBlocks(till.store, transport);
  } catch {
    // A faulted lease: the next round tries again.
  }
}
