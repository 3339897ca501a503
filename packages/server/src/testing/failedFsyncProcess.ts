/**
 * Run by pgliteDurableFs.test.ts in a process of its own: opens PGlite on the folder given as argument with the
 * server's durable filesystem, whose host fsync fails (EIO) for the WAL once armed, then commits one row. The
 * default reaction to a failed fsync must stop this process before the commit is answered: "ACKNOWLEDGED" on
 * stdout means the commit was answered although its WAL was not synced.
 */
import { fsyncSync, readlinkSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { DurableNodeFS, durableStartParams } from "../db/pgliteDurableFs";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: failedFsyncProcess.ts DATA_DIR");
let armed = false;
const failingOnWal = (fd: number) => {
  if (armed && readlinkSync(`/proc/self/fd/${fd}`).includes("pg_wal")) {
    throw Object.assign(new Error("EIO: i/o error, fsync"), { code: "EIO", errno: -5, syscall: "fsync" });
  }
  fsyncSync(fd);
};
const pg = new PGlite({
  fs: new DurableNodeFS(dataDir, failingOnWal),
  startParams: durableStartParams(PGlite.defaultStartParams),
});
await pg.waitReady;
await pg.exec("CREATE TABLE sales (id int PRIMARY KEY)");
process.stdout.write("READY\n");
armed = true;
await pg.transaction(async (tx) => {
  await tx.query("INSERT INTO sales VALUES (1)");
});
process.stdout.write("ACKNOWLEDGED\n");
await pg.close();
