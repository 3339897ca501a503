import type { Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";
import { pluralOf, type ResourceDefinition, snake, type UniqueKey } from "./resourceDefinition";

const duplicate = (def: ResourceDefinition, key: UniqueKey) => {
  const path = key.fields[key.fields.length - 1] as string;
  return new ApiError(409, "DUPLICATE", `${key.message}; each ${def.label} needs its own`, [
    { path, message: key.message },
  ]);
};

/**
 * 409 DUPLICATE when another row of the company already holds one of the definition's unique
 * keys with these values (`values` is the whole row to be stored). Every row counts, rows marked
 * legacy_duplicate included. On an update (`update` given) only the keys the patch changes are
 * checked, so a form that sends every field again, or a row that repeated a key before
 * migration 008, can still be saved as long as the key stays as it is.
 */
export async function assertUnique(
  tx: Queryable,
  def: ResourceDefinition,
  companyId: string,
  values: Record<string, unknown>,
  update?: { id: string; before: Record<string, unknown>; sent: Record<string, unknown> },
): Promise<void> {
  const exceptId = update?.id ?? null;
  for (const key of def.uniqueKeys ?? []) {
    if (key.unset?.(values)) continue;
    if (update && !keyChanged(key, update.before, update.sent)) continue;
    const params: unknown[] = [companyId, exceptId];
    const matches = key.fields.map((field) => {
      params.push(values[field]);
      return `${snake(field)} = $${params.length}`;
    });
    const rows = await tx.query(
      `SELECT 1 FROM ${def.table} WHERE company_id = $1 AND ($2::uuid IS NULL OR id <> $2) AND ${matches.join(" AND ")} LIMIT 1`,
      params,
    );
    if (rows[0]) throw duplicate(def, key);
  }
}

/** A unique index that refused a row (a race past assertUnique) → the same DUPLICATE answer; else null. */
export function duplicateFromViolation(def: ResourceDefinition, err: unknown): ApiError | null {
  if (typeof err !== "object" || err === null || (err as { code?: string }).code !== "23505") return null;
  const constraint = (err as { constraint?: string }).constraint;
  const key = def.uniqueKeys?.find((k) => k.index === constraint) ?? (constraint ? undefined : def.uniqueKeys?.[0]);
  return key ? duplicate(def, key) : null;
}

const keyChanged = (key: UniqueKey, before: Record<string, unknown>, sent: Record<string, unknown>) =>
  key.fields.some((f) => sent[f] !== undefined && JSON.stringify(sent[f]) !== JSON.stringify(before[f]));

/** True when the update changes a unique key's value (so a legacy duplicate's mark can go). */
export function changesUniqueKey(
  def: ResourceDefinition,
  before: Record<string, unknown>,
  sent: Record<string, unknown>,
): boolean {
  return (def.uniqueKeys ?? []).some((k) => keyChanged(k, before, sent));
}

/** 409 IN_USE, naming what still refers to the row, while anything does: deactivating it is the way. */
export async function assertNotInUse(
  tx: Queryable,
  def: ResourceDefinition,
  companyId: string,
  id: string,
): Promise<void> {
  const uses: string[] = [];
  for (const ref of def.references ?? []) {
    const rows = await tx.query<{ n: number }>(ref.sql, [companyId, id]);
    const n = Number(rows[0]?.n ?? 0);
    if (n > 0) uses.push(`${n} ${n === 1 ? ref.what : pluralOf(ref.what)}`);
  }
  if (uses.length === 0) return;
  throw new ApiError(409, "IN_USE", `this ${def.label} is used by ${uses.join(" and ")}; deactivate it instead`);
}
