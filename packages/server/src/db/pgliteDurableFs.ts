import { closeSync, fsyncSync, openSync, readdirSync } from "node:fs";
import { join } from "node:path";
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
    /** The host's fsync of a native descriptor (a test counts them). */
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

function addHostFsync(mod: PostgresModule, syncDescriptor: (fd: number) => void): void {
  const nodefs = mod.NODEFS as unknown as Nodefs;
  nodefs.stream_ops.fsync = (stream) => {
    if (typeof stream.nfd === "number") {
      syncDescriptor(stream.nfd);
    } else if ((stream.node.mode & S_IFMT) === S_IFDIR) {
      // A folder opened without a native descriptor: its entries (a renamed or new WAL segment) are synced
      // through one of our own.
      syncPath(nodefs.realPath(stream.node), syncDescriptor);
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

function syncPath(path: string, syncDescriptor: (fd: number) => void): void {
  const fd = openSync(path, "r");
  try {
    syncDescriptor(fd);
  } finally {
    closeSync(fd);
  }
}
