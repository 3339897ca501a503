import { zoneOffsetMs } from "./zonedTime";

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone: numberings are valid per local
 * day of the shop, not per UTC day.
 */
export function localDate(iso: string, timeZone = "America/Bogota"): string {
  const instant = new Date(iso).getTime();
  const offset = steadyOffsetAt(instant, timeZone);
  if (offset !== null) return dayOf(new Date(instant + offset));
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day and the hour (0–23) of an instant in a time zone: sales summaries keep the
 * shop's local day and hour, resolved once when the document is stored.
 */
export function localDateHour(iso: string, timeZone = "America/Bogota"): { date: string; hour: number } {
  const instant = new Date(iso).getTime();
  const offset = steadyOffsetAt(instant, timeZone);
  if (offset !== null) {
    const wall = new Date(instant + offset);
    return { date: dayOf(wall), hour: wall.getUTCHours() };
  }
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

/** YYYY-MM-DD of a wall clock held in a Date's UTC fields (years 1900–2199 only: four digits). */
const dayOf = (wall: Date) =>
  `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, "0")}-${String(wall.getUTCDate()).padStart(2, "0")}`;

const HOUR_MS = 3_600_000;
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_UNTIL = Date.UTC(2200, 0, 1);
/** Per zone, per UTC hour (instant ÷ 1 h): the zone's offset through that whole hour, or null when it changes in it. */
const hourOffsets = new Map<string, Map<number, number | null>>();

/**
 * Why: a server stores thousands of invoices a second and each asks for its local day and hour;
 * Intl's formatting was a visible share of the ingest's CPU. A zone's offset is the same through
 * almost every UTC hour, so it is asked of Intl once per zone and hour (at the hour's first and last
 * second: a zone changes its offset at most once in an hour) and the wall clock is then plain
 * arithmetic. An hour in which the offset changes, an instant outside 1900–2199 or an invalid one
 * takes Intl's formatting itself, as before.
 */
function steadyOffsetAt(instant: number, timeZone: string): number | null {
  if (!(instant >= FAST_FROM && instant < FAST_UNTIL)) return null;
  const hour = Math.floor(instant / HOUR_MS);
  const offsets = hourOffsets.get(timeZone);
  const known = offsets?.get(hour);
  if (known !== undefined) return known;
  // Intl throws here for a zone it does not know, before anything is kept for it.
  const first = zoneOffsetMs(hour * HOUR_MS, timeZone);
  const last = zoneOffsetMs(hour * HOUR_MS + HOUR_MS - 1000, timeZone);
  const offset = first === last ? first : null;
  if (!offsets) hourOffsets.set(timeZone, new Map([[hour, offset]]));
  else {
    if (offsets.size >= 100_000) offsets.clear(); // a bound for a long-lived process; refilled as asked
    offsets.set(hour, offset);
  }
  return offset;
}

/** A calendar day (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (1 for a single day). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
