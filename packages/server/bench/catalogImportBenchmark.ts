/**
 * CSV import benchmark (issue 11: "20,000 product rows in under 30 s"). Runs the real app in this
 * process (requests through app.inject: JSON parsing, auth, the importer and the database; no
 * socket) on embedded PGlite in memory, or on PostgreSQL with BENCH_DATABASE_URL. Measures, for a
 * demo company with its small catalog:
 *   - preview of a 20,000-row file (commit: false)
 *   - commit of it: 20,000 creates
 *   - the same file with every price changed: 20,000 updates
 *   - export (semicolon) and the re-import of the export: 0 creates, 0 updates
 * Usage: npx tsx packages/server/bench/catalogImportBenchmark.ts [--rows 20000]
 *        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> npx tsx packages/server/bench/catalogImportBenchmark.ts
 */
import { startRuntime } from "../src/app/serverRuntime";
import { seedDemoCompany } from "../src/demo/demoCompanySeeder";
import { parseBenchArgs } from "../src/testing/benchArgs";
import { productRows, productsCsv } from "../src/testing/catalogCsvFactory";

const { values } = parseBenchArgs(import.meta.url, { options: { rows: { type: "string", default: "20000" } } });
const rows = Number(values.rows);
const LIMIT_MS = 30_000;

const { app, db } = await startRuntime({
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  dataDir: null,
  webDist: null,
  checkResponses: false,
});
await app.ready();
const demo = await seedDemoCompany(db, { emailDomain: `bench-${Date.now()}.test`, name: "Benchmark de importación" });
const login = await app.inject({
  method: "POST",
  url: "/api/auth/login",
  payload: { email: demo.adminEmail, password: demo.password },
});
const token = login.json().token as string;

async function timed(label: string, method: "GET" | "POST", url: string, payload?: unknown) {
  const started = performance.now();
  const res = await app.inject({
    method,
    url,
    payload: payload as object,
    headers: { authorization: `Bearer ${token}` },
  });
  const ms = performance.now() - started;
  if (res.statusCode !== 200) throw new Error(`${label}: HTTP ${res.statusCode} ${res.body.slice(0, 500)}`);
  const body = res.headers["content-type"]?.toString().startsWith("text/csv") ? null : res.json();
  const counts = body
    ? ` creates ${body.creates}, updates ${body.updates}, unchanged ${body.unchanged}, errors ${body.errorCount}`
    : "";
  console.log(
    `${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(6)} s${counts}${ms > LIMIT_MS ? "  OVER 30 s" : ""}`,
  );
  return { res, body, ms };
}

console.log(`CSV import of ${rows} products on ${db.kind}`);
const created = productRows(rows, "BENCH");
const csv = productsCsv(created);
console.log(`file: ${(csv.length / 1024 / 1024).toFixed(1)} MB`);
await timed("preview (commit: false)", "POST", "/api/products/import", { csv, commit: false });
const first = await timed("commit: creates", "POST", "/api/products/import", { csv, commit: true });
const repriced = productsCsv(created.map((r) => ({ ...r, price: "99.900" })));
const second = await timed("commit: every price changed", "POST", "/api/products/import", {
  csv: repriced,
  commit: true,
});
const exported = await timed("export (semicolon)", "GET", "/api/products/export?delimiter=semicolon");
const third = await timed("re-import of the export", "POST", "/api/products/import", {
  csv: exported.res.body,
  commit: true,
});
await app.close();
const worst = Math.max(first.ms, second.ms, third.ms);
const ok = first.body.creates === rows && second.body.updates === rows && third.body.creates + third.body.updates === 0;
console.log(ok && worst < LIMIT_MS ? `OK: slowest commit ${(worst / 1000).toFixed(2)} s (< 30 s)` : "FAILED");
process.exit(ok && worst < LIMIT_MS ? 0 : 1);
