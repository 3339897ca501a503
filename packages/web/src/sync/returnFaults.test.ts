import "fake-indexeddb/auto";
import { shiftDetailSchema } from "@mostrador/domain";
import { buildApp } from "@mostrador/server/app/buildApp";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import { topUpNumberBlocks } from "../numbering/numberBlockTopUp";
import { shiftClosingFigures } from "../shifts/shiftFigures";
import type { LocalInvoice } from "../storage/localRecords";
import { faultInjectingFetch, seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { type SimulatedTill, startSimulatedTill } from "./testing/simulatedTill";

// Issue 13 under the same faults as the invoices: 4 tills (one signed in as the admin, one with two
// tabs) sell, take returns of their sales — some before the sale reached the server — and the
// admin voids some synced invoices, while requests are dropped, answers lost after commit, delayed,
// 500/503, timed out and the server restarts. Afterwards every credit note and void is on the
// server exactly once, with the till's revision, and each invoice's returned quantities are the
// sum of its notes. A fixed seed by default; SYNC_SEED=<n> picks another.
const SEED = process.env.SYNC_SEED ? Number(process.env.SYNC_SEED) : 20_261_202;
const TILLS = 4;
const ROUNDS = 5;

describe("credit notes and voids under injected faults", () => {
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

  it("a shift with cash returns and a void: the server's Z report and expected cash are the till's", async () => {
    const demo = await server.newCompany();
    const clean = new FetchServerTransport({ fetch: injectFetch(() => app) });
    const { token: adminToken } = await clean.login({ email: demo.adminEmail, password: demo.password });
    const seller = await startSimulatedTill({
      setupTransport: clean,
      transport: clean,
      credentials: { email: demo.adminEmail, password: demo.password },
      terminalName: "Caja 1",
    });
    const random = seededRandom(SEED + 1);
    const opened = await seller.openShift(100_000_00);
    const sales: LocalInvoice[] = [];
    for (let k = 0; k < 4; k++) sales.push(await seller.sell(random));
    await seller.engine.syncNow();
    const returned = await seller.returnOne((sales[0] as LocalInvoice).id, random);
    await seller.returnOne((sales[1] as LocalInvoice).id, random);
    await seller.voidInvoice((sales[2] as LocalInvoice).id, "admin");
    const closed = await seller.closeShift(0);
    await seller.engine.syncNow();
    await seller.engine.syncNow();
    const shift = await seller.store.getShift(opened.id);
    expect(shift).toMatchObject({ status: "synced", shiftStatus: "closed" });
    const notes = await seller.store.returns.listShiftCreditNotes(opened.id);
    expect(notes.map((n) => n.status)).toEqual(["synced", "synced"]);
    const till = shiftClosingFigures(closed, await seller.store.listShiftInvoices(opened.id), undefined, notes).report;
    expect(till).toMatchObject({ refundedCount: 2, voidedCount: 1, salesCount: 3 });
    expect(till.cashRefunded).toBe(notes.reduce((s, n) => s + n.total, 0));
    expect(returned?.total).toBeGreaterThan(0);
    const detail = await clean.send(shiftDetailSchema, "shift", "GET", `/api/shifts/${opened.id}`, {
      token: adminToken,
    });
    expect(detail.report).toEqual(JSON.parse(JSON.stringify(till)));
    expect(detail.serverExpectedCash).toBe(detail.tillExpectedCash);
    expect(detail.serverDifference).toBe(detail.tillDifference);
  }, 120_000);

  it(`credit notes and voids from ${TILLS} tills reach the server exactly once (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const demo = await server.newCompany();
    const clean = new FetchServerTransport({ fetch: injectFetch(() => app) });
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
    for (let i = 0; i < TILLS; i++)
      tills.push(
        await startSimulatedTill({
          setupTransport: clean,
          transport: faulty,
          credentials: { email: i === 0 ? demo.adminEmail : demo.cashierEmail, password: demo.password },
          terminalName: i % 2 ? "Caja 2" : "Caja 1",
        }),
      );
    const secondTab = (tills[1] as SimulatedTill).openTab(faulty);
    const sold: LocalInvoice[][] = tills.map(() => []);
    let voids = 0;

    try {
      await Promise.all(tills.map((till) => topUpNumberBlocks(till.store, clean)));
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(
          tills.map(async (till, i) => {
            const mine = sold[i] as LocalInvoice[];
            for (let k = 0; k < 4; k++) {
              try {
                mine.push(await till.sell(random));
              } catch (err) {
                if ((err as { code?: string }).code !== "NO_NUMBERS_LEFT") throw err;
              }
            }
            // Returns of any sale of this till, synced or not yet (the note then waits for its invoice).
            for (let k = 0; k < 3 && mine.length > 0; k++) {
              const invoice = mine[Math.floor(random() * mine.length)] as LocalInvoice;
              const current = await till.store.getInvoice(invoice.id);
              if (current?.status === "voided") continue;
              try {
                await till.returnOne(invoice.id, random);
              } catch (err) {
                if ((err as { code?: string }).code !== "NO_NUMBERS_LEFT") throw err;
              }
            }
            // The admin voids a synced sale without returns now and then.
            if (i === 0 && random() < 0.7) {
              for (const invoice of mine) {
                const refusal = await till.store.returns.voidRefusal(invoice.id, {
                  role: "admin",
                  at: new Date().toISOString(),
                });
                if (refusal === null) {
                  await till.voidInvoice(invoice.id, "admin");
                  voids++;
                  break;
                }
              }
            }
            try {
              await topUpNumberBlocks(till.store, faulty);
            } catch {
              // A faulted lease: the next round tries again.
            }
            const syncs = [till.engine.syncNow()];
            if (i === 1) syncs.push(secondTab.syncNow()); // two tabs uploading the same notes at once
            await Promise.all(syncs);
          }),
        );
      }

      // The network heals: everything converges.
      faults.setEnabled(false);
      for (const till of tills)
        for (let round = 0; round < 6; round++) {
          await till.engine.syncNow();
          const left =
            (await till.store.listInvoicesToPushPage(1000)).documents.length +
            (await till.store.returns.listCreditNotesToPush(1)).length +
            (await till.store.returns.listVoidsToPush(1)).length;
          if (left === 0) break;
        }

      const notes = await server.db.query<{ id: string; revision: number; invoice_id: string; lines: unknown }>(
        "SELECT id, revision, invoice_id, lines FROM credit_notes WHERE company_id = $1",
        [demo.companyId],
      );
      const byId = new Map(notes.map((n) => [n.id, n]));
      const returnedOnServer = new Map<string, number[]>();
      let localNotes = 0;
      for (const till of tills) {
        const all = await till.store.db.creditNotes.toArray();
        localNotes += all.length;
        for (const note of all) {
          expect(note).toMatchObject({ status: "synced", errors: [] });
          expect(Number(byId.get(note.id)?.revision)).toBe(note.document.revision);
          const sum = returnedOnServer.get(note.invoiceId) ?? [];
          for (const line of note.document.lines)
            sum[line.invoiceLineIndex] = (sum[line.invoiceLineIndex] ?? 0) + line.quantity;
          returnedOnServer.set(note.invoiceId, sum);
        }
        for (const v of await till.store.db.invoiceVoids.toArray()) expect(v.status).toBe("synced");
      }
      // Exactly once: one row per note made on a till (the primary key forbids more), none unknown.
      expect(notes).toHaveLength(localNotes);
      expect(localNotes).toBeGreaterThan(10);
      const invoices = await server.db.query<{ id: string; status: string; returned_quantities: number[] }>(
        "SELECT id, status, returned_quantities FROM invoices WHERE company_id = $1",
        [demo.companyId],
      );
      expect(invoices).toHaveLength(sold.flat().length);
      for (const row of invoices) {
        const expected = returnedOnServer.get(row.id) ?? [];
        const got = row.returned_quantities ?? [];
        for (let i = 0; i < Math.max(expected.length, got.length); i++) expect(got[i] ?? 0).toBe(expected[i] ?? 0);
      }
      expect(invoices.filter((r) => r.status === "voided")).toHaveLength(voids);
      expect(voids).toBeGreaterThan(0);
      for (const [i, till] of tills.entries())
        for (const invoice of sold[i] as LocalInvoice[]) {
          const local = await till.store.getInvoice(invoice.id);
          const row = invoices.find((r) => r.id === invoice.id);
          expect(local?.status).toBe(row?.status === "voided" ? "voided" : "synced");
        }
      console.log(
        `return fault run (seed ${SEED}): ${sold.flat().length} invoices, ${localNotes} credit notes, ${voids} voids, ${faults.stats.calls} calls, faults ${JSON.stringify(faults.stats.byFault)}`,
      );
    } catch (err) {
      console.error(`return fault run FAILED with seed ${SEED}: try again with SYNC_SEED=${SEED}`);
      throw err;
    }
  }, 600_000);
});
