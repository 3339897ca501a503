import { mkdirSync } from "node:fs";
import { PGlite, types } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database";
import { DurableNodeFS, durableStartParams, folderSyncedOnce, syncNewDataFolder } from "./pgliteDurableFs";

/** int8 as JS number: our bigints (money, versions) stay far below 2^53. */
const parsers = { [types.INT8]: (v: string) => Number(v), [types.NUMERIC]: (v: string) => Number(v) };

/**
 * PGlite's PostgreSQL allocates its shared buffers in the WebAssembly memory at start, and that memory
 * is resident for good: the default 128 MB was most of the embedded server's RSS (288 MB on reopening a
 * data folder, 163 MB with 16 MB). 32 MB holds a shop's hot rows; the files behind it stay in the
 * operating system's page cache. PGLITE_SHARED_BUFFERS sets another size (e.g. 128MB).
 */
export const PGLITE_SHARED_BUFFERS = process.env.PGLITE_SHARED_BUFFERS || "32MB";

export interface PgliteOptions {
  /** The host's fsync of a native descriptor (tests count them); fsyncSync by default. */
  syncDescriptor?: (fd: number) => void;
}

export async function openPgliteDatabase(dataDir?: string, options: PgliteOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const synced = dataDir !== undefined && folderSyncedOnce(dataDir);
  const sharedBuffers = ["-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`];
  // On disk, commits are fsynced (pgliteDurableFs.ts); in memory (tests) there is no disk to sync.
  const pg = dataDir
    ? new PGlite({
        parsers,
        fs: new DurableNodeFS(dataDir, options.syncDescriptor),
        startParams: [...durableStartParams(PGlite.defaultStartParams), ...sharedBuffers],
      })
    : new PGlite({ parsers, startParams: [...PGlite.defaultStartParams, ...sharedBuffers] });
  await pg.waitReady;
  // A new folder's cluster was written by PGlite's initdb with nothing synced: once, all of it (pgliteDurableFs).
  if (dataDir && !synced) syncNewDataFolder(dataDir, options.syncDescriptor);
  const run = async <T>(q: { query: PGlite["query"] }, sql: string, params?: readonly unknown[]) =>
    (await q.query<T>(sql, params as unknown[] | undefined)).rows;
  return {
    kind: "pglite",
    query: (sql, params) => run(pg, sql, params),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    // PGlite has one connection and serializes transactions, so this is exclusive.
    transaction: (fn) =>
      pg.transaction(async (tx) => {
        const q: Queryable = {
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        };
        return fn(q);
      }),
    close: () => pg.close(),
  };
}
