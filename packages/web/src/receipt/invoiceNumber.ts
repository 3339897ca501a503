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
