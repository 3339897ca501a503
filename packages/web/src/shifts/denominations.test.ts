import { shiftDocumentSchema } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { countDenominations, DENOMINATION_SLOTS, denominationLabel, slotKey } from "./denominations";

const typed = (entries: [string, string][]) => Object.fromEntries(entries);
const i18n = {
  t: (key: string, params?: Record<string, unknown>) => `${key}:${String(params?.amount)}`,
  money: (minor: number) => `$${minor / 100}`,
} as Parameters<typeof denominationLabel>[0];

describe("counting the drawer by denomination", () => {
  it("billetes 100.000 … 1.000 and monedas 1.000 … 50, largest first", () => {
    expect(DENOMINATION_SLOTS.map((s) => `${s.form} ${s.value / 100}`)).toEqual([
      "bill 100000",
      "bill 50000",
      "bill 20000",
      "bill 10000",
      "bill 5000",
      "bill 2000",
      "bill 1000",
      "coin 1000",
      "coin 500",
      "coin 200",
      "coin 100",
      "coin 50",
    ]);
  });

  it("sums pieces × value into the counted cash; empty and zero boxes leave no entry", () => {
    const result = countDenominations(
      typed([
        ["bill-5000000", "1"],
        ["bill-2000000", " 2 "],
        ["bill-100000", "3"],
        ["coin-100000", "4"],
        ["coin-5000", "7"],
        ["coin-50000", "0"],
        ["coin-10000", ""],
      ]),
    );
    if ("problem" in result) throw new Error("unexpected problem");
    // 50.000 + 2 × 20.000 + 3 × 1.000 + 4 × 1.000 + 7 × 50 = 97.350
    expect(result.cash).toBe(9_735_000);
    expect(result.entries).toEqual([
      { value: 5_000_000, form: "bill", count: 1 },
      { value: 2_000_000, form: "bill", count: 2 },
      { value: 100_000, form: "bill", count: 3 },
      { value: 100_000, form: "coin", count: 4 },
      { value: 5_000, form: "coin", count: 7 },
    ]);
  });

  it("nothing typed is $ 0 with no entries", () => {
    expect(countDenominations({})).toEqual({ cash: 0, entries: [] });
  });

  it("names the first box that is not a whole number of pieces", () => {
    for (const bad of ["1,5", "-1", "dos", "1e3", "10000000"]) {
      expect(countDenominations(typed([["coin-20000", bad]]))).toEqual({ problem: { value: 20_000, form: "coin" } });
    }
  });

  it("its entries make a closing the shift schema accepts, with the counted cash it sums to", () => {
    const typedAll = typed(DENOMINATION_SLOTS.map((s) => [slotKey(s), "999"]));
    const result = countDenominations(typedAll);
    if ("problem" in result) throw new Error("unexpected problem");
    const ID = "00000000-0000-4000-8000-000000000001";
    const doc = {
      id: "0190a000-0000-7000-8000-000000000001",
      revision: 2,
      terminalId: ID,
      deviceId: ID,
      openedBy: ID,
      openedAt: "2026-11-30T13:00:00.000Z",
      openingFloat: 0,
      status: "closed",
      closing: {
        closedAt: "2026-11-30T20:00:00.000Z",
        closedBy: ID,
        counted: [{ kind: "cash", amount: result.cash }],
        cashDenominations: result.entries,
        expected: [],
      },
    };
    expect(shiftDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it("labels a bill, a coin, and an old entry without its form", () => {
    expect(denominationLabel(i18n, { value: 100_000, form: "bill" })).toBe("shift.bill:$1000");
    expect(denominationLabel(i18n, { value: 100_000, form: "coin" })).toBe("shift.coin:$1000");
    expect(denominationLabel(i18n, { value: 100_000 })).toBe("$1000");
  });
});
