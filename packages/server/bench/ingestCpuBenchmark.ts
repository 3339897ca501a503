/**
 * The server's CPU per accepted invoice on the ingest path (issue 17), without the database's own
 * work and without depending on the machine's load: process.cpuUsage() of this process around the
 * real acceptor (`acceptInvoiceGroup`: zod parse, the checks, the write statement's parameters, the
 * sales summaries' delta, the answers), with the database replaced by a stand-in that answers the
 * context query with the answer PostgreSQL gave once (captured from an in-memory PGlite before the
 * measurement) and every statement of the transaction with a prepared answer. The request body's
 * JSON.parse (Fastify's) is measured on its own beside it.
 *
 * Half the invoices are the ingest benchmark's (two lines at catalog prices), half carry five lines
 * with a line discount and a 10 % ticket discount spread over them (the discount checks' full path).
 * Usage: npx tsx packages/server/bench/ingestCpuBenchmark.ts [--invoices 20000] [--batch 100] [--rounds 5]
 *        [--cpu-prof FILE] (a V8 CPU profile of the measured rounds only, setup left out)
 * The last line is one JSON object ({"bench":"ingestCpu",...}).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import {
  applyTicketDiscount,
  type InvoiceDocument,
  SCHEMA_VERSION_HEADER,
  SYNC_SCHEMA_VERSION,
} from "@mostrador/domain";
import { type AuthContext, resolveToken } from "../src/auth/authTokens";
import type { Database, Queryable } from "../src/db/database";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { acceptInvoiceGroup } from "../src/features/invoices/invoiceAcceptor";
import { parseBenchArgs } from "../src/testing/benchArgs";
import { buildInvoice, demoLine } from "../src/testing/invoiceFactory";
import { startTestServer } from "../src/testing/testServer";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    invoices: { type: "string", default: "20000" },
    batch: { type: "string", default: "100" },
    rounds: { type: "string", default: "5" },
    "cpu-prof": { type: "string" },
  },
});
const total = Number(values.invoices);
const BATCH = Number(values.batch);
const ROUNDS = Number(values.rounds);

// --- Setup (not measured): a company, a registered till with a leased block, the invoices. ---
const server = await startTestServer();
const demo = await server.newCompany();
await server.db.query("UPDATE numberings SET max_unused_per_device = $3 WHERE company_id = $1 AND id = $2", [
  demo.companyId,
  demo.numberings.pos,
  total + 1000,
]);
async function call(url: string, payload: unknown, token?: string) {
  const res = await server.app.inject({
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers: {
      [SCHEMA_VERSION_HEADER]: String(SYNC_SCHEMA_VERSION),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  // biome-ignore lint/suspicious/noExplicitAny: a benchmark reads a few known fields of the JSON answers
  return res.json() as Record<string, any>;
}
const login = await call("/api/auth/login", { email: demo.cashierEmail, password: demo.password });
const reg = await call("/api/devices/register", { terminalId: demo.terminals.caja1 }, login.token);
// Blocks of at most 5,000 numbers (the lease's limit), as many as the invoices need.
const numbers: number[] = [];
while (numbers.length < total) {
  const size = Math.min(5000, total - numbers.length);
  const lease = await call("/api/number-blocks/lease", { numberingId: demo.numberings.pos, size }, reg.deviceToken);
  if (!lease.rangeFrom) throw new Error(`lease failed: ${JSON.stringify(lease)}`);
  for (let n = lease.rangeFrom as number; n <= (lease.rangeTo as number); n++) numbers.push(n);
}
const auth = (await resolveToken(server.db, reg.deviceToken)) as AuthContext;
const origin = (number: number) => ({
  deviceId: reg.device.id as string,
  terminalId: demo.terminals.caja1,
  cashierId: demo.cashierId,
  numberingId: demo.numberings.pos,
  number,
});
function discounted(number: number): InvoiceDocument {
  const lines = [0, 1, 2, 5, 8].map((p, i) => demoLine(demo, p, i + 1, i === 1 ? { discountPercent: 15 } : {}));
  const spread = applyTicketDiscount(lines, { mode: "percent", percent: 10 });
  return buildInvoice(demo, origin(number), {
    lines: spread.lines,
    ticketDiscount: spread.ticketDiscount ?? undefined,
  });
}
const invoices = Array.from({ length: total }, (_, i) =>
  i % 2 ? discounted(numbers[i] as number) : buildInvoice(demo, origin(numbers[i] as number)),
);
const bodies: string[] = [];
for (let s = 0; s < total; s += BATCH) bodies.push(JSON.stringify({ invoices: invoices.slice(s, s + BATCH) }));

// --- The database stand-in: the context query's answer captured once per batch, prepared write answers. ---
const contextAnswers: unknown[][] = [];
const writeAnswers: Record<string, unknown>[][] = [];
const now = new Date();
const captured = captureDb();
for (const body of bodies) {
  const raw = (JSON.parse(body) as { invoices: unknown[] }).invoices;
  await acceptInvoiceGroup(captured, secretBoxOf(new Uint8Array(32)), [{ auth, rawInvoices: raw, activity: {} }], now);
}
await server.close();
const written = writeAnswers.flat().length;
if (written !== total) throw new Error(`the capture wrote ${written} of ${total} invoices`);

/** The real database for the context query, recording its answer; a stand-in answers inside the transaction. */
function captureDb(): Database {
  return {
    kind: "postgres",
    query: async (sql, params) => {
      const rows = await server.db.query(sql, params);
      contextAnswers.push(rows);
      return rows as never;
    },
    exec: async () => {},
    close: async () => {},
    transaction: (fn) => fn(fakeTx(true)),
  };
}
let batchNo = 0;
/** A transaction whose write statement answers every invoice as written (built from its parameters once). */
function fakeTx(recording: boolean): Queryable {
  return {
    exec: async () => {},
    query: async (sql, params) => {
      if (!sql.includes("INSERT INTO invoice_revisions")) return [] as never;
      if (!recording) return writeAnswers[batchNo] as never;
      const records = JSON.parse(String(params?.[1])) as Record<string, unknown>[];
      const rows = records.map((r, i) => ({
        ...r,
        received_at: new Date(),
        version: i + 1,
        return_status: "none",
        returned_quantities: [],
        devices_counted: i === 0 ? 1 : null,
        stock_moved: i === 0 ? [] : null,
      }));
      writeAnswers.push(rows);
      return rows as never; // the writer reads its answer without changing it
    },
  };
}
function replayDb(): Database {
  return {
    kind: "postgres",
    query: async () => contextAnswers[batchNo] as never,
    exec: async () => {},
    close: async () => {},
    transaction: (fn) => fn(fakeTx(false)),
  };
}

// --- The measurement. ---
const secrets = secretBoxOf(new Uint8Array(32));
const db = replayDb();
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const profiler = values["cpu-prof"] ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
}
const runs: { parseUs: number; acceptUs: number }[] = [];
for (let round = 0; round < ROUNDS + 1; round++) {
  // Round 0 warms the JIT up and is not counted.
  if (round === 1 && profiler) await profiler.post("Profiler.start");
  const raws: unknown[][] = [];
  const p0 = process.cpuUsage();
  for (const body of bodies) raws.push((JSON.parse(body) as { invoices: unknown[] }).invoices);
  const parse = process.cpuUsage(p0);
  const a0 = process.cpuUsage();
  for (batchNo = 0; batchNo < bodies.length; batchNo++) {
    const answers = await acceptInvoiceGroup(
      db,
      secrets,
      [{ auth, rawInvoices: raws[batchNo] as unknown[], activity: {} }],
      now,
    );
    const first = answers[0]?.results[0];
    if (first?.outcome !== "accepted") throw new Error(`not accepted: ${JSON.stringify(first)}`);
  }
  const accept = process.cpuUsage(a0);
  if (round === 0) continue;
  const run = { parseUs: (cpuMs(parse) * 1000) / total, acceptUs: (cpuMs(accept) * 1000) / total };
  runs.push(run);
  console.log(
    `round ${round}: body JSON.parse ${run.parseUs.toFixed(1)} µs/invoice, acceptInvoiceGroup ${run.acceptUs.toFixed(1)} µs/invoice`,
  );
}
if (profiler) {
  const { profile } = await profiler.post("Profiler.stop");
  writeFileSync(values["cpu-prof"] as string, JSON.stringify(profile));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const result = {
  bench: "ingestCpu",
  invoices: total,
  batch: BATCH,
  acceptUsPerInvoice: Number(median(runs.map((r) => r.acceptUs)).toFixed(1)),
  parseUsPerInvoice: Number(median(runs.map((r) => r.parseUs)).toFixed(1)),
  acceptUsRuns: runs.map((r) => Number(r.acceptUs.toFixed(1))),
};
console.log(
  `median of ${ROUNDS}: acceptInvoiceGroup ${result.acceptUsPerInvoice} µs CPU per invoice (body JSON.parse ${result.parseUsPerInvoice})`,
);
console.log(JSON.stringify(result));
