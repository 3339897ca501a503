import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import type { DeviceIdentity, SessionUser } from "../storage/localRecords";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { buildNewClient, sampleDraft } from "../testing/sampleInvoices";
import { returnOf, sellAndSync } from "../testing/syncedSale";
import { buildPendingFile, checkFileCompany, PendingFileError, parsePendingInvoicesFile } from "./pendingInvoicesFile";

// "Exportar pendientes" carries every record the sign-out check counts (invoices, credit notes, voids,
// shift revisions, clients made here), and "Importar pendientes" writes them into another device's store
// so that its own sync uploads them; the server decides on another device's credit notes and voids.

const stores: DexieLocalStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const otherDevice: DeviceIdentity = { ...demo.device, deviceId: demo.fixtureId(92) };
const otherCashier: SessionUser = { ...demo.cashier, id: demo.fixtureId(82), name: "Cajera Nueva" };

async function till(device: DeviceIdentity, user: SessionUser): Promise<DexieLocalStore> {
  const store = openTestStore();
  stores.push(store);
  await store.applyPullPage(demo.returnsCatalogPage());
  await store.setMeta("device", device);
  await store.setMeta("session", { token: "t", user, company: demo.company, loggedInAt: new Date().toISOString() });
  return store;
}

const luzMarina = buildNewClient({ id: demo.fixtureId(4242), name: "Luz Marina Cárdenas" });

/** Caja 1 on the first device with one unsynced record of every kind (the shift closed offline). */
async function revokedTill() {
  const store = await till(demo.device, demo.cashier);
  const returned = await sellAndSync(store);
  const voided = await sellAndSync(store);
  await store.tillClients.saveClient(luzMarina);
  const shift = await store.openShift({
    terminalId: demo.caja1.id,
    deviceId: demo.device.deviceId,
    openedBy: demo.cashier.id,
    openingFloat: 10_000_000,
  });
  const sale = await store.saveNewInvoice(sampleDraft());
  await store.addCashMovement(shift.id, { kind: "out", amount: 50_000, reason: "Retiro", by: demo.cashier.id });
  await store.closeShift(shift.id, {
    closedBy: demo.cashier.id,
    counted: [{ kind: "cash", amount: 9_950_000 }],
    expected: [{ kind: "cash", amount: 9_950_000 }],
  });
  const note = await returnOf(store, returned);
  const voidRecord = await store.returns.voidInvoice({
    invoiceId: voided.id,
    deviceId: demo.device.deviceId,
    voidedBy: demo.cashier.id,
    role: "admin",
    reason: "Registrada por error",
  });
  const file = buildPendingFile(await store.listUnsyncedRecords(), {
    companyId: demo.company.id,
    deviceId: demo.device.deviceId,
    terminalId: demo.caja1.id,
  });
  return { store, shift, sale, note, voidRecord, text: JSON.stringify(file) };
}

describe("the pending file carries every unsynced kind", () => {
  it("exports invoices, credit notes, voids, shift revisions and clients exactly as the push uploads them", async () => {
    const { store, text } = await revokedTill();
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: "mostrador.pending-invoices", version: 2 });
    expect(file.invoices).toEqual((await store.listInvoicesToPushPage(100)).documents);
    expect(file.creditNotes).toEqual(await store.returns.listCreditNotesToPush(100));
    expect(file.voids).toEqual(await store.returns.listVoidsToPush(100));
    expect(file.shifts).toEqual(await store.listShiftsToPush(100));
    expect(file.clients).toEqual(await store.tillClients.listClientsToPush(100));
    expect(await store.countUnsynced()).toEqual({
      invoices: { pending: 1, error: 0 },
      creditNotes: { pending: 1, error: 0 },
      voids: { pending: 1, error: 0 },
      shifts: { pending: 1, error: 0 },
      clients: 1,
    });
  });

  it("another device of the terminal takes the clients, invoices, the closed shift (as a handover), returns and voids", async () => {
    const { shift, sale, note, voidRecord, text } = await revokedTill();
    const target = await till(otherDevice, otherCashier);
    const result = await target.importPendingFile(parsePendingInvoicesFile(text));
    expect(result).toMatchObject({
      invoices: { imported: 1, alreadyPresent: 0, invalid: 0 },
      clients: { imported: 1, alreadyPresent: 0, invalid: 0 },
      shifts: { imported: 1, alreadyPresent: 0, invalid: 0 },
      creditNotes: { imported: 1, alreadyPresent: 0, invalid: 0 },
      voids: { imported: 1, alreadyPresent: 0, invalid: 0 },
    });
    expect(result.refused).toEqual([]);
    // Its normal push sends them: the client first, the invoice as made on the first device.
    expect(await target.tillClients.listClientsToPush(10)).toEqual([luzMarina]);
    expect((await target.listInvoicesToPushPage(10)).documents).toEqual([sale.document]);
    expect((await target.db.clients.get(luzMarina.id))?.name).toBe("Luz Marina Cárdenas");
    const [pushed] = await target.listShiftsToPush(10);
    const original = JSON.parse(text).shifts[0];
    expect(pushed).toEqual({
      ...original,
      revision: original.revision + 1,
      deviceId: otherDevice.deviceId,
      handovers: [
        {
          at: expect.any(String),
          by: otherCashier.id,
          deviceId: otherDevice.deviceId,
          fromDeviceId: demo.device.deviceId,
          fromUserId: demo.cashier.id,
        },
      ],
    });
    expect(pushed?.closing?.counted).toEqual([{ kind: "cash", amount: 9_950_000 }]);
    expect(pushed?.id).toBe(shift.id);
    // Pending as the first device made them (its device id): the server takes them from here once
    // that device is revoked. The note's invoice was synced there, never here: the note does not wait for it.
    expect(await target.returns.listCreditNotesToPush(10, { invoiceOnServer: true })).toEqual([note.document]);
    expect(await target.returns.listVoidsToPush(10)).toEqual([voidRecord.document]);
  });

  it("importing the same file twice writes nothing the second time", async () => {
    const { text } = await revokedTill();
    const target = await till(otherDevice, otherCashier);
    await target.importPendingFile(parsePendingInvoicesFile(text));
    const before = await target.listUnsyncedRecords();
    const again = await target.importPendingFile(parsePendingInvoicesFile(text));
    expect(again).toMatchObject({
      invoices: { imported: 0, alreadyPresent: 1 },
      clients: { imported: 0, alreadyPresent: 1 },
      shifts: { imported: 0, alreadyPresent: 1 },
    });
    expect(again).toMatchObject({
      creditNotes: { imported: 0, alreadyPresent: 1 },
      voids: { imported: 0, alreadyPresent: 1 },
    });
    expect(again.refused).toEqual([]);
    expect(await target.listUnsyncedRecords()).toEqual(before);
  });

  it("the device that made them takes its own credit notes and voids back (the invoice shows «Anulada»)", async () => {
    const source = await revokedTill();
    const target = await till(demo.device, demo.cashier);
    const result = await target.importPendingFile(parsePendingInvoicesFile(source.text));
    expect(result.refused).toEqual([]);
    expect(result.creditNotes.imported).toBe(1);
    expect(result.voids.imported).toBe(1);
    expect(await target.returns.listCreditNotesToPush(10)).toEqual([source.note.document]);
    expect(await target.returns.listVoidsToPush(10)).toEqual([source.voidRecord.document]);
    // Its own shift comes back unchanged: no handover to itself.
    expect(await target.listShiftsToPush(10)).toEqual(JSON.parse(source.text).shifts);
  });

  it("a shift of another terminal, or an open one while this device holds another, stays in the file", async () => {
    const source = await till(demo.device, demo.cashier);
    const open = await source.openShift({
      terminalId: demo.caja1.id,
      deviceId: demo.device.deviceId,
      openedBy: demo.cashier.id,
      openingFloat: 0,
    });
    const origin = { companyId: demo.company.id, deviceId: demo.device.deviceId, terminalId: demo.caja1.id };
    const text = JSON.stringify(buildPendingFile(await source.listUnsyncedRecords(), origin));
    const elsewhere = await till({ ...otherDevice, terminalId: demo.caja3.id }, otherCashier);
    expect((await elsewhere.importPendingFile(parsePendingInvoicesFile(text))).refused).toEqual([
      { kind: "shift", id: open.id, reason: "OTHER_TERMINAL", label: "Caja 1" },
    ]);
    const busy = await till(otherDevice, otherCashier);
    await busy.openShift({
      terminalId: demo.caja1.id,
      deviceId: otherDevice.deviceId,
      openedBy: otherCashier.id,
      openingFloat: 0,
    });
    expect((await busy.importPendingFile(parsePendingInvoicesFile(text))).refused).toEqual([
      { kind: "shift", id: open.id, reason: "SHIFT_OPEN_HERE", label: "Caja 1" },
    ]);
    expect(await elsewhere.db.shifts.count()).toBe(0);
    expect(await busy.db.shifts.count()).toBe(1);
    // A device of the terminal without a shift holds it from now on (the shift gate finds it open here).
    const free = await till(otherDevice, otherCashier);
    expect((await free.importPendingFile(parsePendingInvoicesFile(text))).shifts.imported).toBe(1);
    expect(await free.getOpenShift(demo.caja1.id)).toMatchObject({
      id: open.id,
      document: { deviceId: otherDevice.deviceId, revision: 2 },
      soldElsewhere: { salesCount: 0 },
    });
  });
});

describe("files of the first version and bad files", () => {
  it("a version-1 file (invoices only) still imports", async () => {
    const source = await till(demo.device, demo.cashier);
    const sale = await source.saveNewInvoice(sampleDraft());
    const v1 = JSON.stringify({
      format: "mostrador.pending-invoices",
      version: 1,
      exportedAt: new Date().toISOString(),
      companyId: demo.company.id,
      deviceId: demo.device.deviceId,
      terminalId: demo.caja1.id,
      invoices: [sale.document],
    });
    const parsed = parsePendingInvoicesFile(v1);
    expect(parsed).toMatchObject({ version: 1, creditNotes: [], voids: [], shifts: [], clients: [] });
    const target = await till(otherDevice, otherCashier);
    const result = await target.importPendingFile(parsed);
    expect(result.invoices).toEqual({ imported: 1, alreadyPresent: 0, invalid: 0 });
    expect(result.refused).toEqual([]);
    expect((await target.listInvoicesToPushPage(10)).documents).toEqual([sale.document]);
  });

  it("a file that is not an export, is newer, has a section that is not a list or is of another company is refused whole", () => {
    const v2 = (extra: object) =>
      JSON.stringify({
        format: "mostrador.pending-invoices",
        version: 2,
        invoices: [],
        creditNotes: [],
        voids: [],
        shifts: [],
        clients: [],
        ...extra,
      });
    const codeOf = (text: string) => {
      try {
        parsePendingInvoicesFile(text);
      } catch (error) {
        return error instanceof PendingFileError ? error.code : String(error);
      }
      return "parsed";
    };
    expect(codeOf("{")).toBe("NOT_JSON");
    expect(codeOf("null")).toBe("NOT_A_PENDING_FILE");
    expect(codeOf(v2({ format: "otro" }))).toBe("NOT_A_PENDING_FILE");
    expect(codeOf(v2({ version: 3 }))).toBe("NEWER_VERSION");
    expect(codeOf(v2({ shifts: "x" }))).toBe("NOT_A_PENDING_FILE");
    // From version 2 on, a missing section is a damaged file, not "nothing of that kind".
    expect(codeOf(JSON.stringify({ ...JSON.parse(v2({})), clients: undefined }))).toBe("NOT_A_PENDING_FILE");
    expect(codeOf(v2({}))).toBe("parsed");
    const parsed = parsePendingInvoicesFile(v2({ companyId: demo.fixtureId(2) }));
    expect(() => checkFileCompany(parsed, demo.company.id)).toThrow(expect.objectContaining({ code: "OTHER_COMPANY" }));
    expect(() => checkFileCompany(parsed, null)).not.toThrow();
  });

  it("records that do not pass their schema are counted as not valid; the rest is imported", async () => {
    const { text } = await revokedTill();
    const file = JSON.parse(text);
    file.shifts.push({ id: "not-a-shift" });
    file.clients.push({ ...luzMarina, idNumber: "x" });
    file.creditNotes.push(42);
    const target = await till(otherDevice, otherCashier);
    const result = await target.importPendingFile(parsePendingInvoicesFile(JSON.stringify(file)));
    expect(result).toMatchObject({
      shifts: { imported: 1, invalid: 1 },
      clients: { imported: 1, invalid: 1 },
      creditNotes: { imported: 1, invalid: 1 },
      invoices: { imported: 1, invalid: 0 },
    });
  });
});
