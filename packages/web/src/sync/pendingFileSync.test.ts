import "fake-indexeddb/auto";
import { type NewClient, shiftDetailSchema } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { buildPendingFile, buildPendingInvoicesFile, parsePendingInvoicesFile } from "../pending/pendingInvoicesFile";
import { shiftClosingFigures } from "../shifts/shiftFigures";
import type { LocalCreditNote, LocalInvoice } from "../storage/localRecords";
import { noUnsynced } from "../storage/unsyncedRecords";
import { useTillTestServer } from "../testing/tillTestServer";
import { seededRandom } from "./testing/faultInjectingFetch";
import { type SimulatedTill, startSimulatedTill } from "./testing/simulatedTill";

// "Exportar pendientes" → "Importar pendientes" on another device of the terminal, through the real
// server: a revoked Caja 1 closed its shift, made a client, sold to it and took a return offline; the
// device that imports its file uploads all of it once, and a second import (same device, or a third one)
// adds nothing. The server takes another device's credit note or void only once its maker is revoked.
describe("a revoked till's pending file, imported on another device of its terminal", () => {
  const { server, online } = useTillTestServer();
  const openTill = (email: string, password: string) =>
    startSimulatedTill({
      setupTransport: online(),
      transport: online(),
      credentials: { email, password },
      terminalName: "Caja 1",
    });

  const luzMarina = (): NewClient => ({
    id: crypto.randomUUID(),
    name: "Luz Marina Cárdenas",
    idType: "CC",
    idNumber: `52${Math.floor(Math.random() * 1e8)}`,
    email: null,
    phone: null,
    address: null,
    active: true,
  });

  /** A sale to a client made at this till in an earlier sale: its document names the client, without it. */
  async function sellTo(till: SimulatedTill, client: NewClient) {
    const product = (await till.store.listProducts()).find((p) => p.active);
    if (!product) throw new Error("no product");
    return till.store.saveNewInvoice({ ...till.draft([product.id]), clientId: client.id });
  }

  async function onServer(companyId: string) {
    const q = (sql: string) => server().db.query<Record<string, unknown>>(sql, [companyId]);
    return {
      invoices: await q("SELECT id, status, device_id FROM invoices WHERE company_id = $1 ORDER BY id"),
      invoiceRevisions: (await q("SELECT 1 FROM invoice_revisions WHERE company_id = $1")).length,
      clients: (await q("SELECT 1 FROM clients WHERE company_id = $1")).length,
      shifts: await q(
        "SELECT id, status, device_id, revision, counted_cash, handovers FROM shifts WHERE company_id = $1 ORDER BY id",
      ),
      shiftRevisions: (await q("SELECT 1 FROM shift_revisions WHERE company_id = $1")).length,
      creditNotes: await q("SELECT id, device_id FROM credit_notes WHERE company_id = $1 ORDER BY id"),
      // Money given back and voided, as the sales summaries count it: once, whoever uploaded.
      refunds: await q(
        `SELECT coalesce(sum(refunded), 0)::int AS refunded, coalesce(sum(voided), 0)::int AS voided
           FROM sales_payment_summary WHERE company_id = $1`,
      ),
      // Stock back with returns and voids (tracked products only): one movement per document line.
      stockBack: await q(
        `SELECT document_id, line_index, count(*)::int AS n FROM stock_movements
          WHERE company_id = $1 AND kind IN ('return', 'void') GROUP BY document_id, line_index ORDER BY 1, 2`,
      ),
    };
  }

  /**
   * The stock movements back that these document lines make: one per line on a tracked product. The tills
   * pick products at random from the catalog (its order follows ids made at each run), so the count is
   * asked of the server rather than assumed.
   */
  async function trackedLines(companyId: string, productIds: readonly string[]): Promise<number> {
    const rows = await server().db.query<{ id: string }>(
      "SELECT id FROM products WHERE company_id = $1 AND track_stock AND id = ANY($2::uuid[])",
      [companyId, [...productIds]],
    );
    const tracked = new Set(rows.map((r) => String(r.id)));
    return productIds.filter((id) => tracked.has(id)).length;
  }
  const returnedProducts = (invoice: LocalInvoice, note: LocalCreditNote) =>
    note.document.lines.map((l) => invoice.document.lines[l.invoiceLineIndex]?.productId ?? "");

  /** What «Revocar» in «Dispositivos» writes (deviceRoutes); the tills here never see a cached token of it. */
  async function revokeDevice(companyId: string, deviceId: string) {
    await server().db.query("UPDATE devices SET active = false, revoked_at = now() WHERE company_id = $1 AND id = $2", [
      companyId,
      deviceId,
    ]);
  }

  it("uploads the invoices, the client they name, the closed shift and the return once", async () => {
    const demo = await server().newCompany();
    const a = await openTill(demo.cashierEmail, demo.password);
    const random = seededRandom(17);
    const returnable = await a.sell(random);
    expect((await a.engine.syncNow()).ok).toBe(true);

    // Offline from here on; then an admin revokes the device.
    const client = luzMarina();
    await a.store.tillClients.saveClient(client);
    const shift = await a.openShift(10_000_000);
    const sold = [await a.sell(random), await sellTo(a, client)];
    await a.store.addCashMovement(shift.id, { kind: "out", amount: 1_000_000, reason: "Retiro", by: demo.cashierId });
    const note = await a.returnOne(returnable.id, random);
    const closed = await a.closeShift(9_000_000);
    await server().db.query("UPDATE devices SET active = false, revoked_at = now() WHERE company_id = $1 AND id = $2", [
      demo.companyId,
      a.deviceId,
    ]);
    const origin = { companyId: demo.companyId, deviceId: a.deviceId, terminalId: demo.terminals.caja1 };
    const file = JSON.stringify(buildPendingFile(await a.store.listUnsyncedRecords(), origin));

    const b = await openTill(demo.adminEmail, demo.password);
    const imported = await b.store.importPendingFile(parsePendingInvoicesFile(file));
    expect(imported).toMatchObject({
      invoices: { imported: 2 },
      clients: { imported: 1 },
      shifts: { imported: 1 },
      creditNotes: { imported: 1 },
    });
    expect(imported.refused).toEqual([]);
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect(await b.store.countUnsynced()).toEqual(noUnsynced);

    const after = await onServer(demo.companyId);
    const byId = new Map(after.invoices.map((i) => [String(i.id), i]));
    for (const invoice of sold)
      expect(byId.get(invoice.id)).toMatchObject({ status: "accepted", device_id: a.deviceId });
    expect(after.invoices).toHaveLength(3);
    expect(after.shifts).toEqual([
      expect.objectContaining({
        id: shift.id,
        status: "closed",
        device_id: b.deviceId,
        revision: closed.document.revision + 1,
      }),
    ]);
    expect(Number(after.shifts[0]?.counted_cash)).toBe(9_000_000);
    expect(after.shifts[0]?.handovers).toEqual([
      expect.objectContaining({ fromDeviceId: a.deviceId, deviceId: b.deviceId, by: demo.adminId }),
    ]);
    // The return of an invoice Caja 1 had synced before: taken from B as Caja 1's, refunded and its stock back once.
    expect(after.creditNotes).toEqual([{ id: note?.id, device_id: a.deviceId }]);
    expect(after.refunds).toEqual([{ refunded: note?.total, voided: 0 }]);
    if (!note) throw new Error("nothing to return");
    expect(after.stockBack).toHaveLength(await trackedLines(demo.companyId, returnedProducts(returnable, note)));
    expect(after.stockBack.every((m) => m.n === 1)).toBe(true);

    // The same file again on the same device, then on a third device of the terminal: nothing changes on the server.
    const twice = await b.store.importPendingFile(parsePendingInvoicesFile(file));
    expect(twice).toMatchObject({ invoices: { imported: 0 }, clients: { imported: 0 }, shifts: { imported: 0 } });
    expect((await b.engine.syncNow()).ok).toBe(true);
    const c = await openTill(demo.cashierEmail, demo.password);
    expect((await c.store.importPendingFile(parsePendingInvoicesFile(file))).invoices.imported).toBe(2);
    expect((await c.engine.syncNow()).ok).toBe(true);
    expect(await onServer(demo.companyId)).toEqual(after);
    // Its invoices and client were answered as duplicates; the shift, taken over by B first, is refused with the reason.
    expect((await c.store.countUnsynced()).invoices).toEqual({ pending: 0, error: 0 });
    expect((await c.store.countUnsynced()).creditNotes).toEqual({ pending: 0, error: 0 });
    expect((await c.store.getShift(shift.id))?.errors.map((e) => e.code)).toEqual(["SHIFT_HANDOVER_STALE"]);
  }, 120_000);

  it("an offline sale and its return on a revoked Caja 1: another Caja 1 device uploads the invoice, then the note, once", async () => {
    const demo = await server().newCompany();
    const a = await openTill(demo.cashierEmail, demo.password);
    expect((await a.engine.syncNow()).ok).toBe(true);
    const random = seededRandom(31);
    // Offline: a sale and a return of it, neither on the server; then an admin revokes the device.
    const sale = await a.sell(random);
    const note = await a.returnOne(sale.id, random);
    if (!note) throw new Error("nothing to return");
    await revokeDevice(demo.companyId, a.deviceId);
    const origin = { companyId: demo.companyId, deviceId: a.deviceId, terminalId: demo.terminals.caja1 };
    const file = JSON.stringify(buildPendingFile(await a.store.listUnsyncedRecords(), origin));

    const b = await openTill(demo.adminEmail, demo.password);
    const imported = await b.store.importPendingFile(parsePendingInvoicesFile(file));
    expect(imported).toMatchObject({ invoices: { imported: 1 }, creditNotes: { imported: 1 }, refused: [] });
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect(await b.store.countUnsynced()).toEqual(noUnsynced);
    expect((await b.store.returns.getCreditNote(note.id))?.status).toBe("synced");
    const after = await onServer(demo.companyId);
    expect(after.invoices).toEqual([{ id: sale.id, status: "accepted", device_id: a.deviceId }]);
    expect(after.creditNotes).toEqual([{ id: note.id, device_id: a.deviceId }]);
    expect(after.refunds).toEqual([{ refunded: note.total, voided: 0 }]);
    expect(after.stockBack.every((m) => m.n === 1)).toBe(true);

    // The file imported again on a third device: duplicates only, nothing moves on the server.
    const c = await openTill(demo.cashierEmail, demo.password);
    await c.store.importPendingFile(parsePendingInvoicesFile(file));
    expect((await c.engine.syncNow()).ok).toBe(true);
    expect(await c.store.countUnsynced()).toEqual(noUnsynced);
    expect(await onServer(demo.companyId)).toEqual(after);
  }, 120_000);

  it("while the maker is active its return and void show in error with what to do; after its revocation «Sincronizar de nuevo» uploads them", async () => {
    const demo = await server().newCompany();
    const a = await openTill(demo.adminEmail, demo.password);
    const random = seededRandom(37);
    const returnable = await a.sell(random);
    const voidable = await a.sell(random);
    expect((await a.engine.syncNow()).ok).toBe(true);
    // Offline: a return and a void; the file is exported while Caja 1's device is still active.
    const note = await a.returnOne(returnable.id, random);
    if (!note) throw new Error("nothing to return");
    const voided = await a.voidInvoice(voidable.id, "admin");
    const origin = { companyId: demo.companyId, deviceId: a.deviceId, terminalId: demo.terminals.caja1 };
    const file = JSON.stringify(buildPendingFile(await a.store.listUnsyncedRecords(), origin));

    const b = await openTill(demo.cashierEmail, demo.password);
    expect(await b.store.importPendingFile(parsePendingInvoicesFile(file))).toMatchObject({
      creditNotes: { imported: 1 },
      voids: { imported: 1 },
    });
    await b.engine.syncNow();
    const refusedNote = await b.store.returns.getCreditNote(note.id);
    expect(refusedNote?.status).toBe("error");
    expect(refusedNote?.errors.map((e) => e.code)).toEqual(["DEVICE_MISMATCH"]);
    expect(refusedNote?.errors[0]?.messageEs).toContain("un administrador la revoca en «Dispositivos»");
    const [refusedVoid] = await b.store.returns.listInvoiceVoids(voidable.id);
    expect(refusedVoid).toMatchObject({ status: "error", errors: [{ code: "DEVICE_MISMATCH" }] });
    expect((await onServer(demo.companyId)).creditNotes).toEqual([]);

    // An admin revokes Caja 1's device; «Sincronizar de nuevo» sends the same revision and the same void.
    await revokeDevice(demo.companyId, a.deviceId);
    await b.store.returns.resendCreditNote(note.id);
    await b.store.returns.resendVoid(voided.id);
    expect((await b.engine.syncNow()).ok).toBe(true);
    expect(await b.store.countUnsynced()).toEqual(noUnsynced);
    expect((await b.store.returns.getCreditNote(note.id))?.document).toEqual(note.document);
    const after = await onServer(demo.companyId);
    expect(after.creditNotes).toEqual([{ id: note.id, device_id: a.deviceId }]);
    expect(after.invoices.find((i) => i.id === voidable.id)?.status).toBe("voided");
    expect(after.refunds).toEqual([{ refunded: note.total, voided: voidable.total }]);
    expect(after.stockBack).toHaveLength(
      await trackedLines(demo.companyId, [
        ...returnedProducts(returnable, note),
        ...voidable.document.lines.map((l) => l.productId),
      ]),
    );
    expect(after.stockBack.every((m) => m.n === 1)).toBe(true);
  }, 120_000);

  it("an open shift is taken over by the importing device; its closing counts every sale of the shift once", async () => {
    const demo = await server().newCompany();
    const a = await openTill(demo.cashierEmail, demo.password);
    const random = seededRandom(23);
    const shift = await a.openShift(5_000_000);
    await a.sell(random);
    await a.sell(random);
    expect((await a.engine.syncNow()).ok).toBe(true);
    // Offline: one more sale and a withdrawal, then the device is revoked.
    await a.sell(random);
    await a.store.addCashMovement(shift.id, { kind: "out", amount: 500_000, reason: "Retiro", by: demo.cashierId });
    const origin = { companyId: demo.companyId, deviceId: a.deviceId, terminalId: demo.terminals.caja1 };
    const file = JSON.stringify(buildPendingFile(await a.store.listUnsyncedRecords(), origin));

    const b = await openTill(demo.adminEmail, demo.password);
    expect((await b.store.importPendingFile(parsePendingInvoicesFile(file))).shifts.imported).toBe(1);
    expect(await b.store.getOpenShift(demo.terminals.caja1)).toMatchObject({
      id: shift.id,
      soldElsewhere: { salesCount: 2 },
    });
    expect((await b.engine.syncNow()).ok).toBe(true);
    // The sale screen sells in the till's open shift, now this one (the simulated till only knows shifts it opened).
    const product = (await b.store.listProducts()).find((p) => p.active);
    await b.store.saveNewInvoice({ ...b.draft([product?.id ?? ""]), shiftId: shift.id });
    // «Cerrar turno»: the expected amounts are the closing screen's figures.
    const held = await b.store.getShift(shift.id);
    if (!held) throw new Error("the imported shift is not here");
    const figures = shiftClosingFigures(held, await b.store.listShiftInvoices(shift.id));
    const closed = await b.store.closeShift(shift.id, {
      closedBy: demo.adminId,
      counted: figures.report.expected,
      expected: figures.report.expected,
    });
    expect((await b.engine.syncNow()).ok).toBe(true);
    const { token } = await online().login({ email: demo.adminEmail, password: demo.password });
    const detail = await online().send(shiftDetailSchema, "shift", "GET", `/api/shifts/${shift.id}`, { token });
    expect(detail.report.salesCount).toBe(4);
    expect(detail.report.cashOut).toBe(500_000);
    // What the till expected at the closing is what the server computes from the same four sales.
    expect(closed.document.closing?.expected).toEqual(detail.report.expected);
    expect(closed.document.closing?.expected.find((e) => e.kind === "cash")?.amount).toBe(detail.serverExpectedCash);
  }, 120_000);

  it("a file of invoices only (version 1) leaves the client behind: the sale naming it is refused", async () => {
    const demo = await server().newCompany();
    const a = await openTill(demo.cashierEmail, demo.password);
    expect((await a.engine.syncNow()).ok).toBe(true);
    const client = luzMarina();
    await a.store.tillClients.saveClient(client);
    const sale = await sellTo(a, client);
    const origin = { companyId: demo.companyId, deviceId: a.deviceId, terminalId: demo.terminals.caja1 };
    const old = JSON.stringify({
      ...buildPendingInvoicesFile(await a.store.listUnsyncedInvoices(), origin),
      version: 1,
    });
    const b = await openTill(demo.adminEmail, demo.password);
    await b.store.importPendingFile(parsePendingInvoicesFile(old));
    await b.engine.syncNow();
    expect((await b.store.getInvoice(sale.id))?.errors.map((e) => e.code)).toContain("CLIENT_NOT_FOUND");
  }, 120_000);
});
