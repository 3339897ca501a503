import type { Database, Queryable } from "../../src/db/database";

/** Whether a statement is refused, and with which error (what PostgreSQL would raise): undefined runs it. */
export type Refusal = (sql: string, params: readonly unknown[]) => Error | undefined;

/**
 * The server's database, where each statement `refusal` picks fails with its error instead of running,
 * inside transactions too (the transaction then rolls back as it would on PostgreSQL's error).
 */
export function faultyDatabase(db: Database, refusal: Refusal): Database {
  const guard = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      const error = refusal(sql, params ?? []);
      return error ? Promise.reject(error) : q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return {
    ...guard(db),
    kind: db.kind,
    close: () => db.close(),
    transaction: (fn) => db.transaction((tx) => fn(guard(tx))),
  };
}

/** An error as node-postgres gives PostgreSQL's: its message and SQLSTATE. */
export const pgError = (message: string, code: string) => Object.assign(new Error(message), { code });
