// `npm run bench`: every benchmark of docs/benchmarks.md's issue-17 table in one run, one table at the end with
// the targets beside the figures. Not part of `npm test` (minutes long, and its figures depend on the machine).
//   npm run bench                    server ingest (batched, one per request, idle pull; PostgreSQL), upload of
//                                    1,000 offline invoices (till in Node and in Chromium; and that upload's
//                                    IndexedDB work in raw IndexedDB), the till in Chromium at 20k and 100k products
//   npm run bench -- --quick         shorter runs (fewer invoices, only the 20k till)
//   npm run bench -- --anchors       also ../shared/anchors (http, pg, idb, pouch) in the same run: peer / bare
//                                    figures and our/peer ratios (skipped with a message when the folder is absent)
//   npm run bench -- --pglite        also the ingest benchmark on embedded PGlite (its RSS idle and under load)
//   npm run bench -- --skip-browser  no Chromium (the till and the anchors idb/pouch)
// Each benchmark script prints one JSON line ({"bench":…}) as its last line; this reads it.
import { execSync, spawn } from "node:child_process";
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchTable } from "./benchTable.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** This file's header comment: what --help prints, and what a wrong option is answered with. */
const usage = () =>
  readFileSync(fileURLToPath(import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line.startsWith("//"))
    .slice(0, 11)
    .map((line) => line.replace(/^\/\/ ?/, ""))
    .join("\n");
const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  console.log(usage());
  process.exit(0);
}
let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      anchors: { type: "boolean", default: false },
      pglite: { type: "boolean", default: false },
      "skip-browser": { type: "boolean", default: false },
    },
  }));
} catch (error) {
  console.error(`${error.message}\n\n${usage()}`);
  process.exit(2);
}
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** Runs a command, echoes its output to stderr, returns its stdout. */
function run(cmd, args, { cwd = root, env = {} } = {}) {
  return new Promise((resolvePromise, reject) => {
    log(`${cmd} ${args.join(" ")}`);
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.stderr.on("data", (d) => process.stderr.write(d));
    child.on("exit", (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`${cmd} ${args[0]} exited ${code}`)),
    );
  });
}
const jsonLine = (out, bench) => {
  const line = out
    .split("\n")
    .reverse()
    .find((l) => l.startsWith(`{"bench":"${bench}"`));
  if (!line) throw new Error(`no {"bench":"${bench}"} line in the output`);
  return JSON.parse(line);
};
/** A failed benchmark is reported in the table, the others still run. */
async function attempt(name, fn) {
  try {
    return await fn();
  } catch (err) {
    log(`${name} failed: ${err.message}`);
    return null;
  }
}
const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

// ---- our benchmarks --------------------------------------------------------------------------------------------
const results = {};
const started = Date.now();
execSync("node scripts/build-if-needed.mjs", { cwd: root, stdio: ["ignore", 2, 2] });
const tsx = ["npx", "tsx"];
const ingestArgs = opts.quick ? ["--invoices", "4000", "--singles", "800"] : [];
results.ingest = await attempt("ingest", async () =>
  jsonLine(await run(tsx[0], [tsx[1], "packages/server/bench/ingestBenchmark.ts", ...ingestArgs]), "ingest"),
);
if (opts.pglite)
  results.ingestPglite = await attempt("ingest --pglite", async () =>
    jsonLine(
      await run(tsx[0], [tsx[1], "packages/server/bench/ingestBenchmark.ts", "--pglite", ...ingestArgs]),
      "ingest",
    ),
  );
/** Idle pulls of a till whose terminal's open shift has 500 sales made on another device (two tills, one drawer). */
results.sharedShift = await attempt("idle pull, shift shared with another till", async () =>
  jsonLine(
    await run(tsx[0], [
      tsx[1],
      "packages/server/bench/ingestBenchmark.ts",
      ...["--invoices", "0", "--singles", "0", "--shift-sales-elsewhere", "500"],
    ]),
    "ingest",
  ),
);
/** The upload of 1,000 offline invoices, the till's sync engine in Node or (extra: --browser) in Chromium. */
const uploadRuns = (label, extra) =>
  attempt(label, async () =>
    jsonLine(
      await run(tsx[0], [
        tsx[1],
        "packages/web/bench/syncUploadBenchmark.ts",
        ...extra,
        "--runs",
        opts.quick ? "2" : "3",
      ]),
      "upload1000",
    ),
  );
/** Online tills: each sale made by the app's code, then the sync the scheduler runs after it (push, pull, report). */
results.onlineSales = await attempt("online tills", async () =>
  jsonLine(
    await run(tsx[0], [tsx[1], "packages/web/bench/onlineSalesBenchmark.ts", ...(opts.quick ? ["--sales", "40"] : [])]),
    "onlineSales",
  ),
);
results.upload = await uploadRuns("upload 1,000", []);
if (!opts["skip-browser"]) results.uploadChromium = await uploadRuns("upload 1,000, till in Chromium", ["--browser"]);
/** What the Chromium upload's IndexedDB work costs with no app code: raw reads and rewrites of 1,000 (idbUploadFloor). */
if (!opts["skip-browser"])
  results.idbUploadFloor = await attempt("IndexedDB floor of an upload", async () =>
    jsonLine(
      await run("node", ["packages/web/bench/idbUploadFloor.mjs", "--rounds", opts.quick ? "2" : "5"]),
      "idbUploadFloor",
    ),
  );

/** The till in Chromium against a compiled server on a freshly seeded embedded database. */
async function tillBenchmark(products, clients) {
  const dataDir = mkdtempSync(join(tmpdir(), "mostrador-posbench-"));
  const env = { DATA_DIR: dataDir, SEED_DEMO: "0" };
  let server;
  try {
    await run(
      "node",
      [
        "packages/server/dist/cli/seed.js",
        "--products",
        String(products),
        "--clients",
        String(clients),
        "--domain",
        "bench.co",
      ],
      { env },
    );
    const port = await freePort();
    // As `npm start` runs it: the server package's start script (node <flags> dist/main.js).
    const start = JSON.parse(readFileSync(join(root, "packages/server/package.json"), "utf8")).scripts.start;
    server = spawn("node", start.trim().split(/\s+/).slice(1), {
      cwd: join(root, "packages/server"),
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}`);
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 600) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    const out = await run("node", ["packages/web/bench/posBenchmark.mjs"], {
      env: {
        BASE: base,
        EMAIL: "caja@bench.co",
        INVOICES: opts.quick ? "20" : "60",
        ONE_FRAME_CLICKS: opts.quick ? "10" : "20",
      },
    });
    return jsonLine(out, "pos");
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (!opts["skip-browser"]) {
  results.till20k = await attempt("till 20k", () => tillBenchmark(20_000, 10_000));
  if (!opts.quick) results.till100k = await attempt("till 100k", () => tillBenchmark(100_000, 20_000));
}

// ---- the anchors -----------------------------------------------------------------------------------------------
/** ../shared/anchors next to the main checkout (a worktree's common git dir tells where that is). */
function anchorsFolder() {
  if (process.env.ANCHORS_DIR) return process.env.ANCHORS_DIR;
  const common = execSync("git rev-parse --path-format=absolute --git-common-dir", { cwd: root }).toString().trim();
  for (const candidate of [join(root, "../shared/anchors"), join(dirname(common), "../shared/anchors")])
    if (existsSync(join(candidate, "http.mjs"))) return candidate;
  return null;
}
/** The anchors need their own node_modules: a read-only folder is copied to a temporary one and installed once. */
function usableAnchors(folder) {
  if (existsSync(join(folder, "node_modules"))) return folder;
  let writable = true;
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    writable = false;
  }
  const target = writable ? folder : join(tmpdir(), "mostrador-anchors", "anchors");
  if (!existsSync(join(target, "node_modules"))) {
    if (!writable) {
      cpSync(folder, target, { recursive: true });
      execSync(`chmod -R u+w ${JSON.stringify(dirname(target))}`);
    }
    log(`installing the anchors' dependencies in ${target} (npm ci, once)`);
    execSync("npm ci --no-audit --no-fund", { cwd: target, stdio: ["ignore", 2, 2] });
  }
  return target;
}
/** The anchors print markdown rows `| label | median unit | min–max | runs |`: label → median. */
function anchorRows(out) {
  const rows = {};
  for (const m of out.matchAll(/^\| (.+?) \| ([\d,.]+) [^|]*\| [^|]*\| \d+ \|$/gm))
    rows[m[1]] = Number(m[2].replace(/,/g, ""));
  return rows;
}
const anchors = {};
if (opts.anchors) {
  const folder = anchorsFolder();
  if (!folder) log("--anchors: no ../shared/anchors folder here (or ANCHORS_DIR): the peer figures are skipped");
  else {
    const dir = usableAnchors(folder);
    const runs = opts.quick ? "1" : "3";
    const scripts = opts["skip-browser"] ? ["http", "pg"] : ["http", "pg", "idb", "pouch"];
    for (const name of scripts)
      anchors[name] = await attempt(`anchors ${name}`, async () =>
        anchorRows(await run("node", [`anchors/${name}.mjs`, runs], { cwd: dirname(dir) })),
      );
  }
}

// ---- the table (scripts/benchTable.mjs) -----------------------------------------------------------------------
console.log(
  benchTable({
    results,
    anchors,
    opts,
    started,
    loadAverage: execSync("cat /proc/loadavg").toString().split(" ").slice(0, 3).join(" "),
  }).join("\n"),
);
console.log(JSON.stringify({ bench: "all", node: process.version, results, anchors }));
