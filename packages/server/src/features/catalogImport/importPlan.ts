import type { ImportError } from "@mostrador/domain";
import type { z } from "zod";
import type { PlannedRow } from "./importWriter";

/** What an import would do: the rows to create and update, those already equal, and every error by line. */
export interface ImportPlan {
  creates: PlannedRow[];
  updates: PlannedRow[];
  unchanged: number;
  errors: ImportError[];
}

export const emptyPlan = (): ImportPlan => ({ creates: [], updates: [], unchanged: 0, errors: [] });

/** The shared schema's issues as line errors; `fieldOf` turns a schema path into the import's field. */
export function schemaErrors(line: number, error: z.ZodError, fieldOf: (key: string) => string): ImportError[] {
  return error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    // An absent value (empty cell of a new row) reads "expected string, received undefined" in zod.
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
    return {
      line,
      field: key ? fieldOf(key) : null,
      code: missing ? "REQUIRED" : "INVALID_VALUE",
      message: missing ? "is required" : issue.message,
    };
  });
}

/** Schema errors of fields whose cell was already reported (an unreadable price is not also "required"). */
export function withoutReported(reported: ImportError[], errors: ImportError[]): ImportError[] {
  const fields = new Set(reported.map((e) => e.field));
  return errors.filter((e) => !fields.has(e.field));
}

/** The stored record as an input object: the presented row without id and version. */
export function inputOf(presented: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, ...rest } = presented;
  return rest;
}

/** Same values in every field the import checked: nothing to write (a re-imported export). */
export function sameValues(parsed: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  return Object.keys(parsed).every((k) => JSON.stringify(parsed[k]) === JSON.stringify(stored[k]));
}

/** Case- and accent-insensitive name key: "Lácteos" and "lacteos " are one category. */
export const nameKey = (name: string) =>
  name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Groups rows by a key (several stored rows may share one before uniqueness is enforced). */
export function groupBy<T>(rows: T[], keyOf: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}
