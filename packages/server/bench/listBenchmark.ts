/**
 * Back-office list benchmark (issue 11): p50/p95 of `GET /api/products` and `GET /api/clients`
 * with 20,000 products and 10,000 clients — search, sort, filters and paging — measured
 * server-side: requests go through the real app (routes, validation, auth, SQL, presenter,
 * response check off) with Fastify's inject(), so no network or client time is counted.
 * Runs on in-memory PGlite, or on PostgreSQL with BENCH_DATABASE_URL (a database you may fill).
 * Target: p95 < 100 ms for every scenario.
 * Usage: npx tsx packages/server/bench/listBenchmark.ts [--products 20000] [--clients 10000] [--runs 100]
 */
import { startRuntime } from "../src/app/serverRuntime";
import { addGeneratedCatalog, seedDemoCompany } from "../src/demo/demoCompanySeeder";
import { parseBenchArgs } from "../src/testing/benchArgs";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    products: { type: "string", default: "20000" },
    clients: { type: "string", default: "10000" },
    runs: { type: "string", default: "100" },
  },
});
const runs = Number(values.runs);
const { app, db } = await startRuntime({
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  dataDir: null,
  webDist: null,
  logger: false,
});
await app.ready();
const demo = await seedDemoCompany(db, { emailDomain: `listbench${Date.now()}.test` });
let t = performance.now();
await addGeneratedCatalog(
  db,
  demo.companyId,
  { products: Number(values.products), clients: Number(values.clients) },
  Object.values(demo.taxes),
  demo.categoryIds,
);
console.log(
  `${db.kind}: seeded ${values.products} products and ${values.clients} clients in ${Math.round(performance.now() - t)} ms`,
);
await db.query("ANALYZE");

const login = await app.inject({
  method: "POST",
  url: "/api/auth/login",
  payload: { email: demo.adminEmail, password: demo.password },
});
const token = login.json().token as string;
const products = Number(values.products) + 41;

const words = ["gaseosa", "arroz", "#12", "café", "jabón", "pan", "GEN-19", "7700000", "zzz-nothing"];
const pick = <T>(xs: T[], i: number) => xs[i % xs.length] as T;
const page = (i: number, total: number) => ((i * 7919) % Math.max(1, Math.floor(total / 50))) * 50;

const scenarios: [string, (i: number) => string][] = [
  ["products: page through by name", (i) => `/api/products?sort=name&limit=50&offset=${page(i, products)}`],
  [
    "products: deep page by -price",
    (i) => `/api/products?sort=-price&limit=50&offset=${products - 50 - (i % 10) * 50}`,
  ],
  [
    "products: search + sort + page",
    (i) => `/api/products?q=${encodeURIComponent(pick(words, i))}&sort=-price&limit=50&offset=${(i % 3) * 50}`,
  ],
  [
    "products: category + sort reference",
    (i) => `/api/products?categoryId=${pick(demo.categoryIds, i)}&sort=reference&limit=50&offset=${(i % 20) * 50}`,
  ],
  [
    "products: barcode as you type",
    (i) => `/api/products?barcode=770${String(100_000 + ((i * 131) % products)).padStart(9, "0")}&limit=1`,
  ],
  ["products: last changed first", () => "/api/products?sort=-changed&limit=50"],
  [
    "clients: search idNumber + sort",
    (i) => `/api/clients?q=${10_000_000 + ((i * 37) % 10_000)}&sort=idNumber&limit=50`,
  ],
  ["clients: page through by name", (i) => `/api/clients?sort=-name&limit=50&offset=${page(i, 10_000)}`],
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] as number;
const rows: string[] = [];
for (const [name, url] of scenarios) {
  for (let i = 0; i < 5; i++)
    await app.inject({ method: "GET", url: url(i), headers: { authorization: `Bearer ${token}` } });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    const res = await app.inject({ method: "GET", url: url(i), headers: { authorization: `Bearer ${token}` } });
    times.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${url(i)} → ${res.statusCode} ${res.body}`);
  }
  times.sort((a, b) => a - b);
  rows.push(
    `| ${name} | ${pct(times, 0.5).toFixed(1)} | ${pct(times, 0.95).toFixed(1)} | ${(times.at(-1) as number).toFixed(1)} |`,
  );
}
console.log(`\n| scenario (${runs} requests each, ${db.kind}) | p50 ms | p95 ms | max ms |\n|---|---|---|---|`);
console.log(rows.join("\n"));
await app.close();
