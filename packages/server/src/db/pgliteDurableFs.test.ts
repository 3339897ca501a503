import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { openPgliteDatabase } from "./pgliteDatabase";
import {
  DurableNodeFS,
  durableStartParams,
  FAILED_FSYNC_EXIT_CODE,
  FOLDER_SYNCED_MARKER,
  syncFolderTree,
} from "./pgliteDurableFs";

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

  it("is how the server opens a data folder: a new folder synced whole once, each commit's WAL synced", async () => {
    const dir = newFolder();
    const synced: string[] = [];
    const syncDescriptor = (fd: number) => synced.push(readlinkSync(`/proc/self/fd/${fd}`));
    const db = await openPgliteDatabase(dir, { syncDescriptor });
    // The new folder: every file of the cluster, the marker, the folder and the folder that holds it.
    for (const path of [join(dir, "PG_VERSION"), join(dir, "global/pg_control"), join(dir, FOLDER_SYNCED_MARKER)])
      expect(synced).toContain(path);
    expect(synced.slice(-2)).toEqual([dir, dirname(dir)]);
    await db.exec("CREATE TABLE sales (id int PRIMARY KEY)");
    synced.length = 0;
    await db.transaction(async (q) => {
      await q.query("INSERT INTO sales VALUES (1)");
    });
    expect(synced.filter((path) => path.startsWith(join(dir, "pg_wal")))).not.toEqual([]);
    expect(await db.query("SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS m")).toEqual(
      [{ fsync: "on", m: "fsync" }],
    );
    await db.close();

    // Reopened: not synced whole again, and the row is there.
    synced.length = 0;
    const again = await openPgliteDatabase(dir, { syncDescriptor });
    expect(synced).not.toContain(join(dir, "PG_VERSION"));
    expect(await again.query("SELECT id FROM sales")).toEqual([{ id: 1 }]);
    await again.close();

    // A folder whose whole sync was cut short (no marker) is synced whole at its next opening.
    rmSync(join(dir, FOLDER_SYNCED_MARKER));
    synced.length = 0;
    const third = await openPgliteDatabase(dir, { syncDescriptor });
    expect(synced).toContain(join(dir, "PG_VERSION"));
    expect(existsSync(join(dir, FOLDER_SYNCED_MARKER))).toBe(true);
    await third.close();
  });

  it("a failed fsync of the WAL stops the process before the commit is answered; the folder opens after", async () => {
    const dir = newFolder();
    const serverRoot = join(import.meta.dirname, "../..");
    const run = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", join(serverRoot, "src/testing/failedFsyncProcess.ts"), dir],
      { cwd: serverRoot, timeout: 60_000 },
    ).then(
      (out) => ({ code: 0, ...out }),
      (error: { code?: number; stdout: string; stderr: string }) => error,
    );
    expect(run.stdout).toContain("READY");
    expect(run.stdout).not.toContain("ACKNOWLEDGED");
    expect(run.code).toBe(FAILED_FSYNC_EXIT_CODE);
    expect(run.stderr).toContain("could not fsync");
    // PostgreSQL recovers the folder from its WAL at the next start; whether the unanswered row is there or not,
    // the database opens and answers (the till sends what got no answer again).
    const db = await openPgliteDatabase(dir);
    expect((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sales"))[0]?.n).toBeLessThanOrEqual(1);
    await db.close();
  }, 90_000);
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
