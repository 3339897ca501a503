import pg from "pg";
import type { Database, Queryable } from "./database";

pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

const statementNames = new Map<string, string>();
/** Named statements are parsed and planned once per connection instead of on every call. */
function named(sql: string, params?: readonly unknown[]) {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] | undefined };
}

export async function openPostgresDatabase(connectionString: string, maxConnections = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // Fail fast with a clear message when the server is not there.
  const client = await pool.connect();
  client.release();
  return {
    kind: "postgres",
    query: async (sql, params) => (await pool.query(named(sql, params))).rows,
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        const q: Queryable = {
          query: async (sql, params) => (await conn.query(named(sql, params))).rows,
          exec: async (sql) => {
            await conn.query(sql);
          },
        };
        const result = await fn(q);
        await conn.query("COMMIT");
        return result;
      } catch (err) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
