/** cbc:IssueDate and cbc:IssueTime of an instant in the shop's zone: "2024-03-05" and "14:07:09-05:00". */
export interface IssueMoment {
  date: string;
  time: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: Date, timeZone: string): Record<string, string> {
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
  return Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
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
  const p = partsIn(instant, timeZone);
  const localAsUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  const offsetMinutes = Math.round((localAsUtc - instant.getTime()) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}${offset}` };
}
