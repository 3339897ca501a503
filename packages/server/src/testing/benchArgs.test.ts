import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { headerOf } from "./benchArgs";

const benchArgs = pathToFileURL(join(import.meta.dirname, "benchArgs.ts")).href;

/** A script like the benchmarks: a header comment with its usage, then parseBenchArgs. */
function script(): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-args-"));
  const file = join(dir, "someBenchmark.ts");
  writeFileSync(
    file,
    `/**
 * Some benchmark.
 * Usage: npx tsx someBenchmark.ts [--runs 3]
 */
import { parseBenchArgs } from ${JSON.stringify(benchArgs)};
const { values } = parseBenchArgs(import.meta.url, { options: { runs: { type: "string", default: "3" } } });
console.log("runs=" + values.runs);
`,
  );
  return file;
}

const run = (file: string, ...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", file, ...args], { encoding: "utf8", timeout: 60_000 });

describe("parseBenchArgs", () => {
  it("--help prints the script's header and exits 0; an unknown option exits 2 with the error and the header", () => {
    const file = script();
    const help = run(file, "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: npx tsx someBenchmark.ts [--runs 3]");
    expect(help.stdout).not.toContain("runs=");
    const unknown = run(file, "--nope");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("--nope");
    expect(unknown.stderr).toContain("Usage: npx tsx someBenchmark.ts");
    const ok = run(file, "--runs", "5");
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim()).toBe("runs=5");
  });

  it("reads the header of the real benchmarks", () => {
    const ingest = pathToFileURL(join(import.meta.dirname, "../../bench/ingestCpuBenchmark.ts")).href;
    expect(headerOf(ingest)).toMatch(/^The server's CPU per accepted invoice/);
  });
});
