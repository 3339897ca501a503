import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./database";
import { openPostgresDatabase } from "./postgresDatabase";

/**
 * A PostgreSQL connection that dies while a transaction holds it (review, session 9): the server
 * restarted, an admin terminated the backend, idle_in_transaction_session_timeout, the network. The
 * transaction must fail like any failed transaction (the caller answers 5xx or takes each push alone)
 * and the process must keep serving: pg emits "error" on a checked-out client, which has no listener
 * of the pool's while it is checked out. The same when the connection was idle in the pool: the pool then
 * emits "error" itself, which ended the process while nothing listened.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("a connection lost inside a transaction", () => {
  let db: Database;
  let admin: Database;
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  beforeAll(async () => {
    db = await openPostgresDatabase(databaseUrl as string, 2);
    admin = await openPostgresDatabase(databaseUrl as string, 1);
    process.on("uncaughtException", onUncaught);
  });

  afterAll(async () => {
    process.off("uncaughtException", onUncaught);
    await db?.close();
    await admin?.close();
  });

  it("fails that transaction only; no uncaught error, and the pool serves the next one", async () => {
    const failed = db.transaction(async (tx) => {
      const [me] = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      // Between two statements (the connection idle in the transaction), the backend goes away.
      await admin.query("SELECT pg_terminate_backend($1)", [me?.pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return tx.query("SELECT 1 AS one");
    });
    await expect(failed).rejects.toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
    const again = await db.transaction((tx) => tx.query<{ one: number }>("SELECT 1 AS one"));
    expect(again).toEqual([{ one: 1 }]);
  });

  it("an idle pooled connection the server ends is dropped: no uncaught error, the next query opens another", async () => {
    // Both pools hold an idle connection: the statements' and the key probes' (Database.keyProbes). Only those two
    // are ended (other test files share this database).
    const pid = "SELECT pg_backend_pid() AS pid";
    const [main] = await db.query<{ pid: number }>(pid);
    const [probe] = (await db.keyProbes?.query<{ pid: number }>(pid)) ?? [];
    const ended = await admin.query<{ ok: boolean }>(
      "SELECT pg_terminate_backend(p) AS ok FROM unnest($1::int[]) AS p",
      [[main?.pid, probe?.pid]],
    );
    expect(ended).toEqual([{ ok: true }, { ok: true }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uncaught).toEqual([]);
    expect(await db.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
    expect(await db.keyProbes?.query<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });
});
