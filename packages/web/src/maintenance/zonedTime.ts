/** Wall-clock times in a time zone (the company's), for <input type="datetime-local">. Pure. */
import { instantOfWallClock, wallClockOf } from "@mostrador/domain";

/** "2026-11-30T02:00" in `timeZone` → ISO instant ("2026-11-30T07:00:00.000Z"); null when not a date-time. */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!Number.isFinite(Date.UTC(y, mo - 1, d, h, mi, s))) return null;
  const instant = instantOfWallClock({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, timeZone);
  return new Date(instant).toISOString();
}

/** An instant as "YYYY-MM-DDTHH:mm" in `timeZone`. */
export function isoToWallTime(iso: string | number, timeZone: string): string {
  const p = wallClockOf(typeof iso === "number" ? iso : Date.parse(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
