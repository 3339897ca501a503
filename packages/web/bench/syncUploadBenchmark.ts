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
 * Usage: npx tsx packages/web/bench/syncUploadBenchmark.ts [--pglite] [--runs 3] [--browser] [--cpu-prof DIR]
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
import { evaluateInPage, launchChromiumPipe, newPageSession } from "./chromiumPipe";
import { measureUploads } from "./uploadRuns";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    pglite: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    browser: { type: "boolean", default: false },
    // The till's CPU profile of each timed push (the page's with --browser), written into this folder
    // (DevTools format).
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

/**
 * The same runs in headless Chromium: the till's code bundled into a page served on the server's origin. Chromium
 * is driven over its DevTools pipe with no Network domain (chromiumPipe.ts says why Playwright is not used here).
 */
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
  // The page's benchAround calls the binding and waits for the host's acknowledgement (one step at a time).
  const html = `<!doctype html><meta charset="utf-8"><script>
globalThis.benchAround = (step) => new Promise((resolve) => { globalThis.benchAroundDone = resolve; benchAroundBinding(step); });
</script><script type="module" src="/upload-bench/page.js"></script>`;
  const browser = launchChromiumPipe(chromiumPath, chromiumArgs);
  try {
    const session = await newPageSession(browser);
    const profileDir = values["cpu-prof"];
    if (profileDir) await browser.send("Profiler.enable", {}, session);
    let n = 0;
    // The till is Chromium: every process this one started, but the server's.
    const chromiumCpu = () => {
      const serverPids = new Set([serverPid, ...descendantPids(serverPid)]);
      return cpuOfProcesses(descendantPids(process.pid).filter((pid) => !serverPids.has(pid)));
    };
    const cpu = around(chromiumCpu);
    const onStep = async (step: string) => {
      if (step === "start") {
        if (profileDir) await browser.send("Profiler.start", {}, session);
        await cpu.start();
        return;
      }
      await cpu.stop();
      if (!profileDir) return;
      const { profile } = await browser.send("Profiler.stop", {}, session);
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `upload-push-${++n}.cpuprofile`), JSON.stringify(profile));
    };
    browser.on("Runtime.bindingCalled", (params) => {
      if (params.name !== "benchAroundBinding") return;
      void onStep(String(params.payload))
        .then(() => evaluateInPage(browser, session, "globalThis.benchAroundDone()"))
        .catch((error: unknown) => console.error(`benchAround: ${String(error)}`));
    });
    // Only the page and its script are answered here; the API calls go to the server, with nothing in between.
    browser.on("Fetch.requestPaused", (params) => {
      const { requestId, request } = params as { requestId: string; request: { url: string } };
      const js = request.url.endsWith(".js");
      void browser.send(
        "Fetch.fulfillRequest",
        {
          requestId,
          responseCode: 200,
          responseHeaders: [{ name: "content-type", value: js ? "text/javascript" : "text/html" }],
          body: Buffer.from(js ? script : html).toString("base64"),
        },
        session,
      );
    });
    await browser.send("Fetch.enable", { patterns: [{ urlPattern: `${baseUrl}/upload-bench/*` }] }, session);
    // PAGE_LOG=1: the page's console and errors here (the Runtime domain is enabled only then).
    if (process.env.PAGE_LOG) {
      browser.on("Runtime.consoleAPICalled", (params) => {
        const args = params.args as { value?: unknown; description?: string }[];
        console.log(args.map((a) => String(a.value ?? a.description ?? "")).join(" "));
      });
      browser.on("Runtime.exceptionThrown", (params) => console.error(`page error: ${JSON.stringify(params)}`));
      await browser.send("Runtime.enable", {}, session);
    }
    await browser.send("Page.navigate", { url: `${baseUrl}/upload-bench/` }, session);
    const loadedBy = Date.now() + 30_000;
    while (!(await evaluateInPage<boolean>(browser, session, `"measureUploadsInPage" in globalThis`))) {
      if (Date.now() > loadedBy) throw new Error("the upload page did not load in 30 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await browser.send("Fetch.disable", {}, session);
    // Added to the loaded page's context: without the Runtime domain enabled, a binding added before the
    // navigation is not installed in the new document.
    await browser.send("Runtime.addBinding", { name: "benchAroundBinding" }, session);
    return await evaluateInPage<number[]>(
      browser,
      session,
      `globalThis.measureUploadsInPage(${JSON.stringify(baseUrl)}, ${runs})`,
    );
  } finally {
    await browser.close();
  }
}

/** The Node till's CPU profile of each timed push, through this process's own inspector. */
async function nodeTillProfiler(profileDir: string) {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  let n = 0;
  return {
    start: () => session.post("Profiler.start"),
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `upload-push-${++n}.cpuprofile`), JSON.stringify(profile));
    },
  };
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
  const nodeProfiler = values["cpu-prof"] ? await nodeTillProfiler(values["cpu-prof"]) : null;
  const seconds = values.browser
    ? await measureUploadsInChromium(server.url, runs, server.pid() as number, around)
    : await measureUploads(server.url, runs, async (push) => {
        await nodeCpu.start();
        await nodeProfiler?.start();
        await push();
        await nodeProfiler?.stop();
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
