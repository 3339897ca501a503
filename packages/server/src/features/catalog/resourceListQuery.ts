import { textSchema } from "@mostrador/domain";
import { z } from "zod";
import type { ResourceDefinition } from "./resourceDefinition";

/** Every list sorts by these; a definition adds its own (products: reference, barcode, price). */
const commonSortFields = { name: "name", changed: "version" } as const;

/** `sort` name → column of a resource. */
export function sortColumnsOf(def: ResourceDefinition): Record<string, string> {
  return { ...commonSortFields, ...def.sortFields };
}

/**
 * The list's query string: paging, search, `active`, `sort` (`name` or `-name`, from the resource's
 * sort fields) and its exact-match filters. Strict: an unknown key or sort field is 400 VALIDATION_FAILED.
 */
export function listQuerySchemaOf(def: ResourceDefinition) {
  const names = Object.keys(sortColumnsOf(def));
  const sorts = names.flatMap((n) => [n, `-${n}`]) as [string, ...string[]];
  const filters = Object.fromEntries(
    Object.entries(def.filters ?? {}).map(([key, filter]) => [key, filter.schema.optional()]),
  );
  return z.strictObject({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    q: textSchema(100).optional(),
    active: z.enum(["true", "false"]).optional(),
    sort: z.enum(sorts, { message: `sort by one of: ${names.join(", ")} (a leading '-' sorts descending)` }).optional(),
    ...filters,
  });
}

export interface ListQuery {
  limit: number;
  offset: number;
  /** Only these ids (a cashier's terminals). */
  ids?: string[];
  q?: string;
  active?: boolean;
  /** "price" or "-price"; absent: the definition's order. */
  sort?: string;
  /** Exact-match filters by query key (already validated). */
  filters?: Record<string, unknown>;
}

/**
 * The text `?q=` searches on small tables: the search columns joined by spaces, matched once.
 * Products and clients keep the same text lowercased in a stored column (searchTextColumn).
 */
export function searchExpression(columns: string[]): string {
  return `(${columns.map((c) => `coalesce(${c}, '')`).join(" || ' ' || ")})`;
}

/** WHERE (with its parameters, $1 = company) and ORDER BY of a list; ties always broken by id. */
export function listSql(def: ResourceDefinition, companyId: string, query: ListQuery) {
  const where = ["company_id = $1"];
  const params: unknown[] = [companyId];
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      def.searchTextColumn
        ? `${def.searchTextColumn} LIKE lower($${params.length})`
        : `${searchExpression(def.searchColumns)} ILIKE $${params.length}`,
    );
  }
  if (query.ids) {
    params.push(query.ids);
    where.push(`id = ANY($${params.length}::uuid[])`);
  }
  if (query.active !== undefined) {
    params.push(query.active);
    where.push(`active = $${params.length}`);
  }
  for (const [key, value] of Object.entries(query.filters ?? {})) {
    const filter = def.filters?.[key];
    if (!filter || value === undefined) continue;
    params.push(value);
    where.push(`${filter.column} = $${params.length}`);
  }
  let column = def.orderBy;
  let direction = "";
  if (query.sort) {
    const descending = query.sort.startsWith("-");
    const sortColumn = sortColumnsOf(def)[descending ? query.sort.slice(1) : query.sort];
    if (!sortColumn) throw new Error(`unknown sort ${query.sort}: the query schema lets only known ones through`);
    column = sortColumn;
    direction = descending ? " DESC" : "";
  }
  /** ORDER BY with the columns qualified by `table.` when given (a join). */
  const orderBy = (table = "") => `${table}${column}${direction}, ${table}id${direction}`;
  return { where: where.join(" AND "), params, orderBy };
}
