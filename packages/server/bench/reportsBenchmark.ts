/**
 * Reports benchmark (issue 15): the "Resumen" of a month (the last 30 days, compared with the 30
 * before) over HTTP from a real server process on PostgreSQL, for a company seeded with
 * `npm run seed -- --invoices N`. The company with the most invoices in BENCH_DATABASE_URL is used.
 *   BENCH_DATABASE_URL=postgres://… npx tsx packages/server/bench/reportsBenchmark.ts [--runs 200]
 * Prints p50/p95 of the dashboard (month and year), the Impuestos and Productos tables, and Ventas' first page.
 */
import { addDays, localDate } from "@mostrador/domain";
import { openDatabase } from "../src/db/openDatabase";
import { parseBenchArgs } from "../src/testing/benchArgs";
import { freePort } from "../src/testing/freePort";
import { startServerProcess } from "../src/testing/serverProcess";

const { values } = parseBenchArgs(import.meta.url, { options: { runs: { type: "string", default: "200" } } });
const runs = Number(values.runs);
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error("set BENCH_DATABASE_URL to a database seeded with npm run seed -- --invoices N");

const db = await openDatabase({ databaseUrl });
const [company] = await db.query<{ company_id: string; n: number }>(
  "SELECT company_id, count(*)::int AS n FROM invoices GROUP BY company_id ORDER BY n DESC LIMIT 1",
);
if (!company) throw new Error("no invoices: seed first");
const [admin] = await db.query<{ email: string }>(
  "SELECT email FROM users WHERE company_id = $1 AND role = 'admin' ORDER BY email LIMIT 1",
  [company.company_id],
);
const [summaryRows] = await db.query<{ n: number }>(
  "SELECT count(*)::int AS n FROM sales_summary WHERE company_id = $1",
  [company.company_id],
);
await db.close();

const server = await startServerProcess({ port: await freePort(), databaseUrl, webDist: false });
const login = await fetch(`${server.url}/api/auth/login`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ email: admin?.email, password: process.env.BENCH_PASSWORD ?? "ejemplar2026" }),
});
const { token } = (await login.json()) as { token: string };
const today = localDate(new Date().toISOString(), "America/Bogota");

async function measure(path: string) {
  const get = async () => {
    const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.text();
  };
  for (let i = 0; i < 10; i++) await get(); // warm up (JIT, pool, buffers)
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    bytes = (await get()).length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => (times[Math.floor(q * (times.length - 1))] as number).toFixed(1);
  return `p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms (${runs} runs, ${bytes} bytes)`;
}

const month = `period=custom&from=${addDays(today, -29)}&to=${today}`;
const year = `period=custom&from=${addDays(today, -364)}&to=${today}`;
console.log(`\n## Reports on PostgreSQL: ${company.n} invoices, ${summaryRows?.n} sales_summary rows`);
console.log(`- dashboard, last 30 days: ${await measure(`/api/reports/dashboard?${month}`)}`);
console.log(`- dashboard, today (by hour): ${await measure("/api/reports/dashboard?period=today")}`);
console.log(`- dashboard, last 365 days: ${await measure(`/api/reports/dashboard?${year}`)}`);
console.log(`- Impuestos, last 30 days: ${await measure(`/api/reports/taxes?${month}`)}`);
console.log(`- Productos vendidos, last 30 days: ${await measure(`/api/reports/products?${month}`)}`);
console.log(`- Ventas, last 30 days, first page of 50: ${await measure(`/api/reports/sales?${month}&limit=50`)}`);
await server.kill();
