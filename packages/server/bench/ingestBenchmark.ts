/**
 * Server ingest benchmark (issue 4). Runs the real server in its own process on PostgreSQL
 * (BENCH_DATABASE_URL, or a fresh database on 127.0.0.1) or on PGlite (--pglite), and drives it
 * from this process over loopback:
 *   - 20 devices pushing 100-invoice batches concurrently (target ≥ 5,000 invoices/s on PostgreSQL)
 *   - the one-invoice-per-request pattern from 16 clients, for comparison
 *   - an incremental pull with nothing new, the till's terminal with an open shift (target p95 ≤ 5 ms), measured cold (the first 200) and warm
 * The server runs compiled (dist/main.js, built first when its sources changed), as production does;
 * --tsx runs the TypeScript sources through tsx instead. The last line is one JSON object
 * ({"bench":"ingest",...}) that `npm run bench` reads; the server's RSS is sampled while it runs.
 * The client is as light as the bare anchor's (../shared/anchors/http.mjs): node:http with a keep-alive
 * agent, every timed request's body built and serialized before its phase starts (`--client fetch`: undici's
 * fetch, the earlier client, which also serialized each body inside the timed loop; the requests are the same).
 * On PostgreSQL the one-per-request phase also reports the CPU time per push of this process, the server
 * and PostgreSQL (phaseCpu.ts); --count-statements adds the statements and transactions per push.
 * Usage: npx tsx packages/server/bench/ingestBenchmark.ts [--pglite] [--invoices 20000 (0: singles only)] [--singles 2000]
 *        [--untracked] [--tsx] [--cpu-prof DIR] [--client http|fetch] [--count-statements] [--pull-times]
 *        [--catalog 20000 (products; half as many clients; 0: the demo's)] [--sale-report none|separate|carried]
 *        [--shift-sales-elsewhere 0 (sales in the idle pulls' open shift from another device of its terminal)]
 *        [--shift-sales-own 0 (sales in that shift from the pulling till itself)]
 *        BENCH_SERVER_NODE_OPTIONS="--max-semi-space-size=8 …" adds node flags to the server's process only.
 */
import { execSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../src/db/migrator";
import { openDatabase } from "../src/db/openDatabase";
import { seedDemoCompany } from "../src/demo/demoCompanySeeder";
import { parseBenchArgs } from "../src/testing/benchArgs";
import { growCatalog } from "../src/testing/catalogCopies";
import { freePort } from "../src/testing/freePort";
import { buildInvoice } from "../src/testing/invoiceFactory";
import { startServerProcess } from "../src/testing/serverProcess";
import { type BenchAnswer, benchHttpClient } from "./benchHttpClient";
import { measureIdlePulls } from "./idlePullPhase";
import { phaseCpu } from "./phaseCpu";
import { StatementCounter, statementsPerUnit } from "./statementCounts";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    pglite: { type: "boolean", default: false },
    invoices: { type: "string", default: "20000" },
    // Inventory (issue 14): every demo product untracked, so no sale moves stock (the "without" figure).
    untracked: { type: "boolean", default: false },
    singles: { type: "string", default: "2000" },
    tsx: { type: "boolean", default: false },
    // Writes the server's V8 CPU profile (node --cpu-prof) into this folder when the server stops.
    "cpu-prof": { type: "string" },
    // Prints every idle pull's time, in order (where the slow ones fall).
    "pull-times": { type: "boolean", default: false },
    // The company's catalog: this many products and half as many clients (0: the demo's 42 products).
    catalog: { type: "string", default: "20000" },
    client: { type: "string", default: "http" },
    "count-statements": { type: "boolean", default: false },
    // The queue report an online till sends with each sale's push: "none" (the push alone: the issue's figure),
    // "separate" (a report request after each push: what the till does), "carried" (the report in the push body,
    // which the server writes with the invoice: measured in session 21, not what the till does).
    "sale-report": { type: "string", default: "none" },
    // Sales made in the idle pulls' open shift on another device of the same terminal (0: none).
    "shift-sales-elsewhere": { type: "string", default: "0" },
    // Sales made in that shift by the pulling till itself (0: none).
    "shift-sales-own": { type: "string", default: "0" },
  },
});
const saleReport = values["sale-report"];
if (!["carried", "separate", "none"].includes(saleReport))
  throw new Error(`--sale-report: carried, separate or none, not ${saleReport}`);
/** The queue an online till reports after its sale was pushed: nothing left. */
const queueReport = { pending: 0, errors: 0, oldestPendingAt: null, appVersion: "bench" };
const queueReportText = JSON.stringify(queueReport);
const total = Number(values.invoices);
const compiled = !values.tsx;
if (compiled)
  execSync("node ../../scripts/build-if-needed.mjs server", { cwd: join(import.meta.dirname, ".."), stdio: "inherit" });
const DEVICES = 20;
const BATCH = 100;

let databaseUrl = process.env.BENCH_DATABASE_URL;
let dataDir: string | undefined;
let dropDb: string | null = null;
if (values.pglite) {
  dataDir = mkdtempSync(join(tmpdir(), "mostrador-bench-"));
  databaseUrl = undefined;
} else if (!databaseUrl) {
  // BENCH_DB_PREFIX / BENCH_PORT: where helpers share a machine, each keeps to its own names and ports.
  dropDb = `${process.env.BENCH_DB_PREFIX ?? "mostrador_bench"}_${Date.now()}`;
  execSync(`psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${dropDb}"`);
  databaseUrl = `postgres://postgres@127.0.0.1:5432/${dropDb}`;
}

const db = await openDatabase({ databaseUrl, dataDir });
await migrate(db);
const demo = await seedDemoCompany(db, { emailDomain: `bench${Date.now()}.test` });
// Each device below leases 5,000 numbers at once: over the default per-device limit of two blocks.
await db.query("UPDATE numberings SET max_unused_per_device = 5000 WHERE company_id = $1 AND id = $2", [
  demo.companyId,
  demo.numberings.pos,
]);
if (values.untracked) await db.query("UPDATE products SET track_stock = false WHERE company_id = $1", [demo.companyId]);
// A shop's catalog, not the demo's 42 products: what the pulls read (and their plans depend on) grows with it.
const catalogProducts = Number(values.catalog);
if (catalogProducts > 0) {
  await growCatalog(db, "products", demo.companyId, catalogProducts);
  await growCatalog(db, "clients", demo.companyId, Math.round(catalogProducts / 2));
}
console.log(
  `catalog: ${catalogProducts > 0 ? `${catalogProducts} products, ${Math.round(catalogProducts / 2)} clients` : "the demo's"}`,
);
console.log(`stock tracking: ${values.untracked ? "off (--untracked)" : "on (two tracked lines per invoice)"}`);
await db.close(); // PGlite allows one process on a data folder: hand it to the server
const statementCounter = values["count-statements"] ? new StatementCounter() : null;
const server = await startServerProcess({
  port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort(),
  databaseUrl,
  dataDir,
  webDist: false,
  compiled,
  nodeOptions: [
    ...(values["cpu-prof"] ? [`--cpu-prof`, `--cpu-prof-dir=${values["cpu-prof"]}`] : []),
    ...(statementCounter?.nodeOptions ?? []),
    // Node/V8 flags for the server only (the GC's settings, say), not for this client.
    ...(process.env.BENCH_SERVER_NODE_OPTIONS?.split(/\s+/).filter(Boolean) ?? []),
  ],
  env: statementCounter?.env ?? {},
});
/** The server process's resident set (KiB → MB), read from /proc; null where there is none. */
function serverRssMb(): number | null {
  try {
    const status = readFileSync(`/proc/${server.pid()}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}
const rssIdle = serverRssMb();
let rssPeak = rssIdle ?? 0;
const rssTimer = setInterval(() => {
  rssPeak = Math.max(rssPeak, serverRssMb() ?? 0);
}, 100);
const { agent, postText, getText } = benchHttpClient(server.url, values.client === "fetch" ? "fetch" : "http");
type Answer = BenchAnswer;
async function post(path: string, body: unknown, token?: string): Promise<Answer> {
  return postText(path, JSON.stringify(body), token);
}

const login = await post("/api/auth/login", { email: demo.cashierEmail, password: demo.password });
async function newDevice(i: number) {
  const terminalId = i % 2 ? demo.terminals.caja2 : demo.terminals.caja1;
  const reg = await post("/api/devices/register", { terminalId }, login.token);
  const lease = await post(
    "/api/number-blocks/lease",
    { numberingId: demo.numberings.pos, size: 5000 },
    reg.deviceToken,
  );
  let next = lease.rangeFrom as number;
  const make = (n: number, shiftId?: string) =>
    Array.from({ length: n }, () =>
      buildInvoice(
        demo,
        {
          deviceId: reg.device.id,
          terminalId,
          cashierId: demo.cashierId,
          numberingId: demo.numberings.pos,
          number: next++,
        },
        shiftId ? { shiftId } : {},
      ),
    );
  return { token: reg.deviceToken as string, deviceId: reg.device.id as string, terminalId, make };
}

function count(results: { outcome: string }[]) {
  const bad = results.filter((r) => r.outcome !== "accepted");
  if (bad.length) throw new Error(`not accepted: ${JSON.stringify(bad[0])}`);
  return results.length;
}

// 1. Batched ingest from 20 concurrent devices.
const devices = await Promise.all(Array.from({ length: DEVICES }, (_, i) => newDevice(i)));
const perDevice = Math.ceil(total / DEVICES);
// Every timed request's body is built and serialized before the timed phase (as the anchor's are).
const work = devices.map((d) => {
  const invoices = d.make(perDevice);
  const bodies: string[] = [];
  for (let s = 0; s < invoices.length; s += BATCH)
    bodies.push(JSON.stringify({ invoices: invoices.slice(s, s + BATCH) }));
  return { d, bodies };
});
// Warm up (JIT, connection pool) with one batch per device, not counted. With --invoices 0 (no batched
// phase) one invoice per device instead: the server then only ever sees single pushes, as with online tills
// (PostgreSQL's plan cache decides custom or generic plans from a named statement's first five runs).
await Promise.all(work.map(({ d }) => post("/api/sync/push", { invoices: d.make(total > 0 ? BATCH : 1) }, d.token)));
const batchedCpu = databaseUrl && total > 0 ? await phaseCpu(databaseUrl, server.pid() as number) : null;
let t0 = performance.now();
const accepted = await Promise.all(
  work.map(async ({ d, bodies }) => {
    let n = 0;
    for (const body of bodies) n += count((await postText("/api/sync/push", body, d.token)).results);
    return n;
  }),
);
const batchedSeconds = (performance.now() - t0) / 1000;
const batchedCount = accepted.reduce((a, b) => a + b, 0);
const batchedRate = batchedCount / batchedSeconds;
const batchedCpuPerInvoice = batchedCpu ? (await batchedCpu.stop()).perUnit(batchedCount) : null;

// 2. One invoice per request, 16 concurrent clients.
const singles = Number(values.singles);
const singleDevices = devices.slice(0, 16);
const singleWork = singleDevices.map((d) => ({
  d,
  bodies: d
    .make(Math.ceil(singles / 16))
    .map((inv) => JSON.stringify({ invoices: [inv], ...(saleReport === "carried" ? { report: queueReport } : {}) })),
}));
const statementsBefore = statementCounter ? await statementCounter.read(server.pid() as number) : null;
const singleCpu = databaseUrl ? await phaseCpu(databaseUrl, server.pid() as number) : null;
const singleStartIso = new Date().toISOString();
t0 = performance.now();
const singleAccepted = await Promise.all(
  singleWork.map(async ({ d, bodies }) => {
    let n = 0;
    for (const body of bodies) {
      n += count((await postText("/api/sync/push", body, d.token)).results);
      if (saleReport !== "separate") continue;
      const answer = await postText("/api/devices/current/report", queueReportText, d.token);
      if (!answer.reportedAt) throw new Error(`report refused: ${JSON.stringify(answer)}`);
    }
    return n;
  }),
);
const singleSeconds = (performance.now() - t0) / 1000;
const singleEndIso = new Date().toISOString();
const singleCount = singleAccepted.reduce((a, b) => a + b, 0);
const singleRate = singleCount / singleSeconds;
const singleCpuPerPush = singleCpu ? (await singleCpu.stop()).perUnit(singleCount) : null;
const statementsAfter = statementCounter ? await statementCounter.read(server.pid() as number) : null;
const statementsPerPush =
  statementsBefore && statementsAfter ? statementsPerUnit(statementsBefore, statementsAfter, singleCount) : null;

// 3. Incremental pull with nothing new (idlePullPhase.ts).
const [puller, neighbour] = [devices[0], devices[2]] as [(typeof devices)[number], (typeof devices)[number]]; // both on Caja 1
const { cold, warm, bytes } = await measureIdlePulls({ post, getText }, puller, demo.cashierId, [
  { till: puller, make: puller.make, count: Number(values["shift-sales-own"]) },
  { till: neighbour, make: neighbour.make, count: Number(values["shift-sales-elsewhere"]) },
]);
if (values["pull-times"])
  console.log(
    `idle pull times, cold then warm (ms): ${cold.times.map((t) => t.toFixed(1)).join(" ")} | ${warm.times.map((t) => t.toFixed(1)).join(" ")}`,
  );
const p = warm.p;

const label = values.pglite ? "PGlite (embedded)" : "PostgreSQL 15";
console.log(`\n## Server ingest on ${label}`);
// A phase given 0 invoices (--invoices 0, --singles 0) is said to be skipped, not printed as 0/s or NaN.
console.log(
  batchedCount > 0
    ? `- batched: ${batchedCount} invoices from ${DEVICES} devices (100 per request) in ${batchedSeconds.toFixed(2)} s = ${Math.round(batchedRate)} invoices/s`
    : "- batched: skipped (--invoices 0)",
);
console.log(
  singleCount > 0
    ? `- one invoice per request, 16 clients, the queue's report ${saleReport}: ${Math.round(singleRate)} invoices/s (${batchedCount > 0 ? `batched is ${(batchedRate / singleRate).toFixed(1)}x; ` : ""}${singleStartIso}–${singleEndIso})`
    : "- one invoice per request: skipped (--singles 0)",
);
if (batchedCpuPerInvoice && batchedCount > 0)
  console.log(
    `- CPU per invoice (batched): this client ${batchedCpuPerInvoice.clientUs.toFixed(0)} µs, server ${batchedCpuPerInvoice.serverUs.toFixed(0)} µs (system ${batchedCpuPerInvoice.serverSystemUs.toFixed(0)}), PostgreSQL backends ${batchedCpuPerInvoice.postgresBackendsUs.toFixed(0)} µs, PostgreSQL shared processes ${batchedCpuPerInvoice.postgresSharedUs.toFixed(0)} µs`,
  );
if (singleCpuPerPush && singleCount > 0)
  console.log(
    `- CPU per push (one per request): this client ${singleCpuPerPush.clientUs.toFixed(0)} µs, server ${singleCpuPerPush.serverUs.toFixed(0)} µs (system ${singleCpuPerPush.serverSystemUs.toFixed(0)}), PostgreSQL backends ${singleCpuPerPush.postgresBackendsUs.toFixed(0)} µs, PostgreSQL shared processes ${singleCpuPerPush.postgresSharedUs.toFixed(0)} µs (client: ${values.client})`,
  );
if (statementsPerPush)
  console.log(
    `- per push: ${statementsPerPush.statements.toFixed(2)} statements, ${statementsPerPush.transactions.toFixed(3)} transactions (${(1 / statementsPerPush.transactions).toFixed(1)} pushes per transaction)`,
  );
console.log(
  `- incremental pull with nothing new: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms warm (the server's first 200 idle pulls: p50 ${cold.p(0.5)} ms, p95 ${cold.p(0.95)} ms), ${bytes} bytes on the wire (body + response headers)`,
);

clearInterval(rssTimer);
agent.destroy();
console.log(
  `- server RSS: ${rssIdle?.toFixed(0)} MB after start, peak ${rssPeak.toFixed(0)} MB under load (${compiled ? "node dist/main.js" : "tsx"})`,
);
console.log(
  JSON.stringify({
    bench: "ingest",
    database: values.pglite ? "pglite" : "postgres",
    batchedPerSecond: Math.round(batchedRate),
    singlePerSecond: Math.round(singleRate),
    idlePullP50Ms: Number(p(0.5)),
    idlePullP95Ms: Number(p(0.95)),
    idlePullColdP50Ms: Number(cold.p(0.5)),
    idlePullColdP95Ms: Number(cold.p(0.95)),
    idlePullBytes: bytes,
    rssIdleMb: rssIdle === null ? null : Math.round(rssIdle),
    rssPeakMb: Math.round(rssPeak),
    batchedCpuUsPerInvoice: batchedCpuPerInvoice
      ? Object.fromEntries(Object.entries(batchedCpuPerInvoice).map(([k, v]) => [k, Math.round(v)]))
      : null,
    singleCpuUsPerPush: singleCpuPerPush
      ? Object.fromEntries(Object.entries(singleCpuPerPush).map(([k, v]) => [k, Math.round(v)]))
      : null,
    // The two totals (the statements by kind are for reading, not for npm run bench's JSON).
    singleStatementsPerPush: statementsPerPush && {
      statements: statementsPerPush.statements,
      transactions: statementsPerPush.transactions,
    },
  }),
);
await (values["cpu-prof"] ? server.stop() : server.kill());
if (dataDir) rmSync(dataDir, { recursive: true, force: true });
statementCounter?.remove();
if (dropDb) execSync(`psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE ${dropDb} WITH (FORCE)"`);
