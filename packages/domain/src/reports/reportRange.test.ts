import { describe, expect, it } from "vitest";
import { localDateHour } from "../dates/calendarDay";
import { percentChange, previousRange, resolveReportRange } from "./reportRange";

describe("report ranges in the shop's calendar", () => {
  it("resolves today, yesterday, this week (from Monday) and this month", () => {
    // 2026-12-02 is a Wednesday.
    expect(resolveReportRange("today", "2026-12-02")).toEqual({ from: "2026-12-02", to: "2026-12-02" });
    expect(resolveReportRange("yesterday", "2026-12-01")).toEqual({ from: "2026-11-30", to: "2026-11-30" });
    expect(resolveReportRange("week", "2026-12-02")).toEqual({ from: "2026-11-30", to: "2026-12-02" });
    expect(resolveReportRange("week", "2026-11-30")).toEqual({ from: "2026-11-30", to: "2026-11-30" });
    expect(resolveReportRange("week", "2026-12-06")).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(resolveReportRange("month", "2026-12-02")).toEqual({ from: "2026-12-01", to: "2026-12-02" });
    expect(resolveReportRange("custom", "2026-12-02", { from: "2026-01-05", to: "2026-01-09" })).toEqual({
      from: "2026-01-05",
      to: "2026-01-09",
    });
  });

  it("compares with the same number of days just before", () => {
    expect(previousRange({ from: "2026-12-01", to: "2026-12-01" })).toEqual({ from: "2026-11-30", to: "2026-11-30" });
    expect(previousRange({ from: "2026-03-01", to: "2026-03-31" })).toEqual({ from: "2026-01-29", to: "2026-02-28" });
    expect(percentChange(150, 100)).toBe(50);
    expect(percentChange(50, 100)).toBe(-50);
    expect(percentChange(10, 0)).toBeNull();
  });

  it("an instant at 23:30 in Bogotá is that day there (04:30 UTC of the next)", () => {
    expect(localDateHour("2026-12-02T04:30:00.000Z", "America/Bogota")).toEqual({ date: "2026-12-01", hour: 23 });
    expect(localDateHour("2026-12-02T05:00:00.000Z", "America/Bogota")).toEqual({ date: "2026-12-02", hour: 0 });
    expect(localDateHour("2026-12-02T04:30:00.000Z", "UTC")).toEqual({ date: "2026-12-02", hour: 4 });
  });
});
