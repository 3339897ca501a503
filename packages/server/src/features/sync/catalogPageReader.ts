import type { Queryable } from "../../db/database";
import { type ResourceDefinition, snake } from "../catalog/resourceDefinition";
import { presentRow } from "../catalog/resourceStore";

/**
 * The columns a catalog row's presentation reads (id, its shown fields, version), derived from the
 * same resource definition as presentRow, so the two cannot drift. A first-load page reads 5,000
 * rows: `SELECT *` also decoded company_id, search_text, legacy_duplicate, costs… only to drop them.
 */
export function presentedColumns(def: ResourceDefinition): string[] {
  const shown = Object.keys(def.fields).filter((f) => !def.hiddenFields?.includes(f));
  return ["id", ...shown.map(snake), "version"];
}

/**
 * One page of a catalog table for the pull: the rows matching `where` (its placeholders are the
 * caller's), in version order, at most `$3` of them, presented exactly as presentRow presents them.
 */
export async function readCatalogPage(
  db: Queryable,
  def: ResourceDefinition,
  where: string,
  params: unknown[],
): Promise<Record<string, unknown>[]> {
  const rows = await db.query(
    `SELECT ${presentedColumns(def).join(", ")} FROM ${def.table} WHERE ${where} ORDER BY version LIMIT $3`,
    params,
  );
  return rows.map((r) => presentRow(def, r));
}
