import { invoiceRejectionCodes, syncedEntities } from "@mostrador/domain";

/**
 * A till can be one release behind its server (it updates when the new version is loaded). What
 * a newer server may add to the sync answers is read here, before the contract's schemas check
 * the rest: an unknown rejection code becomes INVOICE_INVALID with the server's own messages (the
 * cashier still reads what to fix), and rows of an entity this till does not know are skipped.
 * Without this, one new code would make a whole push answer "invalid" and its accepted invoices
 * would never be marked synced.
 */
const knownCodes = new Set<string>(invoiceRejectionCodes);
const knownEntities = new Set<string>(syncedEntities);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

export function pushAnswerFromNewerServer(body: unknown): unknown {
  if (!isObject(body) || !Array.isArray(body.results)) return body;
  return {
    ...body,
    results: body.results.map((result: unknown) =>
      isObject(result) && Array.isArray(result.errors)
        ? {
            ...result,
            errors: result.errors.map((e: unknown) =>
              isObject(e) && typeof e.code === "string" && !knownCodes.has(e.code)
                ? { ...e, code: "INVOICE_INVALID" }
                : e,
            ),
          }
        : result,
    ),
  };
}

export function pullAnswerFromNewerServer(body: unknown): unknown {
  if (!isObject(body)) return body;
  const changes = Array.isArray(body.changes)
    ? body.changes.filter((c: unknown) => !isObject(c) || typeof c.entity !== "string" || knownEntities.has(c.entity))
    : body.changes;
  const remaining = isObject(body.remaining)
    ? Object.fromEntries(Object.entries(body.remaining).filter(([entity]) => knownEntities.has(entity)))
    : body.remaining;
  return { ...body, changes, ...(body.remaining === undefined ? {} : { remaining }) };
}
