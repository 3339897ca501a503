import {
  type ShiftDocument,
  shiftDocumentSchema,
  soldElsewhereOf,
  type TerminalShift,
  zReport,
} from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { countRows, newShop, openTill, type Shop, type Till } from "./support/company";
import { at, cardSale, cashSale, openShift, pushShiftsTo, shiftDetail, withMovement } from "./support/shifts";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

// Issue 12: "Signing out does not close a shift; another cashier allowed on the terminal may take
// over the open shift (recorded) or close it."

/** "Tomar turno" as the till writes it: the server's document, one revision on, held by `till`. */
function takenOver(s: ShiftDocument, till: Till, by: string, fromUserId: string, minutes = 30): ShiftDocument {
  return shiftDocumentSchema.parse({
    ...s,
    revision: s.revision + 1,
    deviceId: till.deviceId,
    handovers: [
      ...(s.handovers ?? []),
      { at: at(minutes), by, deviceId: till.deviceId, fromDeviceId: s.deviceId, fromUserId },
    ],
  });
}

async function terminalShiftOf(till: Till): Promise<TerminalShift | null> {
  const res = await till.pull("cursor=0&invoiceCursor=0&limit=500");
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.terminalShift as TerminalShift | null;
}

async function shopWithOpenShift(): Promise<{ shop: Shop; a: Till; b: Till; s1: ShiftDocument }> {
  const shop = await newShop(server);
  const a = await openTill(shop);
  const b = await openTill(shop, { as: "admin" });
  const s1 = openShift(shop, a);
  await pushShiftsTo(server, a, [s1]);
  return { shop, a, b, s1 };
}

describe("the terminal's open shift in the pull", () => {
  it("reaches every device of the terminal with the server's figures; not other terminals", async () => {
    const { shop, a, b, s1 } = await shopWithOpenShift();
    const s2 = withMovement(shop, s1, "out", 2_000_000, "Pago a proveedor");
    const sales = [cashSale(shop, a, s1.id, 500_000), cardSale(shop, a, s1.id)];
    await pushShiftsTo(server, a, [s2], sales);

    const seen = await terminalShiftOf(b);
    expect(seen).toMatchObject({
      document: { id: s1.id, revision: 2, deviceId: a.deviceId, openingFloat: 10_000_000 },
      heldBy: shop.demo.cashierId,
      heldSince: new Date(s1.openedAt).toISOString(),
    });
    expect(seen?.openedByName).not.toBe("");
    const report = zReport(
      s2,
      sales.map((invoice) => ({ invoice })),
    );
    expect(seen?.soldElsewhere).toEqual(soldElsewhereOf(sales.map((invoice) => ({ invoice }))));
    expect(seen?.soldElsewhere).toMatchObject({
      salesCount: 2,
      salesTotal: report.salesTotal,
      changeGiven: 500_000,
      byPaymentMethod: [
        { kind: "cash", amount: report.cashReceived },
        { kind: "debit_card", amount: report.expected.find((e) => e.kind === "debit_card")?.amount },
      ],
    });
    // The device that sold them counts them itself: its own figures leave them out.
    expect((await terminalShiftOf(a))?.soldElsewhere).toMatchObject({ salesCount: 0, byPaymentMethod: [] });
    expect(await terminalShiftOf(await openTill(shop, { terminal: "caja2" }))).toBeNull();
  });
});

describe("Tomar turno: a revision from another device of the terminal", () => {
  it("is accepted and recorded; retries stay exactly once; the old device's later revisions → SHIFT_TAKEN_OVER", async () => {
    const { shop, a, b, s1 } = await shopWithOpenShift();
    const sale = cashSale(shop, a, s1.id);
    await pushShiftsTo(server, a, [], [sale]);
    const s2 = takenOver(s1, b, shop.demo.adminId, shop.demo.cashierId);

    const [first, again] = [await pushShiftsTo(server, b, [s2, s2]), await pushShiftsTo(server, b, [s2])];
    expect(first.shiftResults.map((r) => [r.outcome, r.duplicate])).toEqual([
      ["accepted", false],
      ["accepted", false],
    ]);
    expect(again.shiftResults[0]).toMatchObject({ outcome: "accepted", duplicate: true });
    expect(first.shiftResults[0].shift).toMatchObject({ deviceId: b.deviceId, revision: 2, status: "open" });
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(2);

    const d = await shiftDetail(shop, s1.id);
    expect(d.document.handovers).toEqual([
      {
        at: s2.handovers?.[0]?.at,
        by: shop.demo.adminId,
        deviceId: b.deviceId,
        fromDeviceId: a.deviceId,
        fromUserId: shop.demo.cashierId,
      },
    ]);
    // The shift now comes down in the new holder's pull, with A's sale as sold elsewhere.
    const pulled = await b.pull("cursor=0&invoiceCursor=0&limit=500");
    expect(pulled.body.changes.filter((c: { entity: string }) => c.entity === "shifts")).toEqual([
      expect.objectContaining({ id: s1.id, data: expect.objectContaining({ deviceId: b.deviceId }) }),
    ]);
    expect(pulled.body.terminalShift).toMatchObject({ heldBy: shop.demo.adminId, soldElsewhere: { salesCount: 1 } });

    // A (signed out, or offline all along) writes the same revision number, then a later one.
    const aSame = withMovement(shop, s1, "out", 100_000, "Retiro tardío");
    const aLater = withMovement(shop, aSame, "in", 100_000, "Ingreso tardío");
    const late = await pushShiftsTo(server, a, [aSame, aLater]);
    expect(late.shiftResults.map((r) => r.errors?.[0]?.code)).toEqual(["SHIFT_TAKEN_OVER", "SHIFT_TAKEN_OVER"]);
    expect(late.shiftResults[0].errors[0].messageEs).toContain("tomó el turno");
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(2);
    expect(await shiftDetail(shop, s1.id)).toMatchObject({ revision: 2, deviceId: b.deviceId });
  });

  it("takes over and closes in one push: closing first still chains the handover; both sales count on the server", async () => {
    const { shop, a, b, s1 } = await shopWithOpenShift();
    const saleA = cashSale(shop, a, s1.id);
    await pushShiftsTo(server, a, [], [saleA]);
    const s2 = takenOver(s1, b, shop.demo.adminId, shop.demo.cashierId);
    const saleB = cashSale(shop, b, s1.id);
    const seen = await terminalShiftOf(b);
    const expected = zReport(s2, [{ invoice: saleB }], seen?.soldElsewhere).expected;
    const s3: ShiftDocument = {
      ...s2,
      revision: 3,
      status: "closed",
      closing: { closedAt: at(60), closedBy: shop.demo.adminId, counted: expected, expected },
    };
    const { shiftResults } = await pushShiftsTo(server, b, [s2, s3], [saleB]);
    expect(shiftResults.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const d = await shiftDetail(shop, s1.id);
    expect(d).toMatchObject({ status: "closed", deviceId: b.deviceId, closedBy: shop.demo.adminId });
    expect(d.serverExpectedCash).toBe(expected.find((e) => e.kind === "cash")?.amount);
    expect(d.serverDifference).toBe(0);
    expect(await terminalShiftOf(a)).toBeNull();
  });

  it("a third device takes over from the second; a broken chain, a stale state or a wrong terminal are refused", async () => {
    const { shop, a, b, s1 } = await shopWithOpenShift();
    const c = await openTill(shop);
    const s2 = takenOver(s1, b, shop.demo.adminId, shop.demo.cashierId);
    await pushShiftsTo(server, b, [s2]);

    // C claims to take it from A, who no longer holds it.
    const fromA = takenOver(s1, c, shop.demo.cashierId, shop.demo.cashierId);
    const skipped = { ...fromA, revision: 4 };
    // C took it over from revision 1 while the server moved on: stale, say so.
    const stale = takenOver(s2, c, shop.demo.cashierId, shop.demo.adminId);
    const b3 = withMovement(shop, s2, "out", 100_000, "Pago");
    await pushShiftsTo(server, b, [b3]);
    const refused = await pushShiftsTo(server, c, [fromA, skipped, stale]);
    expect(refused.shiftResults.map((r) => r.errors?.[0]?.code)).toEqual([
      "SHIFT_HANDOVER_STALE",
      "SHIFT_CHANGED",
      "SHIFT_HANDOVER_STALE",
    ]);

    const s4 = takenOver(b3, c, shop.demo.cashierId, shop.demo.adminId, 40);
    expect((await pushShiftsTo(server, c, [s4])).shiftResults[0]).toMatchObject({
      outcome: "accepted",
      shift: { deviceId: c.deviceId, revision: 4 },
    });
    expect((await shiftDetail(shop, s1.id)).document.handovers.map((h: { deviceId: string }) => h.deviceId)).toEqual([
      b.deviceId,
      c.deviceId,
    ]);
    // Both earlier holders are now refused.
    const bLate = withMovement(shop, b3, "in", 1, "tarde");
    const aLate = { ...withMovement(shop, s1, "in", 1, "tarde"), revision: 9 };
    const late = [await pushShiftsTo(server, b, [bLate]), await pushShiftsTo(server, a, [aLate])];
    expect(late.map((r) => r.shiftResults[0].errors?.[0]?.code)).toEqual(["SHIFT_TAKEN_OVER", "SHIFT_TAKEN_OVER"]);

    // A device of another terminal cannot take it.
    const other = await openTill(shop, { terminal: "caja2" });
    const foreign = takenOver(s4, other, shop.demo.cashierId, shop.demo.cashierId);
    expect((await pushShiftsTo(server, other, [foreign])).shiftResults[0].errors[0].code).toBe("TERMINAL_MISMATCH");
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(4);
  });

  it("two devices take the shift over at once → one wins, the other is told SHIFT_HANDOVER_STALE", async () => {
    const { shop, b, s1 } = await shopWithOpenShift();
    const c = await openTill(shop);
    const [byB, byC] = [
      takenOver(s1, b, shop.demo.adminId, shop.demo.cashierId),
      takenOver(s1, c, shop.demo.cashierId, shop.demo.cashierId),
    ];
    const answers = await Promise.all([pushShiftsTo(server, b, [byB]), pushShiftsTo(server, c, [byC])]);
    const outcomes = answers.map((a) => a.shiftResults[0].outcome);
    expect(outcomes.sort()).toEqual(["accepted", "rejected"]);
    const loser = answers.find((a) => a.shiftResults[0].outcome === "rejected");
    expect(loser?.shiftResults[0].errors[0].code).toBe("SHIFT_HANDOVER_STALE");
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(2);
  });

  it("bad input: a handover to another device, a malformed handover, an unknown cashier → rejected, nothing stored", async () => {
    const { shop, a, b, s1 } = await shopWithOpenShift();
    const good = takenOver(s1, b, shop.demo.adminId, shop.demo.cashierId);
    const toA = { ...good, handovers: [{ ...good.handovers?.[0], deviceId: a.deviceId }] };
    const malformed = { ...good, handovers: [{ at: "ayer", by: "nadie" }] };
    const stranger = { ...good, handovers: [{ ...good.handovers?.[0], by: "0190a0a0-0000-7000-8000-000000000000" }] };
    const { shiftResults } = await pushShiftsTo(server, b, [toA, malformed, stranger]);
    expect(shiftResults.map((r) => [r.outcome, r.errors?.[0]?.code])).toEqual([
      ["rejected", "SHIFT_INVALID"],
      ["rejected", "SHIFT_INVALID"],
      ["rejected", "CASHIER_NOT_ALLOWED"],
    ]);
    expect(shiftResults[2].errors[0].field).toBe("handovers.0.by");
    expect(await countRows(server, "shift_revisions", shop.demo.companyId)).toBe(1);
    expect(await shiftDetail(shop, s1.id)).toMatchObject({ deviceId: a.deviceId, revision: 1 });
  });
});
