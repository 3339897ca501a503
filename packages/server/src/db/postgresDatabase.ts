import pg from "pg";
import type { Database, Queryable } from "./database";
import { coalesceSocketWrites } from "./socketWriteCoalescing";

pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

const statementNames = new Map<string, string>();
/**
 * Named statements are parsed once per connection instead of on every call, and PostgreSQL may run them on a
 * generic plan after five calls: a statement whose plan must not depend on the statistics of the moment is
 * written so that every plan probes the intended index (validationContextLoader).
 */
export function namedStatement(sql: string, params?: readonly unknown[]) {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] | undefined };
}

/**
 * Database.keyProbes' connections: only index paths that need no sort are cheap to the planner. Set by a statement
 * on each new connection, before anything else runs on it (not as a startup option, which `options` in the
 * connection string would replace, and which would drop PGOPTIONS for that pool only).
 */
export const KEY_PROBE_SETTINGS_SQL =
  "SELECT set_config('enable_seqscan', 'off', false), set_config('enable_bitmapscan', 'off', false), set_config('enable_sort', 'off', false)";

function openPool(connectionString: string, max: number, firstStatement?: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, pipeline: true } as pg.PoolConfig);
  // Queued on the new client before the pool hands it out, so it runs before the first caller's statement; a
  // connection that cannot take it is closed (its queries fail) rather than used without it.
  if (firstStatement)
    pool.on("connect", (client) => {
      client.query(firstStatement).catch(() => client.end().catch(() => undefined));
    });
  // The messages of the statements made in one tick (a transaction's BEGIN, statements and COMMIT) leave in
  // one socket write instead of one write per protocol message. Applied once the client is connected: its
  // stream is then the one it keeps (after a TLS upgrade too).
  pool.on("connect", (client) => coalesceSocketWrites((client as pg.Client).connection.stream));
  // An idle connection that PostgreSQL ends (a restart, idle_session_timeout, the network) is already out of
  // the pool when the pool emits "error"; with no listener that event ended the process. The next query
  // opens a new connection, and one that cannot be opened fails that query.
  pool.on("error", () => undefined);
  return pool;
}

/** Statements on a pool (each on any of its connections) or on one checked-out connection. */
function queryableOf(on: pg.Pool | pg.PoolClient): Pick<Queryable, "query" | "exec"> {
  return {
    query: async (sql, params) => (await on.query(namedStatement(sql, params))).rows,
    exec: async (sql) => {
      await on.query(sql);
    },
  };
}

export async function openPostgresDatabase(connectionString: string, maxConnections = 10): Promise<Database> {
  // Pipeline mode (pg ≥ 8.21): a query is written to the socket as soon as it is made, without waiting
  // for the answer of the one before on the same connection. A transaction's BEGIN travels with its
  // first statement, and statements a caller runs concurrently in one transaction share a round trip.
  // Each statement still gets its own answer (and its own error); an error inside a transaction aborts
  // it as before, and every statement after it fails, so nothing after an error is committed.
  const pool = openPool(connectionString, maxConnections);
  // Database.keyProbes: the planner settings are the connections' own, so nothing else runs with them.
  const probePool = openPool(connectionString, Math.max(1, Math.ceil(maxConnections / 2)), KEY_PROBE_SETTINGS_SQL);
  // Fail fast with a clear message when the server is not there.
  const client = await pool.connect();
  client.release();
  return {
    kind: "postgres",
    keyProbes: queryableOf(probePool),
    ...queryableOf(pool),
    transaction: async (fn) => {
      const conn = await pool.connect();
      // While a client is checked out the pool's own "error" listener is off: a connection lost meanwhile
      // (server restart, terminated backend) would emit "error" with no listener, an uncaught exception that
      // ends the process. Its statements fail on their own; the dead client leaves the pool on release.
      let lost: Error | undefined;
      const onLost = (err: Error) => {
        lost ??= err;
      };
      conn.on("error", onLost);
      try {
        // Not awaited here: sent ahead of the first statement (same connection, answered in order).
        const begun = conn.query("BEGIN");
        begun.catch(() => undefined);
        // The statements given to finishWith: COMMIT follows them without waiting for their answers.
        const tail: Promise<unknown>[] = [];
        let tailError: { reason: unknown } | null = null;
        const q: Queryable = {
          ...queryableOf(conn),
          finishWith: async (statements) => {
            for (const statement of statements) {
              tail.push(statement);
              statement.catch((reason) => {
                tailError ??= { reason };
              });
            }
          },
        };
        const result = await fn(q);
        await begun;
        // One of them already failed (before COMMIT is written): rolled back below.
        if (tailError) throw (tailError as { reason: unknown }).reason;
        const commit = conn.query("COMMIT");
        commit.catch(() => undefined);
        const settled = await Promise.allSettled(tail);
        const committed = await commit;
        const failed = settled.find((s) => s.status === "rejected");
        if (failed) throw failed.reason;
        // PostgreSQL answers COMMIT of a failed transaction with ROLLBACK.
        if (committed.command !== "COMMIT") throw new Error(`the transaction ended with ${committed.command}`);
        return result;
      } catch (err) {
        await conn.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        conn.off("error", onLost);
        conn.release(lost);
      }
    },
    close: async () => {
      await Promise.all([pool.end(), probePool.end()]);
    },
  };
}
