import "fake-indexeddb/auto";
import Dexie, { liveQuery, type Table } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { writeAnsweredAtCommit } from "./answeredAtCommit";

interface Row {
  id: string;
  n: number;
}
class TestDb extends Dexie {
  rows!: Table<Row, string>;
  other!: Table<Row, string>;
  constructor(name = `answered-${crypto.randomUUID()}`) {
    super(name);
    this.version(1).stores({ rows: "id", other: "id" });
  }
}
const dbs: TestDb[] = [];
function openDb(): TestDb {
  const db = new TestDb();
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

describe("writeAnsweredAtCommit", () => {
  it("answers the work's value only once the native transaction has completed, with the rows stored", async () => {
    const db = openDb();
    let nativeComplete = false;
    const value = await writeAnsweredAtCommit(db, [db.rows, db.other], () => {
      // Registered after the function's own listener: it has run too when the answer is read.
      Dexie.currentTransaction.idbtrans.addEventListener("complete", () => {
        nativeComplete = true;
      });
      return db.rows.add({ id: "a", n: 1 }).then(() => db.other.put({ id: "b", n: 2 }).then(() => "done"));
    }).then((v) => {
      expect(nativeComplete).toBe(true);
      return v;
    });
    expect(value).toBe("done");
    const again = new TestDb(db.name); // a second connection, as another tab would have
    dbs.push(again);
    expect(await again.rows.get("a")).toEqual({ id: "a", n: 1 });
    expect(await again.other.get("b")).toEqual({ id: "b", n: 2 });
  });

  it("fails with the work's own error and stores nothing", async () => {
    const db = openDb();
    class Refused extends Error {}
    const outcome = writeAnsweredAtCommit(db, [db.rows], () =>
      db.rows.add({ id: "a", n: 1 }).then(() => {
        throw new Refused("no");
      }),
    );
    await expect(outcome).rejects.toBeInstanceOf(Refused);
    expect(await db.rows.count()).toBe(0);
  });

  it("fails as a plain Dexie transaction does when IndexedDB refuses a write", async () => {
    const db = openDb();
    await db.rows.add({ id: "a", n: 1 });
    const duplicate = () => db.rows.add({ id: "b", n: 2 }).then(() => db.rows.add({ id: "a", n: 3 }));
    const plain = await db.transaction("rw", db.rows, duplicate).then(
      () => null,
      (error: unknown) => error,
    );
    const ours = await writeAnsweredAtCommit(db, [db.rows], duplicate).then(
      () => null,
      (error: unknown) => error,
    );
    expect(plain).toBeInstanceOf(Dexie.ConstraintError);
    expect(ours).toBeInstanceOf(Dexie.ConstraintError);
    expect(await db.rows.toArray()).toEqual([{ id: "a", n: 1 }]);
  });

  it("fails with Dexie's error, not waiting forever, when no transaction can be made", async () => {
    const db = openDb();
    await db.open();
    db.close({ disableAutoOpen: true });
    await expect(writeAnsweredAtCommit(db, [db.rows], () => db.rows.add({ id: "a", n: 1 }))).rejects.toBeInstanceOf(
      Dexie.DatabaseClosedError,
    );
  });

  it("leaves Dexie's own commit handling in place: live queries still see the write", async () => {
    const db = openDb();
    const seen: number[] = [];
    const subscription = liveQuery(() => db.rows.count()).subscribe((n) => seen.push(n));
    try {
      await expect.poll(() => seen).toEqual([0]);
      await writeAnsweredAtCommit(db, [db.rows], () => db.rows.add({ id: "a", n: 1 }));
      await expect.poll(() => seen).toEqual([0, 1]);
      // And the next transaction on the same tables runs normally.
      await writeAnsweredAtCommit(db, [db.rows], () => db.rows.put({ id: "b", n: 2 }));
      await expect.poll(() => seen).toEqual([0, 1, 2]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
