import { type InvoiceDocument, invoiceDocumentSchema } from "@mostrador/domain";

/** JSON with object keys sorted: the server stores its own key order (and revisions stored as jsonb before migration 025 have theirs sorted). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** The same document, whatever the key order (a stored document against a parsed request). */
export function sameDocumentContent(stored: unknown, sent: unknown): boolean {
  return canonical(stored) === canonical(sent);
}

/**
 * Is a re-sent revision the one the server stored? The same id and revision with other content
 * must not be answered "accepted (duplicate)" while the new content is dropped. An electronic
 * invoice is sent without a number and stored with the one the server gave it.
 */
export function sameInvoiceContent(stored: InvoiceDocument, sent: InvoiceDocument): boolean {
  if (sent.number !== null && stored.number !== null && sent.number !== stored.number) return false;
  // Stored documents are read back through the schema: one stored before a rule changed (text
  // trimmed since, a default added) compares as the till's copy of it is parsed today.
  const parsed = invoiceDocumentSchema.safeParse(stored);
  const base = parsed.success ? parsed.data : stored;
  const number = sent.number ?? base.number;
  return canonical({ ...base, number }) === canonical({ ...sent, number });
}
