import { uuidv7 } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { countRows, newShop, openTill, schemaHeader } from "./support/company";
import type { Json } from "./support/http";
import { at, cashSale, closed, openShift, pushShiftsTo, shiftDetail, withMovement } from "./support/shifts";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const pushShifts = (till: Parameters<typeof pushShiftsTo>[1], shifts: unknown[], invoices: unknown[] = []) =>
  pushShiftsTo(server, till, shifts, invoices);
const detail = shiftDetail;

describe("shifts in POST /api/sync/push: exactly once, every revision kept", () => {
  it("open → Retiro → Ingreso → close over several batches with retries and copies → one shift, four revisions", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const r2 = withMovement(shop, r1, "out", 2_000_000, "Pago a proveedor");
    const r3 = withMovement(shop, r2, "in", 500_000, "Cambio");
    const r4 = closed(shop, r3, [], 8_500_000);

    const first = await pushShifts(till, [r1, r1]);
    expect(first.shiftResults.map((r) => [r.outcome, r.duplicate])).toEqual([
      ["accepted", false],
      ["accepted", false],
    ]);
    expect(first.shiftResults[0].shift).toMatchObject({ id: r1.id, status: "open", openingFloat: 10_000_000 });
    // The answer was lost: the till sends revision 1 again with revision 2.
    const second = await pushShifts(till, [r1, r2]);
    expect(second.shiftResults.map((r) => [r.outcome, r.revision, r.duplicate])).toEqual([
      ["accepted", 1, true],
      ["accepted", 2, false],
    ]);
    const third = await pushShifts(till, [r4, r3, r2]);
    expect(third.shiftResults.map((r) => [r.outcome, r.revision, r.duplicate])).toEqual([
      ["accepted", 4, false],
      ["accepted", 3, false],
      ["accepted", 2, true],
    ]);
    // A revision arriving after a newer one is kept in the history; the shift stays at the newest.
    expect(third.shiftResults[1].shift).toMatchObject({ revision: 4, status: "closed" });
    await pushShifts(till, [r4]);

    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(1);
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(4);
    const d = await detail(shop, r1.id);
    expect(d.revisions.map((r: Json) => r.revision)).toEqual([1, 2, 3, 4]);
    expect(d).toMatchObject({ status: "closed", revision: 4, tillExpectedCash: 8_500_000, countedCash: 8_500_000 });
    expect(d.report).toMatchObject({ cashIn: 500_000, cashOut: 2_000_000, openingFloat: 10_000_000 });
    expect(d.serverExpectedCash).toBe(8_500_000);
    expect(d.serverDifference).toBe(0);
  });

  it("other content under a stored revision → REVISION_CONFLICT, the stored one stays", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    await pushShifts(till, [r1]);
    const { shiftResults } = await pushShifts(till, [{ ...r1, note: "otra nota" }]);
    expect(shiftResults[0]).toMatchObject({ outcome: "rejected", errors: [{ code: "REVISION_CONFLICT" }] });
    expect((await detail(shop, r1.id)).document.note).toBe("Turno de la mañana");
  });

  it("a later revision may not change the base or reopen a closed shift → SHIFT_CHANGED", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const r2 = closed(shop, r1, [], 10_000_000);
    await pushShifts(till, [r1, r2]);
    const { shiftResults } = await pushShifts(till, [
      { ...r2, revision: 3, openingFloat: 1 },
      { ...r1, revision: 4, movements: [] },
      { ...r2, revision: 5, openedAt: at(5) },
    ]);
    expect(shiftResults.map((r) => r.errors?.[0]?.field)).toEqual(["openingFloat", "status", "openedAt"]);
    expect(shiftResults.map((r) => r.errors?.[0]?.code)).toEqual(["SHIFT_CHANGED", "SHIFT_CHANGED", "SHIFT_CHANGED"]);
    // The same instant written with another offset is the same opening.
    const sameInstant = new Date(r1.openedAt).toISOString().replace("Z", "+00:00");
    expect((await pushShifts(till, [{ ...r2, revision: 6, openedAt: sameInstant }])).shiftResults[0].outcome).toBe(
      "accepted",
    );
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(3);
  });

  it("the same revision from two requests at once → stored once, both answered accepted", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const r1 = openShift(shop, till);
    const answers = await Promise.all([pushShifts(till, [r1]), pushShifts(till, [r1]), pushShifts(till, [r1])]);
    expect(answers.map((a) => a.shiftResults[0].outcome)).toEqual(["accepted", "accepted", "accepted"]);
    expect(answers.filter((a) => a.shiftResults[0].duplicate === false)).toHaveLength(1);
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(1);
  });
});

describe("one open shift per terminal", () => {
  it("a second device opening a shift on the same terminal → SHIFT_ALREADY_OPEN; after the close it may open", async () => {
    const shop = await newShop(server);
    const a = await openTill(shop);
    const b = await openTill(shop);
    expect(b.terminalId).toBe(a.terminalId);
    const sa = openShift(shop, a);
    const sb = openShift(shop, b);
    await pushShifts(a, [sa]);
    const refused = await pushShifts(b, [sb]);
    expect(refused.shiftResults[0]).toMatchObject({
      outcome: "rejected",
      id: sb.id,
      errors: [{ code: "SHIFT_ALREADY_OPEN", messageEs: expect.stringContaining("Ya hay otro turno abierto") }],
    });
    // The other terminal is free.
    const c = await openTill(shop, { terminal: "caja2" });
    expect((await pushShifts(c, [openShift(shop, c)])).shiftResults[0].outcome).toBe("accepted");
    await pushShifts(a, [closed(shop, sa, [], 10_000_000)]);
    expect((await pushShifts(b, [sb])).shiftResults[0].outcome).toBe("accepted");
    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(3);
  });

  it("two devices opening a shift on one terminal at the same moment → exactly one is open", async () => {
    const shop = await newShop(server);
    const a = await openTill(shop);
    const b = await openTill(shop);
    const [ra, rb] = await Promise.all([pushShifts(a, [openShift(shop, a)]), pushShifts(b, [openShift(shop, b)])]);
    const outcomes = [ra.shiftResults[0], rb.shiftResults[0]].map((r) => r.errors?.[0]?.code ?? r.outcome).sort();
    expect(outcomes).toEqual(["SHIFT_ALREADY_OPEN", "accepted"]);
    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(1);
  });

  it("the same device: a new shift while its previous one is open → retry; close and open in one batch → both", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const first = openShift(shop, till);
    await pushShifts(till, [first]);
    const next = openShift(shop, till);
    expect((await pushShifts(till, [next])).shiftResults[0]).toMatchObject({ outcome: "retry", id: next.id });
    // Offline the till closed the first and opened the next; the batch carries both in that order or not.
    const { shiftResults } = await pushShifts(till, [next, closed(shop, first, [], 10_000_000)]);
    expect(shiftResults.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
  });
});

describe("hostile shifts beside valid invoices", () => {
  it("each bad shift is answered alone; the invoices and the good shift are stored; no 5xx", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const other = await openTill(shop, { terminal: "caja2" });
    const good = openShift(shop, till);
    const invoice = cashSale(shop, till, good.id);
    const hostile: unknown[] = [
      "not a shift",
      null,
      { ...openShift(shop, till), note: "a\u0000b" },
      { ...openShift(shop, till), id: "00000000-0000-4000-8000-000000000000" },
      { ...openShift(shop, till), openingFloat: -5 },
      { ...openShift(shop, till), openingFloat: 1e30 },
      { ...openShift(shop, till), status: "closed" },
      { ...openShift(shop, till), extra: "field" },
      { ...openShift(shop, till), deviceId: other.deviceId, terminalId: other.terminalId },
      { ...openShift(shop, till), terminalId: other.terminalId },
      { ...openShift(shop, till), openedBy: uuidv7() },
      good,
    ];
    const { results, shiftResults } = await pushShifts(till, hostile, [invoice]);
    expect(results[0]).toMatchObject({ outcome: "accepted", id: invoice.id });
    expect(shiftResults.map((r) => r.errors?.[0]?.code ?? r.outcome)).toEqual([
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "SHIFT_INVALID",
      "DEVICE_MISMATCH",
      "TERMINAL_MISMATCH",
      "CASHIER_NOT_ALLOWED",
      "accepted",
    ]);
    expect(shiftResults[2].errors[0]).toMatchObject({ field: "note" });
    expect(await countRows(server, "shifts", shop.demo.companyId)).toBe(1);
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(1);
  });

  it("a push without shifts is answered as before (no shiftResults); more than 200 shifts → 400", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const res = await till.push([till.invoice()]);
    expect(res.status).toBe(200);
    expect(res.body.shiftResults).toBeUndefined();
    const tooMany = await shop.http.post(
      "/api/sync/push",
      { invoices: [], shifts: Array.from({ length: 201 }, () => ({})) },
      { token: till.token, headers: schemaHeader },
    );
    expect(tooMany.status).toBe(400);
  });
});

describe("the count by denomination on a closing", () => {
  it("accepted with bills and coins told apart and as older tills wrote it; a coin of $ 50.000 or a wrong sum → SHIFT_INVALID", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const withForms = openShift(shop, till);
    const older = openShift(shop, till);
    const badCoin = openShift(shop, till);
    const badSum = openShift(shop, till);
    await pushShifts(till, [withForms]);
    const closeWith = (s: typeof withForms, cashDenominations: unknown[], cash: number) => {
      const c = closed(shop, s, [], cash);
      return { ...c, closing: { ...c.closing, cashDenominations } };
    };
    // $ 50.000 + a $ 1.000 bill + a $ 1.000 coin + 2 coins of $ 500 = $ 53.000
    const forms = [
      { value: 5_000_000, form: "bill", count: 1 },
      { value: 100_000, form: "bill", count: 1 },
      { value: 100_000, form: "coin", count: 1 },
      { value: 50_000, form: "coin", count: 2 },
    ];
    const first = await pushShifts(till, [closeWith(withForms, forms, 5_300_000)]);
    expect(first.shiftResults[0]).toMatchObject({ outcome: "accepted" });
    const stored = await detail(shop, withForms.id);
    expect(stored.document.closing.cashDenominations).toEqual(forms);
    expect(stored.countedCash).toBe(5_300_000);

    await pushShifts(till, [older]);
    const olderClosing = closeWith(older, [{ value: 100_000, count: 3 }], 300_000);
    expect((await pushShifts(till, [olderClosing])).shiftResults[0]).toMatchObject({ outcome: "accepted" });

    await pushShifts(till, [badCoin]);
    const refused = await pushShifts(till, [
      closeWith(badCoin, [{ value: 5_000_000, form: "coin", count: 1 }], 5_000_000),
    ]);
    expect(refused.shiftResults[0].errors[0]).toMatchObject({ code: "SHIFT_INVALID" });
    const wrongSum = await pushShifts(till, [
      closeWith(badSum, [{ value: 5_000_000, form: "bill", count: 1 }], 4_000_000),
    ]);
    expect(wrongSum.shiftResults[0].errors[0]).toMatchObject({ code: "SHIFT_INVALID" });
    const rows = await server.db.query<{ id: string; status: string }>(
      "SELECT id, status FROM shifts WHERE company_id = $1",
      [shop.demo.companyId],
    );
    const status = Object.fromEntries(rows.map((r) => [r.id, r.status]));
    expect(status).toEqual({ [withForms.id]: "closed", [older.id]: "closed", [badCoin.id]: "open" });
  });
});
