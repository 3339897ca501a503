/**
 * Issue 4 benchmark: 1,000 invoices stored offline on one device (the app's storage module on
 * fake-indexeddb, the app's sync engine), then uploaded to the real server over loopback:
 * time until every invoice is acknowledged and marked synced locally.
 * The server runs compiled (node dist/main.js, built first when its sources changed), as in production.
 * The last line is one JSON object ({"bench":"upload1000",...}) that `npm run bench` reads.
 * Usage: npx tsx packages/web/bench/syncUploadBenchmark.ts [--pglite] [--runs 3]
 */
import "fake-indexeddb/auto";
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseBenchArgs } from "@mostrador/server/testing/benchArgs";
import { freePort } from "@mostrador/server/testing/freePort";
import { startServerProcess } from "@mostrador/server/testing/serverProcess";
import { FetchServerTransport } from "../src/api/fetchServerTransport";
import { PUSH_BATCH_SIZE } from "../src/sync/pushPlan";
import { seededRandom } from "../src/sync/testing/faultInjectingFetch";
import { startSimulatedTill } from "../src/sync/testing/simulatedTill";

const { values } = parseBenchArgs(import.meta.url, {
  options: { pglite: { type: "boolean", default: false }, runs: { type: "string", default: "3" } },
});
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
  const transport = new FetchServerTransport({ baseUrl: server.url });
  const till = await startSimulatedTill({
    setupTransport: transport,
    transport,
    credentials: { email: "caja@ejemplar.co", password: "ejemplar2026" },
    terminalName: "Caja 1",
  });
  const device = await till.store.getMeta("device");
  const numberingId = (await till.store.getTerminal(device?.terminalId ?? ""))?.numberingId ?? "";
  // The device leases 3,000 numbers at once: over the default per-device limit of two blocks.
  const admin = await transport.login({ email: "admin@ejemplar.co", password: "ejemplar2026" });
  await fetch(`${server.url}/api/numberings/${numberingId}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", authorization: `Bearer ${admin.token}` },
    // 3,000 more than the block the till leased when it registered.
    body: JSON.stringify({ maxUnusedPerDevice: 3500 }),
  });
  const block = await transport.leaseNumberBlock(device?.deviceToken ?? "", { numberingId, size: 3000 });
  await till.store.putNumberBlocks([{ ...block, numberingId }]);

  const random = seededRandom(7);
  const results: { seconds: number; perSecond: number }[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    for (let i = 0; i < 1000; i++) await till.sell(random); // offline: nothing is sent while selling
    const t0 = performance.now();
    const pushed = await till.engine.pushPending();
    const seconds = (performance.now() - t0) / 1000;
    if (pushed.synced !== 1000) throw new Error(`expected 1000 synced, got ${JSON.stringify(pushed)}`);
    results.push({ seconds, perSecond: 1000 / seconds });
  }
  const label = values.pglite ? "PGlite (embedded)" : "PostgreSQL 15";
  console.log(`\n## 1,000 offline invoices uploaded from one device, ${label}`);
  for (const [i, r] of results.entries())
    console.log(
      `- run ${i + 1}: ${r.seconds.toFixed(3)} s (${Math.round(r.perSecond)} invoices/s), batches of ${PUSH_BATCH_SIZE}`,
    );
  console.log(
    JSON.stringify({
      bench: "upload1000",
      database: values.pglite ? "pglite" : "postgres",
      seconds: results.map((r) => Number(r.seconds.toFixed(3))),
    }),
  );
} finally {
  // Never leave a server process behind, also when a run fails.
  await server.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (dropDb) execSync(`psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE ${dropDb} WITH (FORCE)"`);
}
