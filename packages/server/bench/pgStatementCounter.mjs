// Preloaded into the server by `ingestBenchmark.ts --count-statements` (node --import): counts the
// statements the server sends to PostgreSQL (every pg Client#query: BEGIN and COMMIT included) and writes
// the counts as JSON to STATEMENT_COUNT_FILE on SIGUSR2, so the benchmark can read them around a phase.
import { writeFileSync } from "node:fs";
import pg from "pg";

const counts = { statements: 0, begin: 0, commit: 0, byText: {} };
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, ...rest) {
  const text = typeof config === "string" ? config : config?.text;
  if (typeof text === "string") {
    counts.statements++;
    if (text === "BEGIN") counts.begin++;
    else if (text === "COMMIT") counts.commit++;
    const key = text.replace(/\s+/g, " ").slice(0, 60);
    counts.byText[key] = (counts.byText[key] ?? 0) + 1;
  }
  return query.call(this, config, ...rest);
};
process.on("SIGUSR2", () => {
  writeFileSync(process.env.STATEMENT_COUNT_FILE ?? "/tmp/pg-statement-count.json", JSON.stringify(counts));
});
