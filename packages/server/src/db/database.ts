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

/** Ends a transaction's work with statements made at once (see Queryable.finishWith). */
export async function finishTransactionWith(tx: Queryable, statements: Promise<unknown>[]): Promise<void> {
  if (tx.finishWith) return tx.finishWith(statements);
  const settled = await Promise.allSettled(statements);
  for (const s of settled) if (s.status === "rejected") throw s.reason;
}

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /**
   * Where a statement runs whose every part must stay a probe of its key's index in every state of the tables'
   * statistics (the validation context query). On PostgreSQL: connections whose planner may use no sequential
   * scan, bitmap scan or sort, so the generic plan PostgreSQL keeps for a named statement after five calls is the
   * key-index plan even when it was made on small or never-analyzed tables (where a scan looks cheaper and would
   * then read every row of a grown table until the next ANALYZE). Absent (PGlite): the database itself, which
   * plans every call for the tables' current size.
   */
  readonly keyProbes?: Queryable;
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique_violation from PostgreSQL (both drivers expose the SQLSTATE as `code`). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: string }).code === "23505";
}

/** PostgreSQL broke a lock cycle (SQLSTATE 40P01) by rolling this transaction back: nothing of it is stored. */
export function isDeadlock(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "40P01";
}

/** A data exception (SQLSTATE class 22: a value PostgreSQL cannot store or convert), never a server fault. */
export function isDataError(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code);
}
