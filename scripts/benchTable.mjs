// The table `npm run bench` prints at the end (scripts/bench.mjs): each benchmark's figure beside its target of
// issue 17 (docs/benchmarks.md), and with --anchors the peer's or bare reference's figure of the same run and the
// ratio. Pure: it reads the benchmarks' JSON answers and returns the lines.

const fmt = (v, unit) =>
  v === undefined || v === null || Number.isNaN(v)
    ? "—"
    : // below 100: three significant decimals at most (a sum of milliseconds ÷ 1000 is not 8.472700000000001)
      `${v >= 100 ? Math.round(v).toLocaleString("en-US") : Math.round(v * 1000) / 1000} ${unit}`;

/**
 * results: each benchmark's JSON line by name (ingest, upload, till20k, …; a failed one absent); anchors: each
 * anchor script's rows, label → median; opts: bench.mjs's options; started: when the run began (ms);
 * loadAverage: the machine's, as the run ends.
 */
export function benchTable({ results, anchors, opts, started, loadAverage }) {
  const a = (script, label) => anchors[script]?.[label];
  /** "a / b / c" of three CPU figures of a benchmark's JSON (the machine's two cores are shared by all three). */
  const cpuTriple = (cpu, ...keys) => (cpu ? keys.map((k) => cpu[k] ?? "—").join(" / ") : undefined);
  const { ingest, ingestPglite, sharedShift, onlineSales, upload, uploadChromium, idbUploadFloor, till20k, till100k } =
    results;
  /** [what, ours, unit, target text, met?, peer label, peer value, ratio = ours/peer (higher is better for rates)] */
  const rows = [
    [
      "one invoice per push, 16 tills, PostgreSQL",
      ingest?.singlePerSecond,
      "/s",
      "≥ 1,000/s",
      (v) => v >= 1000,
      "bare Fastify insert, 1/request ×16",
      a("http", "1 invoice/request, concurrency 16 — invoices/s"),
      "rate",
    ],
    [
      "batched, 20 devices × 100, PostgreSQL",
      ingest?.batchedPerSecond,
      "/s",
      "≥ 10,000/s",
      (v) => v >= 10_000,
      "bare endpoint, 100/request ×16",
      a("http", "100 invoices/request, concurrency 16 — invoices/s"),
      "rate",
    ],
    ...[
      ["Node", upload],
      ["Chromium", uploadChromium],
    ].map(([till, result]) => [
      `upload 1,000 offline invoices, till in ${till} (best run)`,
      result ? Math.min(...result.seconds) : undefined,
      "s",
      "≤ 0.25 s",
      (v) => v <= 0.25,
      "PouchDB push 1,000",
      (a("pouch", "push 1,000 invoices browser->server (defaults) — total") ?? NaN) / 1000,
      "time",
    ]),
    [
      "raw IndexedDB in Chromium, no app code: the queue's reads + 1,000 rewrites as synced / one record per answer instead",
      idbUploadFloor &&
        `${idbUploadFloor.queueMedianMs} + ${idbUploadFloor.rewriteMedianMs} / ${idbUploadFloor.ackLogMedianMs}`,
      "ms",
      "report",
      null,
    ],
    [
      "CPU per push, one per push: client / server / PostgreSQL",
      cpuTriple(ingest?.singleCpuUsPerPush, "clientUs", "serverUs", "postgresBackendsUs"),
      "µs",
      "report",
      null,
    ],
    [
      "CPU per invoice, batched: client / server / PostgreSQL",
      cpuTriple(ingest?.batchedCpuUsPerInvoice, "clientUs", "serverUs", "postgresBackendsUs"),
      "µs",
      "report",
      null,
    ],
    ...[
      ["Node", upload],
      ["Chromium", uploadChromium],
    ].map(([till, result]) => [
      `CPU of the best upload, till in ${till}: till / server / PostgreSQL`,
      result?.cpuMs &&
        cpuTriple(result.cpuMs[result.seconds.indexOf(Math.min(...result.seconds))], "till", "server", "postgres"),
      "ms",
      "report",
      null,
    ]),
    [
      "first load 20k products + 10k clients",
      till20k && till20k.firstLoad / 1000,
      "s",
      "≤ 2 s",
      (v) => v <= 2,
      "Dexie bulkPut 20k, pk only",
      (a("idb", "Dexie bulkPut 20k products, 1k/tx, pk only — total") ?? NaN) / 1000,
      "time",
    ],
    ["first load 100k products + 20k clients", till100k && till100k.firstLoad / 1000, "s", "≤ 6 s", (v) => v <= 6],
    ["search per keystroke, 20k, p95", till20k?.searchP95, "ms", "≤ 8 ms", (v) => v <= 8],
    ["search per keystroke, 100k, p95", till100k?.searchP95, "ms", "≤ 16 ms", (v) => v <= 16],
    [
      `Facturar → receipt, p95 (20k; button held ${till20k?.invoicePressMs ?? 0} ms, as a hand does)`,
      till20k?.invoiceP95,
      "ms",
      "≤ 16 ms",
      (v) => v <= 16,
      "Dexie put, strict, p95",
      a("idb", "Dexie put 1 invoice/tx (durability=strict) — p95 per put"),
      "time",
    ],
    [
      "Facturar → receipt, p95 (20k; press and release in one frame)",
      till20k?.invoiceOneFrameClickP95,
      "ms",
      "report",
      null,
    ],
    [
      "online tills, sale + the sync after it (6 tills in Node), PostgreSQL",
      onlineSales && `${onlineSales.salesPerSecond} sales/s, ${onlineSales.requestsPerSale} requests per sale`,
      "",
      "report",
      null,
    ],
    [
      "its CPU per sale: server / PostgreSQL",
      onlineSales && `${onlineSales.serverUsPerSale} / ${onlineSales.postgresUsPerSale}`,
      "µs",
      "report",
      null,
    ],
    ["incremental pull, nothing new, p95 (warm server)", ingest?.idlePullP95Ms, "ms", "≤ 5 ms", (v) => v <= 5],
    ["incremental pull, p95 of a server's first 200", ingest?.idlePullColdP95Ms, "ms", "report", null],
    [
      "incremental pull, p95, the shift shared with a till that sold 500 in it",
      sharedShift?.idlePullP95Ms,
      "ms",
      "≤ 5 ms",
      (v) => v <= 5,
    ],
    ["till initial JS, gzipped", till20k?.initialJsKb, "KB", "≤ 164 KB", (v) => v <= 164],
    [
      "server RSS after start / peak under ingest (PostgreSQL)",
      ingest && `${ingest.rssIdleMb} / ${ingest.rssPeakMb}`,
      "MB",
      "report",
      null,
    ],
    ...(ingestPglite
      ? [
          [
            "PGlite: one invoice per push / batched",
            `${ingestPglite.singlePerSecond} / ${ingestPglite.batchedPerSecond}`,
            "/s",
            "report",
            null,
          ],
          [
            "PGlite server RSS after start / peak under ingest",
            `${ingestPglite.rssIdleMb} / ${ingestPglite.rssPeakMb}`,
            "MB",
            "report",
            null,
          ],
        ]
      : []),
  ];
  const lines = [
    `\n## npm run bench${opts.quick ? " --quick" : ""}${opts.anchors ? " --anchors" : ""} — ${new Date().toISOString()}, ${((Date.now() - started) / 1000).toFixed(0)} s, Node ${process.version}, load average ${loadAverage}`,
    "",
    `| what | Mostrador | target | met |${opts.anchors ? " peer / bare (same run) | ours ÷ peer |" : ""}`,
    `|---|---|---|---|${opts.anchors ? "---|---|" : ""}`,
  ];
  for (const [what, value, unit, target, met, peerLabel, peer, kind] of rows) {
    const shown = typeof value === "string" ? `${value} ${unit}` : fmt(value, unit);
    const ok =
      met === null ? "" : typeof value === "number" && !Number.isNaN(value) ? (met(value) ? "yes" : "**no**") : "—";
    let peerCells = "";
    if (opts.anchors) {
      const hasPeer = peerLabel && typeof peer === "number" && !Number.isNaN(peer);
      const ratio = hasPeer && typeof value === "number" ? (kind === "rate" ? value / peer : peer / value) : undefined;
      peerCells = ` ${hasPeer ? `${peerLabel}: ${fmt(Math.round(peer * 1000) / 1000, unit)}` : "—"} | ${ratio === undefined ? "—" : `${ratio.toFixed(2)}×`} |`;
    }
    lines.push(`| ${what} | ${shown} | ${target} | ${ok} |${peerCells}`);
  }
  if (opts.anchors)
    lines.push("", "ours ÷ peer: above 1 means Mostrador is faster (rates: ours/peer; times: peer/ours).");
  if (opts.anchors && anchors.pg)
    lines.push(
      `bare PostgreSQL (pg.mjs, same run): 1 tx/invoice ${fmt(a("pg", "pg (a') 1 tx/invoice, lines in 1 multi-row INSERT (4 RT) — invoices/s"), "/s")}, 100 invoices/tx ${fmt(a("pg", "pg (b) 100 invoices/tx, multi-row INSERTs — invoices/s"), "/s")}`,
    );
  return lines;
}
