import type { Database } from "../../src/db/database";

/**
 * Rows locked by `lockSql` (a SELECT … FOR UPDATE) in a transaction of its own, held until `release()`:
 * the writers a test starts meanwhile wait on them. Needs real connections (PGlite runs one statement at a time).
 */
export async function holdRowLocks(db: Database, lockSql: string, params: unknown[]) {
  let letGo!: () => void;
  const released = new Promise<void>((resolve) => {
    letGo = resolve;
  });
  let held!: () => void;
  const holding = new Promise<void>((resolve) => {
    held = resolve;
  });
  const holder = db.transaction(async (tx) => {
    await tx.query(lockSql, params);
    held();
    await released;
  });
  await Promise.race([holding, holder]);
  return {
    release: async () => {
      letGo();
      await holder;
    },
  };
}

/**
 * Resolves once at least `count` sessions of this database wait on a lock (those whose statement starts with
 * `queryPrefix`, when given: pg_stat_activity keeps a statement's first 1,024 bytes); fails after ~10 s.
 */
export async function sessionsWaitingOnLocks(db: Database, count: number, queryPrefix?: string): Promise<void> {
  for (let i = 0; ; i++) {
    const waiting = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
          AND ($1::text IS NULL OR starts_with(query, $1))`,
      [queryPrefix ?? null],
    );
    if (waiting.length >= count) return;
    if (i > 400) throw new Error(`${count} sessions never waited on a lock (${waiting.length} waiting)`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
