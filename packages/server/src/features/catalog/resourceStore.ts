import { allocateVersions } from "../../db/changeVersions";
import type { Database, Queryable } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { auditChanges, recordAudit } from "../audit/auditTrail";
import { type ResourceDefinition, snake } from "./resourceDefinition";
import { type ListQuery, listSql } from "./resourceListQuery";
import { assertNotInUse, assertUnique, changesUniqueKey, duplicateFromViolation } from "./resourceRules";

export type { ListQuery } from "./resourceListQuery";

/** Who writes: every back-office write is scoped by company and recorded in the audit trail with the user. */
export interface Writer {
  companyId: string;
  userId: string;
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

/** Secrets among the stored values ("password" when a passwordHash was set): named in the audit, never shown. */
const secretsSet = (def: ResourceDefinition, values: Record<string, unknown>) =>
  Object.entries(def.secretFields ?? {}).flatMap(([field, name]) => (values[field] !== undefined ? [name] : []));

/** Runs a write; a unique index that refuses it (a race past the check) is answered DUPLICATE too. */
async function refusingDuplicates<T>(def: ResourceDefinition, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw duplicateFromViolation(def, err) ?? err;
  }
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
      const { where, params, orderBy } = listSql(def, companyId, query);
      const page = `ORDER BY ${orderBy()} LIMIT ${query.limit} OFFSET ${query.offset}`;
      if (query.q) {
        // A search reads every row of the company once (ILIKE '%…%'): count in the same pass
        // instead of a second scan. Past the last page no row carries the count: count apart.
        const rows = await db.query(
          `SELECT *, count(*) OVER ()::int AS list_total FROM ${def.table} WHERE ${where} ${page}`,
          params,
        );
        if (rows[0] || query.offset === 0)
          return { items: rows.map((r) => presentRow(def, r)), total: Number(rows[0]?.list_total ?? 0) };
      }
      const [rows, count] = await Promise.all([
        // The page's ids first, then its rows: a deep page sorts only (key, id) pairs in memory, not
        // 20,000 whole rows on disk (what PostgreSQL chose past ~60 % of the list).
        db.query(
          `SELECT t.* FROM (SELECT id FROM ${def.table} WHERE ${where} ${page}) p
             JOIN ${def.table} t ON t.company_id = $1 AND t.id = p.id ORDER BY ${orderBy("t.")}`,
          params,
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${def.table} WHERE ${where}`, params),
      ]);
      return { items: rows.map((r) => presentRow(def, r)), total: count[0]?.n ?? 0 };
    },

    async get(companyId: string, id: string) {
      const row = await get(db, companyId, id);
      if (!row) throw notFound(def.label);
      return presentRow(def, row);
    },

    async create(writer: Writer, input: Record<string, unknown>, id: string) {
      const { companyId } = writer;
      const values = def.prepare ? await def.prepare(input, null) : input;
      return refusingDuplicates(def, () =>
        db.transaction(async (tx) => {
          await def.check?.(tx, companyId, values);
          await assertUnique(tx, def, companyId, values);
          const [cols, params] = toParams(def, values);
          const version = await allocateVersions(tx, companyId);
          const all = ["company_id", "id", "version", ...cols];
          const placeholders = all.map((_, i) => `$${i + 1}`).join(", ");
          const rows = await tx.query(
            `INSERT INTO ${def.table} (${all.join(", ")}) VALUES (${placeholders}) ON CONFLICT (company_id, id) DO NOTHING RETURNING *`,
            [companyId, id, version, ...params],
          );
          if (!rows[0]) throw new ApiError(409, "CONFLICT", `a ${def.label} with this id already exists`);
          const created = presentRow(def, rows[0]);
          const changes = auditChanges(null, created, secretsSet(def, values));
          await recordAudit(tx, { ...writer, entity: def.path, recordId: id, action: "create", changes });
          return created;
        }),
      );
    },

    /**
     * Applies a patch. With `expectedVersion` (the version the editor loaded) a row changed since is
     * answered 409 CONFLICT with the row as it is now, and nothing is written.
     */
    async update(writer: Writer, id: string, body: Record<string, unknown>) {
      const { companyId } = writer;
      const { expectedVersion, ...patch } = body;
      return refusingDuplicates(def, () =>
        db.transaction(async (tx) => {
          const existing = await tx.query(`${select} WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, id]);
          const current = existing[0];
          if (!current) throw notFound(def.label);
          const before = presentRow(def, current);
          if (expectedVersion !== undefined && Number(current.version) !== expectedVersion)
            throw new ApiError(
              409,
              "CONFLICT",
              `this ${def.label} was changed by someone else meanwhile (version ${expectedVersion} was edited, it is now at ${current.version}): reload it or save again over it`,
              { current: before },
            );
          def.checkSelf?.(writer.userId, id, patch);
          const values = def.prepare ? await def.prepare(patch, before) : patch;
          await def.check?.(tx, companyId, { ...before, ...values }, patch);
          await def.checkUpdate?.(tx, companyId, id, { ...before, ...values });
          await assertUnique(tx, def, companyId, { ...before, ...values }, { id, before, sent: values });
          const [cols, params] = toParams(def, values);
          const version = await allocateVersions(tx, companyId);
          const sets = ["version = $3", ...cols.map((c, i) => `${c} = $${i + 4}`)];
          // Its new key was just checked against every row: the row no longer needs the legacy exemption.
          if (def.legacyDuplicates && changesUniqueKey(def, before, values)) sets.push("legacy_duplicate = false");
          const rows = await tx.query(
            `UPDATE ${def.table} SET ${sets.join(", ")} WHERE company_id = $1 AND id = $2 RETURNING *`,
            [companyId, id, version, ...params],
          );
          await def.afterUpdate?.(tx, companyId, id, values);
          const updated = presentRow(def, rows[0] as Record<string, unknown>);
          const changes = auditChanges(before, updated, secretsSet(def, values));
          await recordAudit(tx, { ...writer, entity: def.path, recordId: id, action: "update", changes });
          return updated;
        }),
      );
    },

    /** Hard delete with a tombstone so tills drop it too; refused (IN_USE) while something refers to it. */
    async remove(writer: Writer, id: string) {
      const { companyId } = writer;
      await db.transaction(async (tx) => {
        def.checkSelf?.(writer.userId, id, null);
        const rows = await tx.query(`${select} WHERE company_id = $1 AND id = $2 FOR UPDATE`, [companyId, id]);
        if (!rows[0]) throw notFound(def.label);
        await assertNotInUse(tx, def, companyId, id);
        await tx.query(`DELETE FROM ${def.table} WHERE company_id = $1 AND id = $2`, [companyId, id]);
        const changes = auditChanges(presentRow(def, rows[0]), null);
        await recordAudit(tx, { ...writer, entity: def.path, recordId: id, action: "delete", changes });
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
