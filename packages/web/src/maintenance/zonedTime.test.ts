import { localDate, zoneOffsetMs } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { isoToWallTime, wallTimeToIso } from "./zonedTime";

describe("zoned wall times", () => {
  it("reads a wall time in Bogotá as an instant", () => {
    expect(wallTimeToIso("2026-11-30T02:00", "America/Bogota")).toBe("2026-11-30T07:00:00.000Z");
    expect(isoToWallTime("2026-11-30T07:00:00.000Z", "America/Bogota")).toBe("2026-11-30T02:00");
    expect(zoneOffsetMs(Date.parse("2026-11-30T07:00:00Z"), "America/Bogota")).toBe(-5 * 3_600_000);
  });

  it("handles a zone with daylight saving time", () => {
    expect(wallTimeToIso("2026-07-01T10:00", "Europe/Madrid")).toBe("2026-07-01T08:00:00.000Z");
    expect(wallTimeToIso("2026-01-01T10:00", "Europe/Madrid")).toBe("2026-01-01T09:00:00.000Z");
  });

  it("rejects what is not a date-time", () => {
    expect(wallTimeToIso("", "America/Bogota")).toBeNull();
    expect(wallTimeToIso("mañana", "America/Bogota")).toBeNull();
  });

  it("gives today in the company's zone (the domain's one rule for the shop's day)", () => {
    // 02:00 UTC on 1 December is still 30 November in Bogotá.
    expect(localDate("2026-12-01T02:00:00Z", "America/Bogota")).toBe("2026-11-30");
  });
});
