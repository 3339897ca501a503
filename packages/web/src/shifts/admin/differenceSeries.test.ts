import type { ShiftListItem } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { chartScale, differenceSeries } from "./differenceSeries";

let n = 0;
function row(over: Partial<ShiftListItem>): ShiftListItem {
  n++;
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`,
    revision: 2,
    status: "closed",
    terminalId: "t1",
    deviceId: "d1",
    openedBy: "ana",
    openedAt: "2026-03-01T13:00:00.000Z",
    openingFloat: 0,
    closedAt: "2026-03-01T23:00:00.000Z",
    closedBy: "ana",
    tillExpectedCash: 0,
    countedCash: 0,
    receivedAt: "2026-03-01T23:00:00.000Z",
    version: 1,
    serverExpectedCash: 0,
    serverDifference: 0,
    tillDifference: 0,
    invoiceCount: 0,
    ...over,
  };
}

describe("differences per cashier over time", () => {
  it("groups closed shifts by who closed them, oldest first, largest total first; open shifts stay out", () => {
    const series = differenceSeries([
      row({ closedAt: "2026-03-02T23:00:00.000Z", serverDifference: -500_000 }),
      row({ closedAt: "2026-03-01T23:00:00.000Z", serverDifference: 200_000 }),
      row({ closedBy: "luis", openedBy: "ana", serverDifference: -2_000_000 }),
      row({ status: "open", closedAt: null, closedBy: null, serverDifference: null }),
      row({ closedBy: null, openedBy: "eva", serverDifference: 0 }),
    ]);
    expect(series.map((s) => [s.cashierId, s.total, s.points.map((p) => p.difference)])).toEqual([
      ["luis", -2_000_000, [-2_000_000]],
      ["ana", -300_000, [200_000, -500_000]],
      ["eva", 0, [0]],
    ]);
    expect(differenceSeries([])).toEqual([]);
  });

  it("scales time across the box and differences around a middle zero line, both sides on one scale", () => {
    const series = differenceSeries([
      row({ closedAt: "2026-03-01T00:00:00.000Z", serverDifference: 1_000_000 }),
      row({ closedAt: "2026-03-03T00:00:00.000Z", serverDifference: -500_000 }),
    ]);
    const scale = chartScale(series, { width: 220, height: 120, pad: 10 });
    expect(scale.zeroY).toBe(60);
    expect(scale.x(Date.parse("2026-03-01T00:00:00.000Z"))).toBe(10);
    expect(scale.x(Date.parse("2026-03-02T00:00:00.000Z"))).toBe(110);
    expect(scale.x(Date.parse("2026-03-03T00:00:00.000Z"))).toBe(210);
    expect(scale.y(1_000_000)).toBe(10);
    expect(scale.y(-500_000)).toBe(85);
    expect(scale.y(0)).toBe(60);
    // One shift: in the middle; all even: on the zero line.
    const single = chartScale(differenceSeries([row({ serverDifference: 0 })]), { width: 220, height: 120, pad: 10 });
    expect(single.x(Date.parse("2026-03-01T23:00:00.000Z"))).toBe(110);
    expect(single.y(0)).toBe(60);
  });
});
