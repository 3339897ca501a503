import { wallClockOf, zoneOffsetMs } from "../dates/zonedTime";

/** cbc:IssueDate and cbc:IssueTime of an instant in the shop's zone: "2024-03-05" and "14:07:09-05:00". */
export interface IssueMoment {
  date: string;
  time: string;
}

/**
 * The local date and time of an ISO instant in an IANA zone, with the zone's offset at that
 * instant written as the annex's HorDE wants it (±HH:MM). Seconds only: the DIAN's time has no
 * fraction.
 */
export function issueMoment(iso: string, timeZone: string): IssueMoment {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an instant: ${iso}`);
  instant.setUTCMilliseconds(0);
  const p = wallClockOf(instant.getTime(), timeZone);
  const offsetMinutes = Math.round(zoneOffsetMs(instant.getTime(), timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${p.year}-${two(p.month)}-${two(p.day)}`,
    time: `${two(p.hour)}:${two(p.minute)}:${two(p.second)}${offset}`,
  };
}
