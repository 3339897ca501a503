/** "POS-123" as printed and searched; null numbers are electronic invoices not yet numbered. */
export function formatInvoiceNumber(prefix: string, number: number | null): string | null {
  if (number === null) return null;
  return prefix ? `${prefix}-${number}` : String(number);
}

/** "2027-12-31" → "31/12/2027" (dates of a numbering have no time zone). */
export function formatIsoDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

const receiptDateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "01/12/2026 14:05:09": the sale's moment in the shop's time zone, four-digit year, 24-hour clock, as a
 * fiscal document prints it. One formatter per zone, made once (a new Intl.DateTimeFormat per receipt is slow).
 */
export function formatReceiptDateTime(iso: string, timeZone?: string): string {
  const key = timeZone ?? "";
  let format = receiptDateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("es-CO", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    receiptDateTimeFormats.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}
