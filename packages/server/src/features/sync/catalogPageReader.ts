import type { Queryable } from "../../db/database";
import { type ResourceDefinition, snake } from "../catalog/resourceDefinition";
import { JsonText } from "./pullAnswerJson";

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
 * presentRow's object built by PostgreSQL as JSON text: the same keys in the same order; a `date`
 * comes out as "YYYY-MM-DD" (presentRow's slice of the Date), jsonb and arrays as JSON, bigints as
 * numbers. Decoding one text column per row instead of every presented column was most of a page's
 * server time on PGlite (its wire-protocol parser, then presentRow and the garbage of both).
 */
function presentedJsonSql(def: ResourceDefinition): string {
  const shown = Object.keys(def.fields).filter((f) => !def.hiddenFields?.includes(f));
  const pairs = [["id", "id"], ...shown.map((f) => [f, snake(f)]), ["version", "version"]];
  // row_to_json, not json_build_object: the same text without a space around every ":" and after every ",".
  return `SELECT row_to_json(presented_row)::text AS data FROM (SELECT ${pairs.map(([key, column]) => `${column} AS "${key}"`).join(", ")}) AS presented_row`;
}

/** One presented row of a pull page: its id and version, and its presentation as JSON text. */
export interface PresentedRow {
  id: string;
  version: number;
  data: JsonText;
}

/**
 * One page of a catalog table for the pull: the rows matching `where` (its placeholders are the
 * caller's), in version order, at most `$3` of them, each presented as presentRow presents it, as
 * JSON text that the pull's answer carries unparsed (sync/pullAnswerJson).
 */
export async function readCatalogPageJson(
  db: Queryable,
  def: ResourceDefinition,
  where: string,
  params: unknown[],
): Promise<PresentedRow[]> {
  const rows = await db.query<{ id: string; data: string; version: number }>(
    `SELECT id, data, version FROM ${def.table}, LATERAL (${presentedJsonSql(def)}) AS presented
      WHERE ${where} ORDER BY version LIMIT $3`,
    params,
  );
  return rows.map((r) => ({ id: r.id, version: Number(r.version), data: new JsonText(r.data) }));
}

/** The same page as objects (what the till receives once it has parsed the answer). */
export async function readCatalogPage(
  db: Queryable,
  def: ResourceDefinition,
  where: string,
  params: unknown[],
): Promise<Record<string, unknown>[]> {
  const rows = await readCatalogPageJson(db, def, where, params);
  return rows.map((r) => JSON.parse(r.data.text) as Record<string, unknown>);
}
