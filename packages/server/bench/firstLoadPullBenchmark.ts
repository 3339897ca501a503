/**
 * The first load's pull from the server's side alone (issue 17): a Node client signs in, registers a
 * device of "Caja 1" and pulls every page as the till's first load does (limit 5000, counts=1 on the
 * first page, the stock section asked for), timing each page (headers, then the whole body) and the
 * whole load; then retires the device (a terminal has a device limit). No browser, no IndexedDB: what
 * is left is the server's work, the loopback and JSON.parse.
 * Needs a running server on a seeded company, e.g.:
 *   DATA_DIR=/tmp/bench node packages/server/dist/cli/seed.js --products 20000 --clients 10000 --domain bench.co
 *   DATA_DIR=/tmp/bench PORT=3640 node packages/server/dist/main.js
 *   BASE=http://127.0.0.1:3640 npx tsx packages/server/bench/firstLoadPullBenchmark.ts [--runs 3] [--limit 5000]
 * The last line is one JSON object ({"bench":"firstLoadPull","totalsMs":[…]}).
 */
import { SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import { parseBenchArgs } from "../src/testing/benchArgs";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    runs: { type: "string", default: "3" },
    limit: { type: "string", default: "5000" },
    email: { type: "string", default: process.env.EMAIL ?? "caja@bench.co" },
    password: { type: "string", default: process.env.PASSWORD ?? "ejemplar2026" },
    terminal: { type: "string", default: "Caja 1" },
  },
});
const base = process.env.BASE ?? "http://127.0.0.1:3640";

const headers = (token?: string) => ({
  "content-type": "application/json",
  [SCHEMA_VERSION_HEADER]: String(SYNC_SCHEMA_VERSION),
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});
// biome-ignore lint/suspicious/noExplicitAny: a benchmark reads a few known fields of the JSON answers
type Json = Record<string, any>;
async function call(method: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: headers(token),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${await r.text()}`);
  return (await r.json()) as Json;
}

const login = await call("POST", "/api/auth/login", undefined, { email: values.email, password: values.password });
const terminals = (await call("GET", "/api/terminals", login.token)).items as Json[];
const terminal = terminals.find((t) => t.name === values.terminal);
if (!terminal) throw new Error(`no terminal named ${values.terminal}`);

async function firstLoad(): Promise<{ totalMs: number; pages: { headersMs: number; bodyMs: number; kb: number }[] }> {
  const device = await call("POST", "/api/devices/register", login.token, { terminalId: terminal?.id });
  const token = device.deviceToken as string;
  const pages: { headersMs: number; bodyMs: number; kb: number }[] = [];
  const started = performance.now();
  let query: Record<string, string> = { cursor: "0", invoiceCursor: "0", stockCursor: "0", counts: "1" };
  for (;;) {
    const t0 = performance.now();
    const r = await fetch(`${base}/api/sync/pull?${new URLSearchParams({ ...query, limit: values.limit })}`, {
      headers: headers(token),
    });
    const t1 = performance.now();
    const text = await r.text();
    if (!r.ok) throw new Error(`pull: HTTP ${r.status} ${text}`);
    const page = JSON.parse(text) as Json;
    pages.push({ headersMs: t1 - t0, bodyMs: performance.now() - t0, kb: text.length / 1024 });
    if (!page.hasMore) break;
    query = {
      cursor: String(page.cursor),
      invoiceCursor: String(page.invoiceCursor),
      stockCursor: String(page.stock?.cursor ?? 0),
      ...(page.stock?.warehouseId ? { stockWarehouseId: page.stock.warehouseId } : {}),
    };
  }
  const totalMs = performance.now() - started;
  await call("POST", "/api/devices/current/retire", token, {});
  return { totalMs, pages };
}

const totals: number[] = [];
for (let run = 1; run <= Number(values.runs); run++) {
  const { totalMs, pages } = await firstLoad();
  totals.push(Math.round(totalMs));
  const each = pages.map((p) => `${p.headersMs.toFixed(0)}/${p.bodyMs.toFixed(0)}`).join(" ");
  const kb = pages.reduce((sum, p) => sum + p.kb, 0);
  console.log(
    `run ${run}: ${totalMs.toFixed(0)} ms, ${pages.length} pages, ${kb.toFixed(0)} KB; headers/body ms: ${each}`,
  );
}
console.log(JSON.stringify({ bench: "firstLoadPull", totalsMs: totals }));
