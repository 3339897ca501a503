/**
 * The client side of pgStatementCounter.mjs, for the benchmarks that start the server (ingestBenchmark,
 * the web package's onlineSalesBenchmark): the node flag that preloads the counter, the file it writes to, and
 * the counts read around a phase (the server writes them on SIGUSR2).
 */
import { readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface StatementCounts {
  statements: number;
  begin: number;
  commit: number;
  /** The first 60 characters of each statement's text (spaces collapsed) → how many times it ran. */
  byText: Record<string, number>;
}

export class StatementCounter {
  readonly file = join(tmpdir(), `mostrador-statements-${process.pid}-${Date.now()}.json`);
  /** The server's node flags. */
  readonly nodeOptions = ["--import", join(import.meta.dirname, "pgStatementCounter.mjs")];
  /** The server's environment: where it writes its counts. */
  readonly env = { STATEMENT_COUNT_FILE: this.file };

  /** The server's counts so far (it writes them when signalled). */
  async read(serverPid: number): Promise<StatementCounts> {
    const before = this.writtenAt();
    process.kill(serverPid, "SIGUSR2");
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (this.writtenAt() !== before) return JSON.parse(readFileSync(this.file, "utf8"));
    }
    throw new Error("the server did not write its statement counts");
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }

  private writtenAt(): number {
    try {
      return statSync(this.file).mtimeMs;
    } catch {
      return 0; // not written yet
    }
  }
}

/** What ran between two readings, per unit (a push, a sale), the most frequent statements first. */
export function statementsPerUnit(before: StatementCounts, after: StatementCounts, units: number) {
  const byText = Object.entries(after.byText)
    .map(([text, n]) => [text, (n - (before.byText[text] ?? 0)) / units] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return {
    statements: (after.statements - before.statements) / units,
    transactions: (after.begin - before.begin) / units,
    byText,
  };
}
