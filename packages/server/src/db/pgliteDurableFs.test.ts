import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { openPgliteDatabase } from "./pgliteDatabase";
import { DurableNodeFS, durableStartParams, syncFolderTree } from "./pgliteDurableFs";

/**
 * A commit on the embedded database reaches the disk before it is answered: PostgreSQL's fsync of the WAL
 * becomes the host's fsync (counted here by the file each synced descriptor names). A power cut cannot be
 * simulated here; what is shown is that the sync is asked of the operating system at each commit, and that
 * PGlite as shipped asks for none (the negative control).
 */
const folders: string[] = [];
function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "mostrador-durable-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A PGlite on `dir` whose host fsyncs are recorded as the paths they sync. */
async function openCounting(dir: string, startParams: string[]) {
  const synced: string[] = [];
  const fs = new DurableNodeFS(dir, (fd) => synced.push(readlinkSync(`/proc/self/fd/${fd}`)));
  const pg = new PGlite({ fs, startParams });
  await pg.waitReady;
  await pg.exec("CREATE TABLE sales (id int PRIMARY KEY, total bigint)");
  return { pg, synced };
}

describe.skipIf(process.platform !== "linux")("the embedded database's commits are fsynced", () => {
  it("fsyncs the WAL on disk at each commit, before the commit returns", async () => {
    const dir = newFolder();
    const { pg, synced } = await openCounting(dir, durableStartParams(PGlite.defaultStartParams));
    try {
      for (let i = 1; i <= 3; i++) {
        synced.length = 0;
        await pg.transaction(async (tx) => {
          await tx.query("INSERT INTO sales VALUES ($1, $2)", [i, 1_250_000]);
          expect(synced).toEqual([]); // nothing synced before the commit
        });
        expect(synced.filter((path) => path.startsWith(join(dir, "pg_wal")))).not.toEqual([]);
      }
    } finally {
      await pg.close();
    }
  });

  it("(negative control) PGlite's own start parameters sync nothing at a commit", async () => {
    const { pg, synced } = await openCounting(newFolder(), [...PGlite.defaultStartParams]);
    try {
      synced.length = 0;
      await pg.query("INSERT INTO sales VALUES (1, 1250000)");
      expect(synced).toEqual([]);
    } finally {
      await pg.close();
    }
  });

  it("is how the server opens a data folder: fsync on, WAL flushed by fsync, rows there after reopening", async () => {
    const dir = newFolder();
    const db = await openPgliteDatabase(dir);
    // How openPgliteDatabase tells a folder it has just created (and syncs whole) from an existing one.
    expect(existsSync(join(dir, "PG_VERSION"))).toBe(true);
    await db.exec("CREATE TABLE sales (id int PRIMARY KEY)");
    await db.transaction(async (q) => {
      await q.query("INSERT INTO sales VALUES (1)");
    });
    expect(await db.query("SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS m")).toEqual(
      [{ fsync: "on", m: "fsync" }],
    );
    await db.close();
    const again = await openPgliteDatabase(dir);
    expect(await again.query("SELECT id FROM sales")).toEqual([{ id: 1 }]);
    await again.close();
  });
});

describe.skipIf(process.platform !== "linux")("syncFolderTree", () => {
  it("syncs every file and folder under a folder, each folder after its entries", () => {
    const dir = newFolder();
    mkdirSync(join(dir, "base/1"), { recursive: true });
    for (const file of ["PG_VERSION", "base/1/1259", "base/1/1259_fsm"]) writeFileSync(join(dir, file), "x");
    const synced: string[] = [];
    syncFolderTree(dir, (fd) => synced.push(readlinkSync(`/proc/self/fd/${fd}`)));
    expect([...synced].sort()).toEqual(
      ["", "PG_VERSION", "base", "base/1", "base/1/1259", "base/1/1259_fsm"].map((p) => join(dir, p)).sort(),
    );
    expect(synced.indexOf(join(dir, "base"))).toBeGreaterThan(synced.indexOf(join(dir, "base/1/1259")));
    expect(synced.at(-1)).toBe(dir);
  });
});
