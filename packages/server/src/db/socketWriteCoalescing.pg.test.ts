import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, finishTransactionWith } from "./database";
import { openPostgresDatabase } from "./postgresDatabase";

/**
 * A pipelined transaction on PostgreSQL leaves in one socket write per tick (issue 17): BEGIN and the
 * statements made with it in one, COMMIT in another, instead of one write per statement (pg corks only a
 * statement's own messages: 5 writes for this transaction without it).
 */
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("socket writes of a pipelined PostgreSQL transaction", () => {
  let db: Database;

  beforeAll(async () => {
    db = await openPostgresDatabase(databaseUrl as string, 1);
    // The connection is made (startup and authentication are written) before anything is counted.
    await db.query("SELECT 1");
  });

  afterAll(async () => {
    await db?.close();
    vi.restoreAllMocks();
  });

  function countSocketWrites() {
    // Every flush of a net.Socket goes through one of the two, each one system call.
    const one = vi.spyOn(Socket.prototype as unknown as { _write: () => void }, "_write");
    const many = vi.spyOn(Socket.prototype as unknown as { _writev: () => void }, "_writev");
    return {
      writes: () => one.mock.calls.length + many.mock.calls.length,
      stop: () => {
        one.mockRestore();
        many.mockRestore();
      },
    };
  }

  it("sends BEGIN with the statements made in the same tick in one write, and COMMIT in one more", async () => {
    const counter = countSocketWrites();
    try {
      const result = await db.transaction(async (q) => {
        const first = q.query<{ n: number }>("SELECT $1::int AS n", [1]);
        const second = q.query<{ n: number }>("SELECT $1::int + 1 AS n", [1]);
        await finishTransactionWith(q, [q.query("SELECT $1::text AS note", ["last"])]);
        return Promise.all([first, second]);
      });
      expect(result.map((rows) => rows[0]?.n)).toEqual([1, 2]);
      expect(counter.writes()).toBe(2);
    } finally {
      counter.stop();
    }
  });

  it("sends a statement outside a transaction in one write", async () => {
    const counter = countSocketWrites();
    try {
      expect(await db.query<{ n: number }>("SELECT $1::int * 3 AS n", [2])).toEqual([{ n: 6 }]);
      expect(counter.writes()).toBe(1);
    } finally {
      counter.stop();
    }
  });

  it("still fails and rolls back a transaction whose statement fails, writing nothing after it", async () => {
    await expect(
      db.transaction(async (q) => {
        const ok = q.query("SELECT 1 AS n");
        const bad = q.query("SELECT 1 / $1::int AS n", [0]);
        return Promise.all([ok, bad]);
      }),
    ).rejects.toThrow(/division by zero/);
    // The connection is usable after the rollback.
    expect(await db.query<{ n: number }>("SELECT $1::int AS n", [7])).toEqual([{ n: 7 }]);
  });
});
