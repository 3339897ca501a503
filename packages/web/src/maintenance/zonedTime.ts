/** Wall-clock times in a time zone (the company's), for <input type="datetime-local">. Pure. */

function parts(instant: number, timeZone: string): Record<string, number> {
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const out: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(instant))) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

/** Offset of the zone from UTC at an instant, in ms (Bogotá: −5 h). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

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
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  if (!Number.isFinite(guess)) return null;
  // Two passes settle the offset also next to a daylight-saving change.
  let instant = guess - zoneOffsetMs(guess, timeZone);
  instant = guess - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** An instant as "YYYY-MM-DDTHH:mm" in `timeZone`. */
export function isoToWallTime(iso: string | number, timeZone: string): string {
  const p = parts(typeof iso === "number" ? iso : Date.parse(iso), timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
