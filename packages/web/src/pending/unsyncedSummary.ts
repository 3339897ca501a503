import "./registerPendingMessages";
import type { I18n, MessageKey, PluralKey } from "../i18n/i18n";
import type { ImportResult } from "../storage/localStore";
import type { ImportRefusal, ImportRefusalReason, PendingImportResult } from "../storage/pendingFileImport";
import type { UnsyncedCounts } from "../storage/unsyncedRecords";

type Texts = Pick<I18n, "t" | "tp">;

/** "a", "a y b", "a, b y c" (the language's "and" from logout.and). */
export function listText(i18n: Texts, parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  const last = parts[parts.length - 1] ?? "";
  const first = parts.slice(0, -1).join(", ");
  return i18n.t("logout.and", { first, second: last });
}

function counted(i18n: Texts, entries: readonly [PluralKey, number][]): string[] {
  return entries.filter(([, n]) => n > 0).map(([key, n]) => i18n.tp(key, n));
}

/** The kinds other than invoices, each counted once (pending and in error together). */
function otherKinds(c: UnsyncedCounts): [PluralKey, number][] {
  return [
    ["unsynced.creditNotes", c.creditNotes.pending + c.creditNotes.error],
    ["unsynced.voids", c.voids.pending + c.voids.error],
    ["unsynced.shifts", c.shifts.pending + c.shifts.error],
    ["unsynced.clients", c.clients],
  ];
}

/**
 * "1 factura pendiente, 1 factura con error, 2 devoluciones y 1 turno de caja": what exists only on
 * this device, invoices by status (the cashier fixes the ones in error), the other kinds by count.
 */
export function unsyncedWhat(i18n: Texts, c: UnsyncedCounts): string {
  return listText(
    i18n,
    counted(i18n, [
      ["logout.pendingCount", c.invoices.pending],
      ["logout.errorCount", c.invoices.error],
      ...otherKinds(c),
    ]),
  );
}

/** "2 facturas y 1 devolución": what an export file carries. */
export function exportedWhat(i18n: Texts, c: UnsyncedCounts): string {
  return listText(
    i18n,
    counted(i18n, [["unsynced.invoices", c.invoices.pending + c.invoices.error], ...otherKinds(c)]),
  );
}

const refusalOrder: ImportRefusalReason[] = ["OTHER_TERMINAL", "SHIFT_OPEN_HERE", "SHIFT_CONFLICT", "NOT_A_TILL"];

function refusedText(i18n: Texts, reason: ImportRefusalReason, refusals: readonly ImportRefusal[]): string {
  const what = listText(
    i18n,
    counted(i18n, [
      ["unsynced.creditNotes", refusals.filter((r) => r.kind === "creditNote").length],
      ["unsynced.voids", refusals.filter((r) => r.kind === "void").length],
      ["unsynced.shifts", refusals.filter((r) => r.kind === "shift").length],
    ]),
  );
  const labels = [...new Set(refusals.map((r) => r.label).filter((l) => l.length > 0))];
  return i18n.t(`pending.refused.${reason}` as MessageKey, { what, terminals: labels.join(", ") });
}

/**
 * The import's answer: how many records were loaded, were here already or were not valid, and for
 * each reason what stays only in the file (never dropped without a word).
 */
export function importResultText(i18n: Texts, result: PendingImportResult): string {
  const totals = importTotals(result);
  const lines = [
    i18n.t("history.imported", { imported: totals.imported, present: totals.alreadyPresent, invalid: totals.invalid }),
  ];
  for (const reason of refusalOrder) {
    const refusals = result.refused.filter((r) => r.reason === reason);
    if (refusals.length > 0) lines.push(refusedText(i18n, reason, refusals));
  }
  return lines.join(" ");
}

/** Sum of every kind's figure (the import's one-line summary). Here, not in the import: the texts are in the
 * till's first load, the import code is loaded when a file is imported. */
export function importTotals(result: PendingImportResult): ImportResult {
  const kinds = [result.invoices, result.creditNotes, result.voids, result.shifts, result.clients];
  return {
    imported: kinds.reduce((s, k) => s + k.imported, 0),
    alreadyPresent: kinds.reduce((s, k) => s + k.alreadyPresent, 0),
    invalid: kinds.reduce((s, k) => s + k.invalid, 0),
  };
}
