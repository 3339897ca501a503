export type AgeUnit = "second" | "minute" | "hour" | "day";

/** The largest whole unit of an age in seconds: 59 s, 3 min, 5 h, 2 d (never negative: clocks drift). */
export function ageInUnits(seconds: number): { value: number; unit: AgeUnit } {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return { value: s, unit: "second" };
  if (s < 3600) return { value: Math.floor(s / 60), unit: "minute" };
  if (s < 86_400) return { value: Math.floor(s / 3600), unit: "hour" };
  return { value: Math.floor(s / 86_400), unit: "day" };
}

/** "hace 3 min" / "3 min ago": how long ago an instant was, in the screen's language. */
export function timeAgo(iso: string, nowMs: number, locale: string): string {
  const { value, unit } = ageInUnits((nowMs - Date.parse(iso)) / 1000);
  return new Intl.RelativeTimeFormat(locale, { style: "short", numeric: "always" }).format(-value, unit);
}
