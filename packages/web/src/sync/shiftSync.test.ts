import "fake-indexeddb/auto";
import { startTestServer, type TestServer } from "@mostrador/server/testing/testServer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchServerTransport } from "../api/fetchServerTransport";
import { faultInjectingFetch, seededRandom } from "./testing/faultInjectingFetch";
import { injectFetch } from "./testing/injectFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

// Issue 12: a till opens a shift, sells in it, takes cash out and closes it offline; the sync
// engine uploads the shift's revisions beside the invoices until each one is answered.
describe("cash shifts through the sync engine", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it("open, sell, Retiro, close offline → the shift and its invoices reach the server once, synced here", async () => {
    const demo = await server.newCompany();
    const transport = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    const offline = new FetchServerTransport({
      fetch: async () => {
        throw new TypeError("offline");
      },
    });
    const till = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: demo.cashierEmail, password: demo.password },
      terminalName: "Caja 1",
    });
    const shift = await till.openShift(10_000_000);
    const random = seededRandom(12);
    const sold = [await till.sell(random), await till.sell(random)];
    expect(sold.map((i) => i.document.shiftId)).toEqual([shift.id, shift.id]);
    const first = await till.engine.syncNow();
    expect(first.ok).toBe(true);
    expect(await till.store.getShift(shift.id)).toMatchObject({ status: "synced", serverRevision: 1 });

    await till.store.addCashMovement(shift.id, {
      kind: "out",
      amount: 2_000_000,
      reason: "Retiro",
      by: shift.document.openedBy,
    });
    // Offline: the sale and the closing are written locally, the push fails, nothing is lost.
    const offlineEngine = till.openTab(offline);
    const late = await till.sell(random);
    const closed = await till.closeShift(0);
    expect((await offlineEngine.syncNow()).ok).toBe(false);
    expect(await till.store.getShift(shift.id)).toMatchObject({ status: "pending", shiftStatus: "closed" });
    expect(closed.document.revision).toBe(3);

    const back = await till.engine.syncNow();
    expect(back.ok).toBe(true);
    expect(await till.store.getShift(shift.id)).toMatchObject({ status: "synced", serverRevision: 3 });
    expect((await till.store.getInvoice(late.id))?.status).toBe("synced");
    const rows = await server.db.query<{ status: string; revision: number; counted_cash: string }>(
      "SELECT status, revision, counted_cash FROM shifts WHERE company_id = $1",
      [demo.companyId],
    );
    expect(rows).toEqual([expect.objectContaining({ status: "closed", revision: 3 })]);
    expect(Number(rows[0]?.counted_cash)).toBe(0);
    const revisions = await server.db.query<{ revision: number }>(
      "SELECT revision FROM shift_revisions WHERE company_id = $1 ORDER BY revision",
      [demo.companyId],
    );
    // Like an invoice, only the current revision travels: the Retiro (2) went up inside the closing (3).
    expect(revisions.map((r) => r.revision)).toEqual([1, 3]);
    const invoiceShifts = await server.db.query<{ shift_id: string }>(
      "SELECT shift_id FROM invoices WHERE company_id = $1",
      [demo.companyId],
    );
    expect(invoiceShifts.map((r) => r.shift_id)).toEqual([shift.id, shift.id, shift.id]);
  });

  it("lost answers: the same id and revision is sent again until answered, stored once", async () => {
    const demo = await server.newCompany();
    const clean = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    const faults = faultInjectingFetch(
      injectFetch(() => server.app),
      {
        random: seededRandom(7),
        rate: 1,
        faults: ["dropResponse"],
        applies: (path) => path === "/api/sync/push",
      },
    );
    const till = await startSimulatedTill({
      setupTransport: clean,
      transport: new FetchServerTransport({ fetch: faults.fetch }),
      credentials: { email: demo.cashierEmail, password: demo.password },
      terminalName: "Caja 2",
    });
    const shift = await till.openShift(5_000_000);
    await till.sell(seededRandom(3));
    for (let i = 0; i < 3; i++) expect((await till.engine.syncNow()).ok).toBe(false);
    expect(await till.store.getShift(shift.id)).toMatchObject({ status: "pending", serverRevision: 0 });
    faults.setEnabled(false);
    expect((await till.engine.syncNow()).ok).toBe(true);
    expect(await till.store.getShift(shift.id)).toMatchObject({ status: "synced", serverRevision: 1 });
    const revisions = await server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM shift_revisions WHERE company_id = $1",
      [demo.companyId],
    );
    expect(revisions[0]?.n).toBe(1);
  });

  it("a shift the server rejects ends in error with its reason; the invoices still go", async () => {
    const demo = await server.newCompany();
    const transport = new FetchServerTransport({ fetch: injectFetch(() => server.app) });
    const credentials = { email: demo.cashierEmail, password: demo.password };
    const a = await startSimulatedTill({ setupTransport: transport, transport, credentials, terminalName: "Caja 1" });
    const b = await startSimulatedTill({ setupTransport: transport, transport, credentials, terminalName: "Caja 1" });
    await a.openShift(100);
    expect((await a.engine.syncNow()).ok).toBe(true);
    const second = await b.openShift(100);
    const sale = await b.sell(seededRandom(1));
    expect((await b.engine.syncNow()).ok).toBe(true);
    const rejected = await b.store.getShift(second.id);
    expect(rejected).toMatchObject({ status: "error", errors: [{ code: "SHIFT_ALREADY_OPEN" }] });
    expect((await b.store.getInvoice(sale.id))?.status).toBe("synced");
    expect(await b.store.listShiftsToPush(10)).toEqual([]);
  });
});
