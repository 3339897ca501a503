import { allocateVersions } from "../db/changeVersions";
import type { Database } from "../db/database";

/** What keeps each copy's unique columns unique (SET clauses on the copy), per table a big shop grows. */
const UNIQUE_COLUMNS: Record<"products" | "clients", string> = {
  products: "barcode = gen_random_uuid()::text",
  clients: "id_number = left(md5(random()::text), 12), email = NULL",
};

/**
 * Grows a company's `table` to at least `rows` rows with copies of its own rows (new ids, each its own new
 * version, as if the back office had created them): a big shop's catalog for PostgreSQL tests and benchmarks,
 * in one transaction. Returns how many rows were added.
 */
export async function growCatalog(
  db: Database,
  table: keyof typeof UNIQUE_COLUMNS,
  companyId: string,
  rows: number,
): Promise<number> {
  const [have] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1`, [
    companyId,
  ]);
  const existing = have?.n ?? 0;
  if (existing === 0 || existing >= rows) return 0;
  const added = rows - existing;
  const [cols] = await db.query<{ list: string }>(
    `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS list
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' AND column_name <> 'version'`,
    [table],
  );
  await db.transaction(async (tx) => {
    const first = await allocateVersions(tx, companyId, added);
    await tx.query(
      `CREATE TEMP TABLE catalog_copies ON COMMIT DROP AS
         SELECT t.*, row_number() OVER () AS copy_number
           FROM ${table} t, generate_series(1, ceil($2::numeric / $3)::int)
          WHERE t.company_id = $1 LIMIT $2`,
      [companyId, added, existing],
    );
    await tx.exec(`UPDATE catalog_copies SET id = gen_random_uuid(), ${UNIQUE_COLUMNS[table]}`);
    await tx.query(
      `INSERT INTO ${table} (${cols?.list}, version) SELECT ${cols?.list}, $1::bigint + copy_number - 1 FROM catalog_copies`,
      [first],
    );
  });
  // Statistics as a shop's catalog has them by the time it sells (autovacuum analyzes a table that grew so).
  await db.exec(`ANALYZE ${table}`);
  return added;
}
