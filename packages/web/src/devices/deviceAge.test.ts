import { describe, expect, it } from "vitest";
import { ageInUnits, timeAgo } from "./deviceAge";

describe("device ages", () => {
  it("uses the largest whole unit", () => {
    expect(ageInUnits(-5)).toEqual({ value: 0, unit: "second" });
    expect(ageInUnits(59.9)).toEqual({ value: 59, unit: "second" });
    expect(ageInUnits(180)).toEqual({ value: 3, unit: "minute" });
    expect(ageInUnits(3 * 3600 + 59 * 60)).toEqual({ value: 3, unit: "hour" });
    expect(ageInUnits(2 * 86_400 + 1)).toEqual({ value: 2, unit: "day" });
  });

  it('says "hace 3 min" in Spanish and "3 min. ago" in English', () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    expect(timeAgo("2026-12-01T11:57:00Z", now, "es-CO")).toBe("hace 3 min");
    expect(timeAgo("2026-12-01T11:57:00Z", now, "en")).toMatch(/^3 min\.? ago$/);
    expect(timeAgo("2026-11-29T12:00:00Z", now, "es-CO")).toBe("hace 2 días");
  });
});
