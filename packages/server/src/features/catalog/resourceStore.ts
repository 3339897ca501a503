import { allocateVersions } from "../../db/changeVersions";
import type { Database, Queryable } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { type ResourceDefinition, snake } from "./resourceDefinition";

export interface ListQuery {
  limit: number;
  offset: number;
  /** Only these ids (a cashier's terminals). */
  ids?: string[];
  q?: string;
  active?: boolean;
}

/** Presenter: a row becomes the API's camelCase object, hidden fields dropped. */
export function presentRow(def: ResourceDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  for (const field of Object.keys(def.fields)) {
    if (def.hiddenFields?.includes(field)) continue;
    let v = row[snake(field)];
    if (v instanceof Date) v = v.toISOString().slice(0, 10);
    out[field] = v;
  }
  out.version = row.version;
  return out;
}

function toParams(def: ResourceDefinition, values: Record<string, unknown>): [string[], unknown[]] {
  const cols: string[] = [];
  const params: unknown[] = [];
  for (const [field, value] of Object.entries(values)) {
    const spec = def.fields[field];
    if (!spec || value === undefined) continue;
    cols.push(snake(field));
    params.push(spec.json ? JSON.stringify(value) : value);
  }
  return [cols, params];
}

/** Data access for a ResourceDefinition; every statement is scoped by company. */
export function resourceStore(db: Database, def: ResourceDefinition) {
  const select = `SELECT * FROM ${def.table}`;

  async function get(q: Queryable, companyId: string, id: string) {
    const rows = await q.query(`${select} WHERE company_id = $1 AND id = $2`, [companyId, id]);
    return rows[0] ?? null;
  }

  return {
    async list(companyId: string, query: ListQuery) {
      const where = ["company_id = $1"];
      const params: unknown[] = [companyId];
      if (query.q) {
        params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        where.push(`(${def.searchColumns.map((c) => `${c} ILIKE $${params.length}`).join(" OR ")})`);
      }
      if (query.ids) {
        params.push(query.ids);
        where.push(`id = ANY($${params.length}::uuid[])`);
      }
      if (query.active !== undefined) {
        params.push(query.active);
        where.push(`active = $${params.length}`);
      }
      const w = where.join(" AND ");
      const [rows, count] = await Promise.all([
        db.query(
          `${select} WHERE ${w} ORDER BY ${def.orderBy}, id LIMIT ${query.limit} OFFSET ${query.offset}`,
          params,
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${def.table} WHERE ${w}`, params),
      ]);
      return { items: rows.map((r) => presentRow(def, r)), total: count[0]?.n ?? 0 };
    },

    async get(companyId: string, id: string) {
      const row = await get(db, companyId, id);
      if (!row) throw notFound(def.label);
      return presentRow(def, row);
    },

    async create(companyId: string, input: Record<string, unknown>, id: string) {
      const values = def.prepare ? await def.prepare(input, null) : input;
      return db.transaction(async (tx) => {
        await def.check?.(tx, companyId, values);
        const [cols, params] = toParams(def, values);
        const version = await allocateVersions(tx, companyId);
        const all = ["company_id", "id", "version", ...cols];
        const placeholders = all.map((_, i) => `$${i + 1}`).join(", ");
        const rows = await tx.query(
          `INSERT INTO ${def.table} (${all.join(", ")}) VALUES (${placeholders}) ON CONFLICT DO NOTHING RETURNING *`,
          [companyId, id, version, ...params],
        );
        if (!rows[0]) throw new ApiError(409, "CONFLICT", `a ${def.label} with this id or key already exists`);
        return presentRow(def, rows[0]);
      });
    },

    async update(companyId: string, id: string, patch: Record<string, unknown>) {
      return db.transaction(async (tx) => {
        const existing = await tx.query(`${select} WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, id]);
        const current = existing[0];
        if (!current) throw notFound(def.label);
        const values = def.prepare ? await def.prepare(patch, presentRow(def, current)) : patch;
        await def.check?.(tx, companyId, { ...presentRow(def, current), ...values });
        await def.checkUpdate?.(tx, companyId, id, { ...presentRow(def, current), ...values });
        const [cols, params] = toParams(def, values);
        const version = await allocateVersions(tx, companyId);
        const sets = ["version = $3", ...cols.map((c, i) => `${c} = $${i + 4}`)];
        const rows = await tx.query(
          `UPDATE ${def.table} SET ${sets.join(", ")} WHERE company_id = $1 AND id = $2 RETURNING *`,
          [companyId, id, version, ...params],
        );
        await def.afterUpdate?.(tx, companyId, id, values);
        return presentRow(def, rows[0] as Record<string, unknown>);
      });
    },

    /** Hard delete with a tombstone so tills drop it too; refused while something refers to it. */
    async remove(companyId: string, id: string) {
      await db.transaction(async (tx) => {
        const rows = await tx.query(`DELETE FROM ${def.table} WHERE company_id = $1 AND id = $2 RETURNING id`, [
          companyId,
          id,
        ]);
        if (!rows[0]) throw notFound(def.label);
        if (!def.entity) return;
        const version = await allocateVersions(tx, companyId);
        await tx.query(
          `INSERT INTO tombstones (company_id, entity, id, version) VALUES ($1, $2, $3, $4)
           ON CONFLICT (company_id, entity, id) DO UPDATE SET version = EXCLUDED.version`,
          [companyId, def.entity, id, version],
        );
      });
    },
  };
}
