/**
 * Online tills as the app runs them (session 22, issue 17): each till rings up a sale with the app's own sale
 * code and storage module (fake-indexeddb, in this process) and then runs the sync the scheduler runs after a
 * sale (`syncNow`: push, pull, the queue's report), one sale after another, several tills at once, against the
 * compiled server on PostgreSQL. It counts the requests of each kind per sale and the CPU per sale of the
 * server and PostgreSQL's backends: what a fleet of online tills costs the server, request by request, which
 * the ingest benchmark's one-invoice pushes leave out (a till also pulls and reports).
 * The tills' own CPU is this process's (Node on fake-indexeddb, not a browser): reported, not the point.
 * --count-statements prints the statements the server sent PostgreSQL per sale, by kind; --cpu-prof DIR writes the
 * server's V8 CPU profile there when it stops.
 * Usage: npx tsx packages/web/bench/onlineSalesBenchmark.ts [--tills 6] [--sales 100] (sales per till, at most 190: a device holds at most 200 numbers)
 *        [--count-statements] [--cpu-prof DIR]
 */
import "fake-indexeddb/auto";
import { execSync } from "node:child_process";
import { join } from "node:path";
import { phaseCpu } from "@mostrador/server/bench/phaseCpu";
import { StatementCounter, statementsPerUnit } from "@mostrador/server/bench/statementCounts";
import { parseBenchArgs } from "@mostrador/server/testing/benchArgs";
import { freePort } from "@mostrador/server/testing/freePort";
import { startServerProcess } from "@mostrador/server/testing/serverProcess";
import { FetchServerTransport } from "../src/api/fetchServerTransport";
import { seededRandom } from "../src/sync/testing/faultInjectingFetch";
import { startSimulatedTill } from "../src/sync/testing/simulatedTill";

const { values } = parseBenchArgs(import.meta.url, {
  options: {
    tills: { type: "string", default: "6" },
    sales: { type: "string", default: "100" },
    "count-statements": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
  },
});
const tills = Number(values.tills);
const salesPerTill = Number(values.sales);
// Caja 3 of the demo sells on an electronic numbering (numbered by the server, pushed at once by checkout).
const terminals = ["Caja 1", "Caja 2"];

execSync("node scripts/build-if-needed.mjs server", { cwd: join(import.meta.dirname, "../../.."), stdio: "inherit" });
const database = `${process.env.BENCH_DB_PREFIX ?? "mostrador"}_onlinesales_${Date.now()}`;
execSync(`psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE ${database}"`);
const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
const statementCounter = values["count-statements"] ? new StatementCounter() : null;
const server = await startServerProcess({
  port: await freePort(),
  databaseUrl,
  seedDemo: true,
  webDist: false,
  compiled: true,
  env: { MAX_DEVICES_PER_TERMINAL: String(Math.ceil(tills / terminals.length) + 1), ...statementCounter?.env },
  nodeOptions: [
    ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : []),
    ...(statementCounter?.nodeOptions ?? []),
  ],
});
try {
  /** Requests of the timed phase, by method and path (query left out). */
  const requests = new Map<string, number>();
  let counting = false;
  const countingFetch: typeof fetch = (input, init) => {
    if (counting) {
      const key = `${init?.method ?? "GET"} ${new URL(String(input)).pathname}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    }
    return fetch(input, init);
  };
  const transport = new FetchServerTransport({ baseUrl: server.url, fetch: countingFetch });
  const started: Awaited<ReturnType<typeof startSimulatedTill>>[] = [];
  for (let i = 0; i < tills; i++)
    started.push(
      await startSimulatedTill({
        setupTransport: transport,
        transport,
        credentials: { email: "caja@ejemplar.co", password: "ejemplar2026" },
        terminalName: terminals[i % terminals.length] as string,
      }),
    );
  // Warm up: a few sales each, not counted (JIT, connection pool, the first report of each till). Then numbers
  // for every timed sale (the app tops its blocks up from the sale screen, which this does not run), brought
  // to each till by its next pull.
  for (const till of started) {
    const random = seededRandom(1);
    let numberingId = "";
    for (let s = 0; s < 3; s++) {
      numberingId = (await till.sell(random)).document.numberingId;
      await till.engine.syncNow();
    }
    const device = await till.store.getMeta("device");
    if (!device) throw new Error("a till without its device");
    await transport.leaseNumberBlock(device.deviceToken, { numberingId, size: 100 });
    await till.engine.syncNow();
  }
  const statementsBefore = await statementCounter?.read(server.pid() as number);
  const cpu = await phaseCpu(databaseUrl, server.pid() as number);
  const ownBefore = process.cpuUsage();
  counting = true;
  const t0 = performance.now();
  await Promise.all(
    started.map(async (till, i) => {
      const random = seededRandom(100 + i);
      for (let s = 0; s < salesPerTill; s++) {
        await till.sell(random);
        const outcome = await till.engine.syncNow();
        if (!outcome.ok) throw new Error(`sync failed: ${outcome.failure?.message}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  counting = false;
  const sales = tills * salesPerTill;
  const own = process.cpuUsage(ownBefore);
  const statementsAfter = await statementCounter?.read(server.pid() as number);
  const perSale = (await cpu.stop()).perUnit(sales);
  for (const till of started) {
    const counts = await till.store.countInvoicesByStatus();
    if (counts.pending > 0 || counts.error > 0) throw new Error(`a till kept ${JSON.stringify(counts)}`);
  }
  const byKind = Object.fromEntries([...requests].map(([k, n]) => [k, Number((n / sales).toFixed(2))]));
  const total = [...requests.values()].reduce((a, b) => a + b, 0);
  console.log(`\n## Online tills: sale, then the sync the scheduler runs (${tills} tills × ${salesPerTill} sales)`);
  console.log(`- ${sales} sales in ${seconds.toFixed(2)} s = ${Math.round(sales / seconds)} sales/s`);
  console.log(`- requests per sale: ${(total / sales).toFixed(2)} (${JSON.stringify(byKind)})`);
  console.log(
    `- CPU per sale: server ${perSale.serverUs.toFixed(0)} µs, PostgreSQL backends ${perSale.postgresBackendsUs.toFixed(0)} µs, shared ${perSale.postgresSharedUs.toFixed(0)} µs; the tills (this process, fake-indexeddb) ${((own.user + own.system) / sales).toFixed(0)} µs`,
  );
  if (statementsBefore && statementsAfter) {
    const per = statementsPerUnit(statementsBefore, statementsAfter, sales);
    console.log(`- statements per sale: ${per.statements.toFixed(2)}, transactions ${per.transactions.toFixed(2)}`);
    for (const [text, n] of per.byText.slice(0, 15)) console.log(`  ${n.toFixed(2)}  ${text}`);
  }
  console.log(
    JSON.stringify({
      bench: "onlineSales",
      tills,
      sales,
      salesPerSecond: Math.round(sales / seconds),
      requestsPerSale: Number((total / sales).toFixed(2)),
      requestsPerSaleByKind: byKind,
      serverUsPerSale: Math.round(perSale.serverUs),
      postgresUsPerSale: Math.round(perSale.postgresBackendsUs),
    }),
  );
} finally {
  await (values["cpu-prof"] ? server.stop() : server.kill());
  statementCounter?.remove();
  execSync(`psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE ${database} WITH (FORCE)"`);
}
