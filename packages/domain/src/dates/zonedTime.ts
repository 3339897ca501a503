/**
 * The wall clock of an IANA time zone, with Intl only (no time-zone library): the parts of an
 * instant there, the zone's offset, and the instant of a wall-clock time. One formatter per zone,
 * made once (a new Intl.DateTimeFormat costs more than the formatting).
 */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock parts of an instant (ms since the epoch) in `timeZone`; hours 0–23. */
export function wallClockOf(instant: number, timeZone: string): WallClock {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, f);
  }
  const out: WallClock = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const p of f.formatToParts(new Date(instant)))
    if (p.type in out) out[p.type as keyof WallClock] = Number(p.value);
  return out;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (Bogotá: −5 h). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const w = wallClockOf(instant, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant (ms) of a wall-clock time in `timeZone`. Two passes settle the offset also next to a
 * daylight-saving change.
 */
export function instantOfWallClock(w: WallClock, timeZone: string): number {
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  let instant = wallAsUtc - zoneOffsetMs(wallAsUtc, timeZone);
  instant = wallAsUtc - zoneOffsetMs(instant, timeZone);
  return instant;
}
