import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDate, localDateHour } from "./calendarDay";

// What localDate and localDateHour answered before their offset cache: Intl's formatting of every
// instant (one formatter per zone, as before).
const hourFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function referenceDateHour(iso: string, timeZone: string) {
  let f = hourFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
    hourFormats.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(iso))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
}
function referenceDate(iso: string, timeZone: string) {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

// Daylight saving both ways, half- and quarter-hour offsets, a 30-minute DST shift, a day skipped
// (Samoa, 2011-12-30), local mean time in seconds (Monrovia until 1972), the shops' zone.
const ZONES = [
  "America/Bogota",
  "America/Santiago",
  "America/New_York",
  "America/St_Johns",
  "Australia/Adelaide",
  "Europe/London",
  "Europe/Madrid",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Pacific/Apia",
  "Africa/Monrovia",
  "UTC",
];
const FROM = Date.UTC(1890, 0, 1);
const UNTIL = Date.UTC(2210, 0, 1);

describe("localDate and localDateHour with the zone's offset cached per hour", () => {
  it("answer what Intl answers for any instant, zone and millisecond", () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: UNTIL }), fc.constantFrom(...ZONES), (instant, zone) => {
        const iso = new Date(instant).toISOString();
        expect(localDateHour(iso, zone)).toEqual(referenceDateHour(iso, zone));
        expect(localDate(iso, zone)).toBe(referenceDate(iso, zone));
      }),
      { numRuns: 5000 },
    );
  }, 60_000);

  it("answer what Intl answers every minute around offset changes (cached hours asked again)", () => {
    const around = [
      ["America/Santiago", Date.UTC(2024, 3, 7, 3)], // back to −4 h
      ["America/Santiago", Date.UTC(2024, 8, 8, 4)], // forward to −3 h, the day starting at 01:00
      ["Europe/London", Date.UTC(2025, 2, 30, 1)],
      ["Europe/London", Date.UTC(2025, 9, 26, 1)],
      ["Australia/Lord_Howe", Date.UTC(2025, 3, 5, 15)], // 30-minute shift
      ["Pacific/Chatham", Date.UTC(2025, 3, 5, 14)], // +13:45 → +12:45
      ["Pacific/Apia", Date.UTC(2011, 11, 30, 10)], // 2011-12-30 skipped
      ["Africa/Monrovia", Date.UTC(1972, 0, 7)], // −0:44:30 → 0
      // Offsets that change in the middle of a UTC hour, moving the local hour (and the day):
      ["America/St_Johns", Date.UTC(2025, 2, 9, 5, 30)], // 02:00 −3:30 → 03:00 −2:30
      ["America/St_Johns", Date.UTC(2025, 10, 2, 4, 30)], // 02:00 −2:30 → 01:00 −3:30
      ["Australia/Adelaide", Date.UTC(2025, 9, 4, 16, 30)], // 02:00 +9:30 → 03:00 +10:30
      ["Asia/Kolkata", Date.UTC(1942, 7, 31, 17, 30)], // 1 Sep 1942 00:00: +5:30 → +6:30
    ] as const;
    for (const [zone, at] of around)
      for (let round = 0; round < 2; round++)
        for (let t = at - 3 * 3_600_000; t <= at + 3 * 3_600_000; t += 60_000 + 999) {
          const iso = new Date(t).toISOString();
          expect(localDateHour(iso, zone), `${iso} ${zone}`).toEqual(referenceDateHour(iso, zone));
          expect(localDate(iso, zone), `${iso} ${zone}`).toBe(referenceDate(iso, zone));
        }
  }, 60_000);

  it("an invalid instant or zone still throws Intl's RangeError", () => {
    expect(() => localDate("not a date", "America/Bogota")).toThrow(RangeError);
    expect(() => localDateHour("not a date", "America/Bogota")).toThrow(RangeError);
    expect(() => localDate("2026-12-02T04:00:00Z", "Mars/Olympus")).toThrow(RangeError);
    expect(() => localDateHour("2026-12-02T04:00:00Z", "Mars/Olympus")).toThrow(RangeError);
  });
});
