import { closeSync, existsSync, fsyncSync, openSync, readdirSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/** PGlite's Emscripten module options and the module itself (its type is not exported by name). */
type ModuleOptions = Parameters<NodeFS["init"]>[1];
type PostgresModule = Parameters<NonNullable<ModuleOptions["preRun"]>[number]>[0];

/**
 * PGlite's folder on disk, made durable across a power cut. As shipped (0.5.x), PGlite starts PostgreSQL with
 * `-F` (fsync off) and its Node filesystem (Emscripten's NODEFS) has no fsync: PostgreSQL's fsync calls
 * return at once and a commit is only in the operating system's cache. A process crash loses nothing (the
 * cache survives it), but a power cut or an OS crash can lose invoices the server already acknowledged, or
 * corrupt the folder. Here NODEFS's files and folders get a real fsync, and `durableStartParams` turns
 * PostgreSQL's fsync back on with `wal_sync_method=fsync` (Emscripten's fdatasync does not reach the disk
 * either). Upstream: electric-sql/pglite#1107.
 */
export class DurableNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    /** The host's fsync of a native descriptor (a test counts them, or makes one fail). */
    private readonly syncDescriptor: (fd: number) => void = fsyncSync,
  ) {
    super(dataDir);
  }

  override async init(pg: PGlite, opts: ModuleOptions) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const withHostSync = (mod: PostgresModule) => addHostFsync(mod, this.syncDescriptor);
    // First: NODEFS is patched before the data folder is mounted with it.
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [withHostSync, ...(emscriptenOpts.preRun ?? [])] } };
  }
}

/** PGlite's start parameters with fsync on and WAL flushes through fsync (the one call NODEFS now syncs). */
export function durableStartParams(defaults: readonly string[]): string[] {
  return [...defaults.filter((p) => p !== "-F"), "-c", "fsync=on", "-c", "wal_sync_method=fsync"];
}

/** The parts of an Emscripten NODEFS stream this reads. */
interface NodefsStream {
  nfd?: number;
  node: { mode: number };
}
interface Nodefs {
  stream_ops: { fsync?: (stream: NodefsStream) => number };
  realPath(node: NodefsStream["node"]): string;
}
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** The exit status of a server stopped by a failed fsync (EX_IOERR). */
export const FAILED_FSYNC_EXIT_CODE = 74;

/**
 * A failed fsync stops the process before PostgreSQL's call returns, so nothing it was flushing is acknowledged.
 * After a failed fsync the operating system may have dropped the data it could not write, so the only safe
 * continuation is PostgreSQL's own: PANIC, then recovery from the WAL at the next start. PGlite cannot do that in
 * the process: an exception from this hook is swallowed by Emscripten's fsync and PGlite's main loop (the commit
 * is answered as if it were durable), and after a PANIC its next query spins for ever (both seen in a review,
 * session 14). A till that got no answer sends its invoices again when the server is back (idempotent ids).
 */
export function stopAfterFailedFsync(error: unknown, fd: number): never {
  const reason = error instanceof Error ? error.message : String(error);
  const msg = `the embedded database could not fsync its data (descriptor ${fd}): ${reason}; stopping so that nothing unsynced is acknowledged. Check the disk: at the next start PostgreSQL recovers from its WAL.`;
  const line = `${JSON.stringify({ level: 60, time: Date.now(), msg })}\n`;
  try {
    writeSync(2, line);
  } finally {
    process.exit(FAILED_FSYNC_EXIT_CODE);
  }
}

/** NODEFS's fsync made the host's; one that fails stops the process (`stopAfterFailedFsync`). */
function addHostFsync(mod: PostgresModule, syncDescriptor: (fd: number) => void): void {
  const nodefs = mod.NODEFS as unknown as Nodefs;
  const sync = (fd: number) => {
    try {
      syncDescriptor(fd);
    } catch (error) {
      stopAfterFailedFsync(error, fd);
    }
  };
  nodefs.stream_ops.fsync = (stream) => {
    if (typeof stream.nfd === "number") {
      sync(stream.nfd);
    } else if ((stream.node.mode & S_IFMT) === S_IFDIR) {
      // A folder opened without a native descriptor: its entries (a renamed or new WAL segment) are synced
      // through one of our own.
      syncPath(nodefs.realPath(stream.node), sync);
    }
    return 0;
  };
}

/**
 * Fsyncs every file and folder under `dir`, folders after their entries. For a data folder PGlite has just
 * created: its initdb writes the cluster before the server's settings apply, with nothing synced.
 */
export function syncFolderTree(dir: string, syncDescriptor: (fd: number) => void = fsyncSync): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) syncFolderTree(path, syncDescriptor);
    else if (entry.isFile()) syncPath(path, syncDescriptor);
  }
  syncPath(dir, syncDescriptor);
}

/** Written in a data folder once all of it has been synced (below), so a folder cut short before is synced again. */
export const FOLDER_SYNCED_MARKER = "mostrador-synced";

export function folderSyncedOnce(dataDir: string): boolean {
  return existsSync(join(dataDir, FOLDER_SYNCED_MARKER));
}

/**
 * Syncs a data folder whole (after PGlite's initdb, which syncs nothing), then records it with the marker, and
 * syncs the folder that holds it (its entry may be new too). Until the marker is on disk, the next start does it
 * again: a power cut right after the folder was created cannot leave it half on disk and taken as synced.
 */
export function syncNewDataFolder(dataDir: string, syncDescriptor: (fd: number) => void = fsyncSync): void {
  syncFolderTree(dataDir, syncDescriptor);
  const marker = join(dataDir, FOLDER_SYNCED_MARKER);
  writeFileSync(marker, "every file of this folder was fsynced once after it was created\n");
  syncPath(marker, syncDescriptor);
  syncPath(dataDir, syncDescriptor);
  syncPath(dirname(dataDir), syncDescriptor);
}

function syncPath(path: string, syncDescriptor: (fd: number) => void): void {
  const fd = openSync(path, "r");
  try {
    syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
