import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { instantOfWallClock, wallClockOf, zoneOffsetMs } from "./zonedTime";

describe("zonedTime", () => {
  it("Bogotá is UTC−5 all year; Madrid moves with daylight saving", () => {
    expect(zoneOffsetMs(Date.parse("2026-01-15T12:00:00Z"), "America/Bogota")).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "America/Bogota")).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(Date.parse("2026-01-15T12:00:00Z"), "Europe/Madrid")).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse("2026-07-15T12:00:00Z"), "Europe/Madrid")).toBe(2 * 3_600_000);
  });

  it("the wall clock of an instant, and back", () => {
    const at = Date.parse("2026-11-30T07:05:09Z");
    const wall = wallClockOf(at, "America/Bogota");
    expect(wall).toEqual({ year: 2026, month: 11, day: 30, hour: 2, minute: 5, second: 9 });
    expect(instantOfWallClock(wall, "America/Bogota")).toBe(at);
  });

  it("property: any whole second round-trips through the wall clock in zones without daylight saving (no hour skipped or repeated)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2000-01-01T00:00:00Z") / 1000, max: Date.parse("2060-01-01T00:00:00Z") / 1000 }),
        fc.constantFrom("America/Bogota", "America/Lima", "Asia/Kolkata", "UTC"),
        (seconds, zone) => {
          const at = seconds * 1000;
          expect(instantOfWallClock(wallClockOf(at, zone), zone)).toBe(at);
        },
      ),
    );
  });
});
