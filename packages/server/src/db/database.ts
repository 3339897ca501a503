/**
 * The one persistence interface: PostgreSQL SQL, run either on embedded PGlite
 * or on a real server through a pool. Commands and data access only see this.
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Inside a transaction: the transaction's LAST statements, already made, whose answers nothing
   * reads. On a pipelined PostgreSQL connection COMMIT is written right behind them, so the rows they
   * lock are held for one round trip less; an error of any of them rolls the transaction back and is
   * thrown by transaction(). Call it through finishTransactionWith (other Queryables just await them).
   */
  finishWith?(statements: Promise<unknown>[]): Promise<void>;
}

/**
 * Put first in a statement whose best plan depends on its parameters (arrays of any length) and on tables that
 * grow: the PostgreSQL implementation sends it unnamed, so it is planned for each call's values and today's
 * statistics. A named statement may switch to a generic plan after five calls and keep it for the connection's
 * life: made from the statistics of a small table (a new company, a fresh server) it can read a big one through
 * the wrong index later (issue 17: the validation context query after a connection began with batch uploads).
 */
export const PLAN_EACH_CALL = "/* plan each call */";

/** Ends a transaction's work with statements made at once (see Queryable.finishWith). */
export async function finishTransactionWith(tx: Queryable, statements: Promise<unknown>[]): Promise<void> {
  if (tx.finishWith) return tx.finishWith(statements);
  const settled = await Promise.allSettled(statements);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique_violation from PostgreSQL (both drivers expose the SQLSTATE as `code`). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "23505";
}

/** A data exception (SQLSTATE class 22: a value PostgreSQL cannot store or convert), never a server fault. */
export function isDataError(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code);
}
