import "fake-indexeddb/auto";
import { shiftDocumentSchema, zReport } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { shiftClosingFigures } from "../shifts/shiftFigures";
import { useTillTestServer } from "../testing/tillTestServer";
import { seededRandom } from "./testing/faultInjectingFetch";
import { startSimulatedTill } from "./testing/simulatedTill";

// Issue 12: "Signing out does not close a shift; another cashier allowed on the terminal may take
// over the open shift (recorded) or close it." Cashier A opens and sells at Caja 1; another
// device of Caja 1 (a new cashier, or the same on a new browser) learns of the shift from the
// pull, takes it over and closes it with the sales of both.
describe("Tomar turno through the sync engine", () => {
  const { server, online, offline } = useTillTestServer();

  async function shiftOnServer(companyId: string) {
    const rows = await server().db.query<Record<string, unknown>>(
      "SELECT s.status, s.device_id, s.revision, s.till_expected_cash, s.counted_cash, r.document FROM shifts s JOIN shift_revisions r ON r.company_id = s.company_id AND r.shift_id = s.id AND r.revision = s.revision WHERE s.company_id = $1",
      [companyId],
    );
    const revisions = await server().db.query<{ revision: number; device_id: string }>(
      "SELECT revision, device_id FROM shift_revisions WHERE company_id = $1 ORDER BY revision",
      [companyId],
    );
    const invoices = await server().db.query<{ device_id: string; shift_id: string }>(
      "SELECT device_id, shift_id FROM invoices WHERE company_id = $1",
      [companyId],
    );
    return { rows, revisions, invoices };
  }

  it("learnt from the pull: taken over, sold in, closed with both cashiers' sales; the old device is refused", async () => {
    const demo = await server().newCompany();
    const transport = online();
    const a = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: demo.cashierEmail, password: demo.password },
      terminalName: "Caja 1",
    });
    const random = seededRandom(21);
    const shift = await a.openShift(10_000_000);
    const soldByA = [await a.sell(random), await a.sell(random)];
    await a.store.addCashMovement(shift.id, { kind: "out", amount: 2_000_000, reason: "Retiro", by: demo.cashierId });
    expect((await a.engine.syncNow()).ok).toBe(true);

    const b = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: demo.adminEmail, password: demo.password },
      terminalName: "Caja 1",
    });
    const seen = await b.store.getMeta("terminalShift");
    expect(seen).toMatchObject({
      document: { id: shift.id, deviceId: a.deviceId, revision: 2 },
      heldBy: demo.cashierId,
      soldElsewhere: { salesCount: 2, salesTotal: soldByA.reduce((s, i) => s + i.document.totals.total, 0) },
    });

    const taken = await b.takeOverShift();
    expect(taken.document).toMatchObject({ id: shift.id, revision: 3, deviceId: b.deviceId });
    expect(taken.document.handovers).toEqual([
      expect.objectContaining({
        by: demo.adminId,
        deviceId: b.deviceId,
        fromDeviceId: a.deviceId,
        fromUserId: demo.cashierId,
      }),
    ]);
    const soldByB = await b.sell(random);
    expect(soldByB.document.shiftId).toBe(shift.id);
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect(await b.store.getShift(shift.id)).toMatchObject({ status: "synced", serverRevision: 3 });

    // A sale A made before signing out reaches the server late: B's next pull adds it.
    soldByA.push(await a.sell(random));
    expect((await a.engine.syncNow()).ok).toBe(true);
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect((await b.store.getShift(shift.id))?.soldElsewhere?.salesCount).toBe(3);

    // The closing expects A's sales (the server's figures) and B's (local), each once.
    const all = [...soldByA, soldByB].map((i) => ({ invoice: i.document }));
    const expectedCash = zReport(shiftDocumentSchema.parse(taken.document), all).expected.find(
      (e) => e.kind === "cash",
    );
    const closed = await b.closeShift(0);
    expect(closed.document.closing?.expected.find((e) => e.kind === "cash")).toEqual(expectedCash);
    // The Cierre de turno printed after the closing still counts A's sales and names A.
    const printed = shiftClosingFigures(closed, await b.store.listShiftInvoices(shift.id));
    expect(printed.report.salesCount).toBe(4);
    expect(printed.report.expected.find((e) => e.kind === "cash")).toEqual(expectedCash);
    expect(closed.openedByName?.length).toBeGreaterThan(0);
    expect((await b.engine.syncNow()).ok).toBe(true);

    const onServer = await shiftOnServer(demo.companyId);
    expect(onServer.rows).toHaveLength(1);
    expect(onServer.rows[0]).toMatchObject({ status: "closed", device_id: b.deviceId, revision: 4 });
    expect(Number(onServer.rows[0]?.till_expected_cash)).toBe(expectedCash?.amount);
    expect((onServer.rows[0]?.document as { handovers?: unknown[] } | undefined)?.handovers).toHaveLength(1);
    expect(onServer.invoices.map((i) => i.device_id).sort()).toEqual(
      [a.deviceId, a.deviceId, a.deviceId, b.deviceId].sort(),
    );
    expect(new Set(onServer.invoices.map((i) => i.shift_id))).toEqual(new Set([shift.id]));
    expect(await b.store.getMeta("terminalShift")).toBeNull();

    // A never signed out and writes on: refused with the reason, nothing stored.
    await a.store.addCashMovement(shift.id, { kind: "in", amount: 100, reason: "Tarde", by: demo.cashierId });
    await a.engine.syncNow();
    expect(await a.store.getShift(shift.id)).toMatchObject({ status: "error", errors: [{ code: "SHIFT_TAKEN_OVER" }] });
    expect((await shiftOnServer(demo.companyId)).revisions.map((r) => r.revision)).toEqual([2, 3, 4]);
  });

  it("offline: taken over, sold in and closed without a connection; synced later exactly once", async () => {
    const demo = await server().newCompany();
    const transport = online();
    const a = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: demo.cashierEmail, password: demo.password },
      terminalName: "Caja 1",
    });
    const random = seededRandom(5);
    const shift = await a.openShift(5_000_000);
    const soldByA = await a.sell(random);
    expect((await a.engine.syncNow()).ok).toBe(true);

    const b = await startSimulatedTill({
      setupTransport: transport,
      transport,
      credentials: { email: demo.cashierEmail, password: demo.password },
      terminalName: "Caja 1",
    });
    const cut = b.openTab(offline());
    const taken = await b.takeOverShift();
    const soldByB = [await b.sell(random), await b.sell(random)];
    const closed = await b.closeShift(0);
    expect((await cut.syncNow()).ok).toBe(false);
    expect(await b.store.getShift(shift.id)).toMatchObject({ status: "pending", shiftStatus: "closed" });
    const expected = zReport(
      taken.document,
      [soldByA, ...soldByB].map((i) => ({ invoice: i.document })),
    ).expected;
    expect(closed.document.closing?.expected).toEqual(expected);

    expect((await b.engine.syncNow()).ok).toBe(true);
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect(await b.store.getShift(shift.id)).toMatchObject({ status: "synced", serverRevision: 3 });
    const onServer = await shiftOnServer(demo.companyId);
    expect(onServer.rows).toEqual([expect.objectContaining({ status: "closed", device_id: b.deviceId, revision: 3 })]);
    // Only the current revision travels: the handover (2) went up inside the closing (3).
    expect(onServer.revisions).toEqual([
      { revision: 1, device_id: a.deviceId },
      { revision: 3, device_id: b.deviceId },
    ]);
    expect(onServer.invoices).toHaveLength(3);
    const detail = await server().db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM shifts WHERE company_id = $1 AND status = 'open'",
      [demo.companyId],
    );
    expect(detail[0]?.n).toBe(0);
  });
});
