/**
 * Sign-ins under load (issue 10, section 5): 16 different users sign in at once while a probe calls
 * GET /api/health every 10 ms; reports the probe's latency during the burst and how long the
 * burst took. The server runs in its own process (PGlite by default, PostgreSQL with --pg).
 *   round "legacy bcrypt": the 16 users still have bcrypt (cost 10) hashes, verified by bcryptjs on
 *     the event loop as before this change (each is then rehashed to argon2id)
 *   rounds "argon2id": the same 16 users again, now argon2id on libuv's thread pool (at most
 *     PASSWORD_HASH_CONCURRENCY at once)
 * Usage: npx tsx packages/server/bench/loginLoadBenchmark.ts [--pg]
 */
import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { migrate } from "../src/db/migrator";
import { openDatabase } from "../src/db/openDatabase";
import { seedDemoCompany } from "../src/demo/demoCompanySeeder";
import { parseBenchArgs } from "../src/testing/benchArgs";
import { freePort } from "../src/testing/freePort";
import { startServerProcess } from "../src/testing/serverProcess";

const { values } = parseBenchArgs(import.meta.url, { options: { pg: { type: "boolean", default: false } } });
const USERS = 16;
const PASSWORD = "clave-de-prueba-2026";

let databaseUrl: string | undefined;
let dataDir: string | undefined;
let dropDb: string | null = null;
if (values.pg) {
  dropDb = `mostrador_bench_${Date.now()}`;
  execSync(`psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${dropDb}"`);
  databaseUrl = `postgres://postgres@127.0.0.1:5432/${dropDb}`;
} else {
  dataDir = mkdtempSync(join(tmpdir(), "mostrador-login-bench-"));
}

const db = await openDatabase({ databaseUrl, dataDir });
await migrate(db);
const demo = await seedDemoCompany(db, { emailDomain: `loginbench${Date.now()}.test` });
const legacyHash = bcrypt.hashSync(PASSWORD, 10); // the cost the old hasher used
const emails: string[] = [];
for (let i = 0; i < USERS; i++) {
  const email = `cajero${i}@${demo.companyId}.test`;
  emails.push(email);
  await db.query(
    "INSERT INTO users (company_id, id, name, email, password_hash, role) VALUES ($1, $2, $3, $4, $5, 'cashier')",
    [demo.companyId, randomUUID(), `Cajero ${i}`, email, legacyHash],
  );
}
await db.close(); // PGlite allows one process on a data folder: hand it to the server
const server = await startServerProcess({ port: await freePort(), databaseUrl, dataDir, webDist: false });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

async function round(label: string) {
  let done = false;
  const started = performance.now();
  const logins = Promise.all(
    emails.map(async (email) => {
      const r = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      await r.arrayBuffer();
      return r.status;
    }),
  ).finally(() => {
    done = true;
  });
  const probe: number[] = [];
  while (!done) {
    const t = performance.now();
    const r = await fetch(`${server.url}/api/health`);
    await r.arrayBuffer();
    probe.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const statuses = await logins;
  const burstMs = performance.now() - started;
  const sorted = probe.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(14)} logins ${statuses.filter((s) => s === 200).length}/${USERS} ok in ${burstMs.toFixed(0)} ms; ` +
      `health during them: ${sorted.length} calls, median ${percentile(sorted, 0.5).toFixed(1)} ms, ` +
      `p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`,
  );
}

try {
  await round("legacy bcrypt");
  for (let i = 1; i <= 3; i++) await round(`argon2id #${i}`);
} finally {
  await server.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (dropDb) execSync(`psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE ${dropDb} WITH (FORCE)"`);
}
