import { describe, expect, it } from "vitest";
import { type CashDenomination, COP_BILLS, COP_COINS, COP_DENOMINATIONS, shiftDocumentSchema } from "./shiftSchemas";

const ID = "00000000-0000-4000-8000-000000000001";

function closedWith(cashDenominations: unknown[] | undefined, cash: number) {
  return {
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
      counted: [{ kind: "cash", amount: cash }],
      ...(cashDenominations ? { cashDenominations } : {}),
      expected: [{ kind: "cash", amount: cash }],
    },
  };
}
const sum = (list: CashDenomination[]) => list.reduce((s, d) => s + d.value * d.count, 0);

describe("the count by denomination on a closing", () => {
  it("COP bills and coins are the domain's denominations; $ 1.000 is both a bill and a coin", () => {
    expect(new Set([...COP_BILLS, ...COP_COINS])).toEqual(new Set(COP_DENOMINATIONS));
    expect(COP_BILLS).toContain(100_000);
    expect(COP_COINS).toContain(100_000);
  });

  it("a closing written before bills and coins were told apart (no form) stays valid", () => {
    const old = [
      { value: 5_000_000, count: 1 },
      { value: 100_000, count: 3 },
    ];
    expect(shiftDocumentSchema.safeParse(closedWith(old, sum(old))).success).toBe(true);
    expect(shiftDocumentSchema.safeParse(closedWith(undefined, 123)).success).toBe(true);
  });

  it("every bill and coin at once, the $ 1.000 bill beside the $ 1.000 coin, adds up to the counted cash", () => {
    const all: CashDenomination[] = [
      ...COP_BILLS.map((value) => ({ value, form: "bill" as const, count: 2 })),
      ...COP_COINS.map((value) => ({ value, form: "coin" as const, count: 3 })),
    ];
    const parsed = shiftDocumentSchema.parse(closedWith(all, sum(all)));
    expect(parsed.closing?.cashDenominations).toHaveLength(12);
    expect(shiftDocumentSchema.safeParse(closedWith(all, sum(all) - 5_000)).success).toBe(false);
  });

  it("refuses a coin of $ 50.000, a bill of $ 500 and the same bill twice", () => {
    const refused = (list: unknown[], cash: number) => shiftDocumentSchema.safeParse(closedWith(list, cash)).success;
    expect(refused([{ value: 5_000_000, form: "coin", count: 1 }], 5_000_000)).toBe(false);
    expect(refused([{ value: 50_000, form: "bill", count: 1 }], 50_000)).toBe(false);
    expect(
      refused(
        [
          { value: 200_000, form: "bill", count: 1 },
          { value: 200_000, form: "bill", count: 1 },
        ],
        400_000,
      ),
    ).toBe(false);
    expect(refused([{ value: 200_000, form: "bill", count: 1 }], 200_000)).toBe(true);
  });
});
