import pg from "pg";
import type { Database, Queryable } from "../db/database";
import { namedStatement } from "../db/postgresDatabase";

/** A node of PostgreSQL's JSON plan, with EXPLAIN ANALYZE's counts. */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

export interface RecordedPlan {
  query: string;
  plan: PlanNode;
}

export const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];

/** How many rows of `table` a plan read: those it returned and those its filters threw away, over all loops. */
export function rowsRead(plan: PlanNode, table: string): number {
  return planNodes(plan)
    .filter((n) => n["Relation Name"] === table)
    .reduce(
      (sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0)) * (n["Actual Loops"] ?? 1),
      0,
    );
}

/**
 * A Queryable on a connection of its own that names statements as the server's pool does, plans them the way
 * `mode` says (a named statement may switch to the generic plan after five calls: force_generic_plan shows
 * that plan from the first call) and records, through auto_explain, the plan each statement ran with. For
 * *.pg.test.ts files that prove a statement's reads cannot grow with a table, whatever its plan.
 */
export async function openPlanRecorder(
  url: string,
  mode: "force_generic_plan" | "force_custom_plan",
): Promise<{ db: Database; plans: RecordedPlan[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const plans: RecordedPlan[] = [];
  let recording = false;
  client.on("notice", (notice) => {
    const text = notice.message ?? "";
    const json = text.indexOf("\n");
    if (!recording || !text.startsWith("duration:") || json < 0) return;
    const explained = JSON.parse(text.slice(json + 1)) as { "Query Text": string; Plan: PlanNode };
    plans.push({ query: explained["Query Text"], plan: explained.Plan });
  });
  await client.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
    SET auto_explain.log_format = json; SET auto_explain.log_level = notice; SET plan_cache_mode = ${mode}`);
  recording = true;
  // One statement at a time, as a pool connection runs them (pg's Client warns when given several at once).
  let queue: Promise<unknown> = Promise.resolve();
  const run = (sql: string, params?: readonly unknown[]) => {
    // Statements named as the pool names them; scripts, BEGIN and COMMIT as the pool sends them (simple protocol).
    const result = queue.then(() =>
      params === undefined ? client.query(sql) : client.query(namedStatement(sql, params)),
    );
    queue = result.catch(() => undefined);
    return result;
  };
  const queryable: Queryable = {
    query: async (sql, params) => (await run(sql, params ?? [])).rows as never[],
    exec: async (sql) => {
      await run(sql);
    },
  };
  return {
    db: {
      ...queryable,
      kind: "postgres",
      // The connection is the recorder's own: a transaction is BEGIN … COMMIT on it.
      transaction: async (fn) => {
        await run("BEGIN");
        try {
          const result = await fn(queryable);
          await run("COMMIT");
          return result;
        } catch (error) {
          await run("ROLLBACK");
          throw error;
        }
      },
      // Ends the recorder's connection.
      close: () => client.end(),
    },
    plans,
  };
}
