import "fake-indexeddb/auto";
import type { ShiftPushResult, ShiftSummary } from "@mostrador/domain";
import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import type { DexieLocalStore } from "./dexieLocalStore";
import { LocalDatabase } from "./localDatabase";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

const TERMINAL = "0190a000-0000-7000-8000-0000000000a1";
const DEVICE = "0190a000-0000-7000-8000-0000000000d1";
const USER = "0190a000-0000-7000-8000-0000000000c1";

let store: DexieLocalStore;
afterEach(() => store?.close());

const open = (s: DexieLocalStore, openingFloat = 10_000_000) =>
  s.openShift({ terminalId: TERMINAL, deviceId: DEVICE, openedBy: USER, openingFloat, note: "Mañana" });

function summary(id: string, revision: number, version = 7): ShiftSummary {
  return {
    id,
    revision,
    status: "open",
    terminalId: TERMINAL,
    deviceId: DEVICE,
    openedBy: USER,
    openedAt: new Date().toISOString(),
    openingFloat: 10_000_000,
    closedAt: null,
    closedBy: null,
    tillExpectedCash: null,
    countedCash: null,
    receivedAt: new Date().toISOString(),
    version,
  };
}

async function errorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof LocalStoreError ? e.code : String(e);
  }
  return undefined;
}

describe("the till's cash shifts", () => {
  it("opens one shift per terminal, pending, readable as the terminal's open shift", async () => {
    store = openTestStore();
    const shift = await open(store);
    expect(shift).toMatchObject({ status: "pending", shiftStatus: "open", serverRevision: 0 });
    expect(shift.document).toMatchObject({ revision: 1, openingFloat: 10_000_000, note: "Mañana", movements: [] });
    expect((await store.getOpenShift(TERMINAL))?.id).toBe(shift.id);
    expect(await store.getOpenShift("0190a000-0000-7000-8000-0000000000a2")).toBeUndefined();
    expect(await errorCode(open(store))).toBe("SHIFT_ALREADY_OPEN");
    expect(await store.db.shifts.count()).toBe(1);
  });

  it("each movement and the closing are new revisions; a closed shift takes no more", async () => {
    store = openTestStore();
    const shift = await open(store);
    const moved = await store.addCashMovement(shift.id, {
      kind: "out",
      amount: 2_000_000,
      reason: " Pago a proveedor ",
      by: USER,
    });
    expect(moved.document.revision).toBe(2);
    expect(moved.document.movements).toMatchObject([{ kind: "out", amount: 2_000_000, reason: "Pago a proveedor" }]);
    expect(await errorCode(store.addCashMovement(shift.id, { kind: "in", amount: 0, reason: "x", by: USER }))).toBe(
      "INVALID_SHIFT",
    );
    const closed = await store.closeShift(shift.id, {
      closedBy: USER,
      counted: [{ kind: "cash", amount: 7_500_000 }],
      expected: [{ kind: "cash", amount: 8_000_000 }],
    });
    expect(closed).toMatchObject({ status: "pending", shiftStatus: "closed" });
    expect(closed.document).toMatchObject({ revision: 3, status: "closed" });
    expect(closed.document.closing?.counted).toEqual([{ kind: "cash", amount: 7_500_000 }]);
    expect(await store.getOpenShift(TERMINAL)).toBeUndefined();
    expect(await errorCode(store.addCashMovement(shift.id, { kind: "in", amount: 5, reason: "x", by: USER }))).toBe(
      "SHIFT_NOT_OPEN",
    );
    expect(await errorCode(store.closeShift("nope", { closedBy: USER, counted: [], expected: [] }))).toBe("NOT_FOUND");
    expect((await open(store)).document.revision).toBe(1); // a new shift after the closing
  });

  it("push results: accepted → synced, rejected → error with its reasons, retry and older answers → pending", async () => {
    store = openTestStore();
    const a = await open(store);
    await store.closeShift(a.id, { closedBy: USER, counted: [], expected: [] });
    const b = await store.openShift({
      terminalId: "0190a000-0000-7000-8000-0000000000a2",
      deviceId: DEVICE,
      openedBy: USER,
      openingFloat: 0,
    });
    const c = await store.openShift({
      terminalId: "0190a000-0000-7000-8000-0000000000a3",
      deviceId: DEVICE,
      openedBy: USER,
      openingFloat: 0,
    });
    expect((await store.listShiftsToPush(10)).map((d) => [d.id, d.revision])).toEqual([
      [a.id, 2],
      [b.id, 1],
      [c.id, 1],
    ]);
    const results: ShiftPushResult[] = [
      { outcome: "accepted", id: a.id, revision: 1, duplicate: false, shift: summary(a.id, 1) },
      { outcome: "rejected", id: b.id, revision: 1, errors: [rejection()] },
      { outcome: "retry", id: c.id, revision: 1, reason: "busy" },
    ];
    expect(await store.applyShiftPushResults(results)).toEqual({ synced: 0, rejected: 1, retry: 1, ignored: 1 });
    expect(await store.getShift(a.id)).toMatchObject({ status: "pending", serverRevision: 1 });
    expect(await store.getShift(b.id)).toMatchObject({ status: "error", errors: [{ code: "SHIFT_ALREADY_OPEN" }] });
    expect(await store.getShift(c.id)).toMatchObject({ status: "pending", serverRevision: 0 });
    expect((await store.listShiftsToPush(10)).map((d) => [d.id, d.revision])).toEqual([
      [a.id, 2],
      [c.id, 1],
    ]);
    await store.applyShiftPushResults([
      { outcome: "accepted", id: a.id, revision: 2, duplicate: true, shift: summary(a.id, 2, 9) },
    ]);
    expect(await store.getShift(a.id)).toMatchObject({ status: "synced", serverRevision: 2, serverVersion: 9 });
    // The sign-out keeps the data while a shift is unsent or in error.
    expect(await store.clearAllIfSynced()).toBe(false);
  });

  it("the pull marks answered revisions synced and never touches a newer local revision", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const shift = await open(store);
    const page = (revision: number, version: number) =>
      demo.pullPage([{ entity: "shifts", id: shift.id, version, data: summary(shift.id, revision, version) }], {
        cursor: 0,
        invoiceCursor: version,
      });
    await store.addCashMovement(shift.id, { kind: "in", amount: 100, reason: "Sencillo", by: USER });
    const kept = await store.applyPullPage(page(1, 3));
    expect(kept.keptLocalShifts).toEqual([shift.id]);
    expect(await store.getShift(shift.id)).toMatchObject({ status: "pending", serverRevision: 0 });
    await store.applyPullPage(page(2, 4));
    expect(await store.getShift(shift.id)).toMatchObject({ status: "synced", serverRevision: 2, serverVersion: 4 });
    expect((await store.getCursors()).invoiceCursor).toBe(4);
    // A shift this till does not hold cannot be rebuilt from a summary: skipped.
    const other = "0190a000-0000-7000-8000-00000000ffff";
    await store.applyPullPage(
      demo.pullPage([{ entity: "shifts", id: other, version: 5, data: summary(other, 1, 5) }], {
        cursor: 0,
        invoiceCursor: 5,
      }),
    );
    expect(await store.getShift(other)).toBeUndefined();
  });

  it("upgrades a version 3 database: its rows stay and the shifts table is there", async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({ meta: "key", products: "id", invoices: "id, status, issuedAt" });
    await v3.table("meta").put({ key: "invoiceCursor", value: 9 });
    v3.close();
    const db = new LocalDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(4);
    expect((await db.meta.get("invoiceCursor"))?.value).toBe(9);
    expect(await db.shifts.count()).toBe(0);
    expect(await db.creditNotes.count()).toBe(0);
    db.close();
  });
});

function rejection() {
  return { code: "SHIFT_ALREADY_OPEN" as const, message: "open", messageEs: "abierto" };
}
