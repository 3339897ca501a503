/**
 * CPU time per unit of work of the processes a benchmark phase keeps busy, read from /proc before and after
 * the phase: the benchmark's own process (process.cpuUsage), the server process, the PostgreSQL backends
 * serving the benchmark's database and PostgreSQL's shared processes (WAL writer, checkpointer, …). CPU time
 * does not depend on how busy the machine is the way a rate does, so phases of two runs compare at any load.
 */
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

const TICK_US = 10_000; // USER_HZ 100 on Linux: utime and stime count 10 ms ticks

/** utime and stime of one process in µs, or null when it is gone. */
function processTimesUs(pid: number): { user: number; system: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces: fields counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { user: Number(fields[11]) * TICK_US, system: Number(fields[12]) * TICK_US };
  } catch {
    return null;
  }
}

/** utime + stime of one process in µs, or null when it is gone. */
function processCpuUs(pid: number): number | null {
  const t = processTimesUs(pid);
  return t && t.user + t.system;
}

/** The processes descended from `rootPid` (children, their children, …), read from /proc now. */
export function descendantPids(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const siblings = children.get(ppid);
      if (siblings) siblings.push(pid);
      else children.set(ppid, [pid]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    found.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** utime + stime in µs of each of these processes still alive, by pid. */
export function cpuOfProcesses(pids: readonly number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    const us = processCpuUs(pid);
    if (us !== null) times.set(pid, us);
  }
  return times;
}

/** µs of CPU the processes spent between two readings of cpuOfProcesses (one started meanwhile counts from 0). */
export function cpuSpentUs(after: ReadonlyMap<number, number>, before: ReadonlyMap<number, number>): number {
  let us = 0;
  for (const [pid, end] of after) us += end - (before.get(pid) ?? 0);
  return us;
}

/** PostgreSQL's processes that serve no database (background writer, WAL writer, checkpointer, …). */
function sharedPostgresPids(backendPids: ReadonlySet<number>): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || backendPids.has(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (/^postgres: .*(writer|checkpointer|walwriter|autovacuum launcher|stats|logical)/.test(cmd)) pids.push(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

interface Snapshot {
  client: number;
  server: number;
  serverSystem: number;
  backends: Map<number, number>;
  shared: Map<number, number>;
}

/** µs of CPU per unit of work, per process kind. */
export interface CpuPerUnit {
  clientUs: number;
  serverUs: number;
  serverSystemUs: number;
  postgresBackendsUs: number;
  postgresSharedUs: number;
}

export interface PhaseCpu {
  perUnit(units: number): CpuPerUnit;
}

/** Starts counting; `stop()` reads the counters again. Needs the database's name (PostgreSQL only). */
export async function phaseCpu(databaseUrl: string, serverPid: number) {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const ownPid = Number((await admin.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
  const snapshot = async (): Promise<Snapshot> => {
    const rows = (
      await admin.query(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      )
    ).rows as { pid: number }[];
    const backends = new Map<number, number>();
    for (const { pid } of rows) backends.set(pid, processCpuUs(pid) ?? 0);
    const shared = new Map<number, number>();
    for (const pid of sharedPostgresPids(new Set([...backends.keys(), ownPid])))
      shared.set(pid, processCpuUs(pid) ?? 0);
    const c = process.cpuUsage();
    const server = processTimesUs(serverPid) ?? { user: 0, system: 0 };
    return {
      client: c.user + c.system,
      server: server.user + server.system,
      serverSystem: server.system,
      backends,
      shared,
    };
  };
  const before = await snapshot();
  return {
    async stop(): Promise<PhaseCpu> {
      const after = await snapshot();
      await admin.end();
      // A backend that started during the phase counts from 0; one that ended is lost (rare: the pool keeps them).
      const backendUs = cpuSpentUs(after.backends, before.backends);
      const sharedUs = cpuSpentUs(after.shared, before.shared);
      return {
        perUnit(units) {
          return {
            clientUs: (after.client - before.client) / units,
            serverUs: (after.server - before.server) / units,
            serverSystemUs: (after.serverSystem - before.serverSystem) / units,
            postgresBackendsUs: backendUs / units,
            postgresSharedUs: sharedUs / units,
          };
        },
      };
    },
  };
}
