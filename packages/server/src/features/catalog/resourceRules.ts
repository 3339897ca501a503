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
 * keys with these values (`values` is the whole row to be stored; `exceptId` the row itself on
 * an update). Every row counts, rows marked legacy_duplicate included.
 */
export async function assertUnique(
  tx: Queryable,
  def: ResourceDefinition,
  companyId: string,
  values: Record<string, unknown>,
  exceptId: string | null,
): Promise<void> {
  for (const key of def.uniqueKeys ?? []) {
    if (key.unset?.(values)) continue;
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

/** True when the update sets any field of a unique key (so a legacy duplicate's mark can go). */
export function touchesUniqueKey(def: ResourceDefinition, sent: Record<string, unknown>): boolean {
  return (def.uniqueKeys ?? []).some((k) => k.fields.some((f) => sent[f] !== undefined));
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
