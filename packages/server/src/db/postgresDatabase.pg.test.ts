import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../testing/scratchDatabase";
import { type Database, finishTransactionWith } from "./database";

/**
 * The pipelined transaction (issue 17): BEGIN travels with the first statement and COMMIT with the
 * statements given to finishWith. Whatever fails, nothing of the transaction is committed.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("transactions on a pipelined PostgreSQL connection", () => {
  let scratch: ScratchDatabase | undefined;
  let db: Database;

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseUrl as string, "perfserver_pipeline", 4);
    db = scratch.db;
    await db.exec("CREATE TABLE t (id int PRIMARY KEY, note text NOT NULL)");
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  const ids = async () => (await db.query<{ id: number }>("SELECT id FROM t ORDER BY id")).map((r) => r.id);

  it("commits the statements made before and the ones given to finishWith", async () => {
    const answer = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO t VALUES ($1, $2)", [1, "first"]);
      await finishTransactionWith(tx, [
        tx.query("INSERT INTO t VALUES ($1, $2)", [2, "tail"]),
        tx.query("INSERT INTO t VALUES ($1, $2)", [3, "tail"]),
      ]);
      return "done";
    });
    expect(answer).toBe("done");
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it("a finishing statement the database refuses rolls back the whole transaction and is thrown", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES ($1, $2)", [10, "before"]);
        await finishTransactionWith(tx, [
          tx.query("INSERT INTO t VALUES ($1, $2)", [11, "tail"]),
          tx.query("INSERT INTO t VALUES ($1, $2)", [1, "a duplicate key"]),
        ]);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it("a finishing step that fails before its statement is sent: nothing is committed", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES ($1, $2)", [20, "before"]);
        await finishTransactionWith(tx, [Promise.reject(new Error("computed wrong")), tx.query("SELECT 1")]);
      }),
    ).rejects.toThrow("computed wrong");
    expect(await ids()).toEqual([1, 2, 3]);
  });

  it("an error in the middle still rolls back, and the connection serves the next transaction", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES ($1, $2)", [30, "before"]);
        await tx.query("INSERT INTO t VALUES ($1, NULL)", [31]);
      }),
    ).rejects.toMatchObject({ code: "23502" });
    await db.transaction((tx) => tx.query("INSERT INTO t VALUES ($1, $2)", [4, "after"]));
    expect(await ids()).toEqual([1, 2, 3, 4]);
  });

  it("concurrent transactions on the pool keep their statements apart", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO t VALUES ($1, $2)", [100 + i, "many"]);
          await finishTransactionWith(tx, [tx.query("UPDATE t SET note = note || '!' WHERE id = $1", [100 + i])]);
        }),
      ),
    );
    const rows = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM t WHERE note = 'many!'");
    expect(rows[0]?.n).toBe(20);
  });
});
