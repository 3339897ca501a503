import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const serverRoot = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The node flags production starts the server with: those of the server package's `start` script
 * (`node <flags> dist/main.js`), read from it so benchmarks and browser tests run the server as `npm start`
 * does and the flags are written in one place.
 */
export function productionNodeFlags(
  startScript: string = JSON.parse(readFileSync(join(serverRoot, "package.json"), "utf8")).scripts.start,
): string[] {
  const words = startScript.trim().split(/\s+/);
  if (words[0] !== "node" || words.at(-1) !== "dist/main.js")
    throw new Error(`the server's start script is not "node [flags] dist/main.js": ${startScript}`);
  return words.slice(1, -1);
}

export interface ServerProcess {
  url: string;
  port: number;
  /** Stops the process as a crash would (SIGKILL): no graceful shutdown. */
  kill(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  output(): string;
  /** The running process's id (for its RSS), or null when stopped. */
  pid(): number | null;
  /** Stops the process gracefully (SIGINT: a --cpu-prof profile is written on exit). */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  port: number;
  /** A real PostgreSQL; otherwise embedded PGlite in dataDir. */
  databaseUrl?: string;
  dataDir?: string;
  seedDemo?: boolean;
  webDist?: boolean;
  env?: Record<string, string>;
  /**
   * Run the compiled server as production does (dist/main.js with the start script's node flags) instead of
   * the TypeScript sources through tsx.
   */
  compiled?: boolean;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeOptions?: string[];
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number, log: () => string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not become healthy in ${timeoutMs} ms`);
}

/** A real server in its own OS process, for multi-process and crash tests. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | null = null;
  let log = "";
  const start = async () => {
    const entry = options.compiled ? [...productionNodeFlags(), "dist/main.js"] : ["--import", "tsx", "src/main.ts"];
    child = spawn(process.execPath, [...(options.nodeOptions ?? []), ...entry], {
      cwd: serverRoot,
      env: {
        ...process.env,
        PORT: String(options.port),
        HOST: "127.0.0.1",
        DATABASE_URL: options.databaseUrl ?? "",
        DATA_DIR: options.dataDir ?? "",
        SEED_DEMO: options.seedDemo ? "1" : "0",
        SERVE_WEB: options.webDist === false ? "0" : "1",
        // Errors and warnings only: the log is kept in memory for a failing test's message.
        LOG_LEVEL: "warn",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      log += String(d);
    });
    child.stderr?.on("data", (d) => {
      log += String(d);
    });
    await waitForHealth(url, child, 60_000, () => log);
  };
  await start();
  return {
    url,
    port: options.port,
    output: () => log,
    pid: () => (child as ChildProcess | null)?.pid ?? null,
    start,
    stop: async () => {
      const c = child as ChildProcess | null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill("SIGINT");
      });
    },
    kill: async () => {
      const c = child as ChildProcess | null;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once("exit", () => resolve());
        c.kill("SIGKILL");
      });
    },
  };
}
