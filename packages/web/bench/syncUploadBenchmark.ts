/**
 * Issue 4 benchmark: 1,000 invoices stored offline on one device (the app's storage module, the app's sync
 * engine), then uploaded to the real server over loopback: time until every invoice is acknowledged and marked
 * synced locally (uploadRuns.ts). The till runs in this Node process on fake-indexeddb, or with --browser in
 * headless Chromium on its real IndexedDB, as a till does (the page is uploadRunsPage.ts bundled by esbuild and
 * served on the server's origin; the PouchDB anchor's push also runs in Chromium).
 * The server runs compiled (node dist/main.js, built first when its sources changed), as in production.
 * Each run also reports the CPU its push took in the till's processes (this one, or Chromium's), the server and
 * PostgreSQL's backends: the three share the machine's two cores, so their sum bounds the upload's time.
 * The last line is one JSON object ({"bench":"upload1000",...}) that `npm run bench` reads.
 * Usage: npx tsx packages/web/bench/syncUploadBenchmark.ts [--pglite] [--runs 3] [--browser [--cpu-prof DIR]]
 */
import "fake-indexeddb/auto";
import { execSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuOfProcesses, cpuSpentUs, descendantPids, phaseCpu } from "@mostrador/server/bench/phaseCpu";
import { parseBenchArgs } from "@mostrador/server/testing/benchArgs";
import { freePort } from "@mostrador/server/testing/freePort";
import { startServerProcess } from "@mostrador/server/testing/serverProcess";
import { chromiumArgs, chromiumPath } from "../e2e/support/chromiumLaunch.mjs";
import { PUSH_BATCH_SIZE } from "../src/sync/pushPlan";
import { measureUploads } from "./uploadRuns";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    pglite: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    browser: { type: "boolean", default: false },
    // With --browser: the page's CPU profile of each timed push, written into this folder (DevTools format).
    "cpu-prof": { type: "string" },
  },
});
/** The CPU one timed upload took, in ms: the till's processes, the server's, PostgreSQL's backends. */
interface UploadCpu {
  till: number;
  server: number;
  postgres: number | null;
}
const uploadCpu: UploadCpu[] = [];

/**
 * Reads the CPU of the till, the server and PostgreSQL around each timed push (the two cores are shared by
 * all three, so an upload's time is bounded by their sum): `tillCpuUs` reads the till's processes.
 */
function cpuAround(serverPid: number, databaseUrl: string | undefined, tillCpuUs: () => Map<number, number>) {
  let started: {
    till: Map<number, number>;
    server: Map<number, number>;
    pg: Awaited<ReturnType<typeof phaseCpu>> | null;
  };
  return {
    async start() {
      started = {
        pg: databaseUrl ? await phaseCpu(databaseUrl, serverPid) : null,
        till: tillCpuUs(),
        server: cpuOfProcesses([serverPid]),
      };
    },
    async stop() {
      const till = cpuSpentUs(tillCpuUs(), started.till);
      const server = cpuSpentUs(cpuOfProcesses([serverPid]), started.server);
      const pg = started.pg ? (await started.pg.stop()).perUnit(1).postgresBackendsUs : null;
      uploadCpu.push({ till: till / 1000, server: server / 1000, postgres: pg === null ? null : pg / 1000 });
    },
  };
}

/** The same runs in headless Chromium: the till's code bundled into a page served on the server's origin. */
async function measureUploadsInChromium(
  baseUrl: string,
  runs: number,
  serverPid: number,
  around: (tillCpuUs: () => Map<number, number>) => ReturnType<typeof cpuAround>,
): Promise<number[]> {
  const { build } = await import("esbuild");
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, "uploadRunsPage.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs],
  });
  try {
    const page = await browser.newPage();
    const profileDir = values["cpu-prof"];
    const cdp = profileDir ? await page.context().newCDPSession(page) : null;
    await cdp?.send("Profiler.enable");
    let n = 0;
    // The till is Chromium: every process this one started, but the server's.
    const chromiumCpu = () => {
      const serverPids = new Set([serverPid, ...descendantPids(serverPid)]);
      return cpuOfProcesses(descendantPids(process.pid).filter((pid) => !serverPids.has(pid)));
    };
    const cpu = around(chromiumCpu);
    await page.exposeFunction("benchAround", async (step: "start" | "stop") => {
      if (step === "start") {
        await cdp?.send("Profiler.start");
        return cpu.start();
      }
      await cpu.stop();
      if (!cdp || !profileDir) return;
      const { profile } = await cdp.send("Profiler.stop");
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `upload-push-${++n}.cpuprofile`), JSON.stringify(profile));
    });
    // Only the page and its script are answered here; the API calls go to the server.
    await page.route(`${baseUrl}/upload-bench/**`, (route) =>
      route.request().url().endsWith(".js")
        ? route.fulfill({ contentType: "text/javascript", body: script })
        : route.fulfill({
            contentType: "text/html",
            body: '<!doctype html><meta charset="utf-8"><script type="module" src="/upload-bench/page.js"></script>',
          }),
    );
    // PAGE_LOG=1: the page's console here (a diagnostic added to uploadRuns.ts prints there).
    if (process.env.PAGE_LOG) page.on("console", (m) => console.log(m.text()));
    page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${baseUrl}/upload-bench/`);
    await page.waitForFunction(() => "measureUploadsInPage" in globalThis, undefined, { timeout: 30_000 });
    // With a route registered, Playwright pauses every request of the page (the timed pushes too) and lets it go
    // from Node; the page and its script are loaded now, so the pushes travel as a till's do.
    await page.unrouteAll();
    type InPage = { measureUploadsInPage: (u: string, r: number) => Promise<number[]> };
    return await page.evaluate(([url, runs]) => (globalThis as unknown as InPage).measureUploadsInPage(url, runs), [
      baseUrl,
      runs,
    ] as [string, number]);
  } finally {
    await browser.close();
  }
}

execSync("node scripts/build-if-needed.mjs server", { cwd: join(import.meta.dirname, "../../.."), stdio: "inherit" });
let databaseUrl: string | undefined;
let dataDir: string | undefined;
let dropDb: string | null = null;
if (values.pglite) dataDir = mkdtempSync(join(tmpdir(), "mostrador-syncbench-"));
else {
  // BENCH_DB_PREFIX / BENCH_PORT: where helpers share a machine, each keeps to its own names and ports.
  dropDb = `${process.env.BENCH_DB_PREFIX ?? "mostrador"}_syncbench_${Date.now()}`;
  execSync(`psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${dropDb}"`);
  databaseUrl = `postgres://postgres@127.0.0.1:5432/${dropDb}`;
}
const server = await startServerProcess({
  port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort(),
  databaseUrl,
  dataDir,
  seedDemo: true,
  webDist: false,
  compiled: true,
});
try {
  const runs = Number(values.runs);
  const around = (tillCpuUs: () => Map<number, number>) => cpuAround(server.pid() as number, databaseUrl, tillCpuUs);
  const ownCpu = () => {
    const { user, system } = process.cpuUsage();
    return new Map([[process.pid, user + system]]);
  };
  const nodeCpu = around(ownCpu);
  const seconds = values.browser
    ? await measureUploadsInChromium(server.url, runs, server.pid() as number, around)
    : await measureUploads(server.url, runs, async (push) => {
        await nodeCpu.start();
        await push();
        await nodeCpu.stop();
      });
  const label = values.pglite ? "PGlite (embedded)" : "PostgreSQL 15";
  const till = values.browser ? "the till in Chromium" : "the till in Node on fake-indexeddb";
  console.log(`\n## 1,000 offline invoices uploaded from one device, ${label}, ${till}`);
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${Math.round(v)} ms`);
  for (const [i, s] of seconds.entries()) {
    const cpu = uploadCpu[i];
    console.log(
      `- run ${i + 1}: ${s.toFixed(3)} s (${Math.round(1000 / s)} invoices/s), batches of ${PUSH_BATCH_SIZE}; CPU: till ${ms(cpu?.till)}, server ${ms(cpu?.server)}, PostgreSQL ${ms(cpu?.postgres)}`,
    );
  }
  console.log(
    JSON.stringify({
      bench: "upload1000",
      database: values.pglite ? "pglite" : "postgres",
      till: values.browser ? "chromium" : "node",
      seconds: seconds.map((s) => Number(s.toFixed(3))),
      // Per run, ms of CPU: the till's processes (this one, or Chromium's), the server's, PostgreSQL's backends.
      cpuMs: uploadCpu.map((c) => ({
        till: Math.round(c.till),
        server: Math.round(c.server),
        postgres: c.postgres === null ? null : Math.round(c.postgres),
      })),
    }),
  );
} finally {
  // Never leave a server process behind, also when a run fails.
  await server.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (dropDb) execSync(`psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE ${dropDb} WITH (FORCE)"`);
}
