import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrator";
import { seedDemoCompany } from "../../demo/demoCompanySeeder";
import { type PlanNode, planNodes } from "../../testing/planRecorder";
import { createScratchDatabase, type ScratchDatabase } from "../../testing/scratchDatabase";
import { TAKEN_SQL } from "./validationContextLoader";

/**
 * "Number already used" must be an index probe per number whatever the table's statistics say
 * (issue 17): a company's invoices grow between two ANALYZEs, and a plan made for a small table read
 * every invoice of the company on each push. Here the statistics are taken on an empty table and a
 * large history is inserted afterwards (autovacuum off on the table, so they stay stale), then the
 * plan of the check is read with EXPLAIN, as a custom plan and as the generic plan a named
 * (prepared) statement switches to.
 * PLAN_TEST_INVOICES sets the table's size (default 200,000; the figure, 1,000,000, takes ~1 min).
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const HISTORY = Number(process.env.PLAN_TEST_INVOICES ?? 200_000);

describe.skipIf(!databaseUrl)("the number-taken check on a large table with stale statistics", () => {
  let scratch: ScratchDatabase | undefined;
  let db: Database;
  let companyId: string;
  let numberingId: string;

  beforeAll(async () => {
    // One connection: the session settings below apply to every statement of the test.
    scratch = await createScratchDatabase(databaseUrl as string, "perfserver_plan", 1);
    db = scratch.db;
    await migrate(db);
    const demo = await seedDemoCompany(db, { emailDomain: "plan.test" });
    companyId = demo.companyId;
    numberingId = demo.numberings.pos;
    await db.exec("ALTER TABLE invoices SET (autovacuum_enabled = false); ANALYZE invoices");
    // The company's history, all accepted under one numbering: what the old plan scanned.
    await db.query(
      `INSERT INTO invoices (company_id, id, revision, status, numbering_id, prefix, number, terminal_id, device_id,
         cashier_id, client_id, issued_at, subtotal, discount, tax, total, paid, change, version)
       SELECT $1, gen_random_uuid(), 1, 'accepted', $2, 'POS', n, $3, $3, $3, $3, now(), 100, 0, 19, 119, 119, 0, n
         FROM generate_series(1, $4::int) AS n`,
      [companyId, numberingId, randomUUID(), HISTORY],
    );
  }, 300_000);

  afterAll(async () => {
    await scratch?.drop();
  });

  /** The check's plan for three numbers (two taken, one free), as the pushes run it. */
  async function planOf(mode: "force_custom_plan" | "force_generic_plan") {
    await db.exec(`SET plan_cache_mode = ${mode}`);
    // The check's parameters are $1, $9 and $11 of the context query; the others are declared unused.
    await db.exec(
      `PREPARE taken_check (uuid, text, text, text, text, text, text, text, bigint[], text, uuid[]) AS ${TAKEN_SQL}`,
    );
    try {
      // EXECUTE takes no bind parameters: the values are literals (ids and numbers made here).
      const rows = await db.query<{ "QUERY PLAN": { Plan: PlanNode; "Execution Time": number }[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE taken_check ('${companyId}', '', '', '', '', '', '', '',
           '{7,${HISTORY},${HISTORY + 5}}', '', '{${numberingId},${numberingId},${numberingId}}')`,
      );
      const plan = rows[0]?.["QUERY PLAN"][0];
      if (!plan) throw new Error("no plan");
      return plan;
    } finally {
      await db.exec("DEALLOCATE taken_check; RESET plan_cache_mode");
    }
  }

  it("statistics are stale: the planner's row count is the empty table's", async () => {
    const rows = await db.query<{ t: number }>("SELECT reltuples AS t FROM pg_class WHERE relname = 'invoices'");
    expect(Number(rows[0]?.t)).toBeLessThan(HISTORY / 10);
  });

  // (Before issue 17 the check was `numbering_id = ANY($6) AND number = ANY($9)`: on this table its plan
  // was a scan of invoices_number_once on company_id alone, 200,000 rows per push, 70 ms.)
  for (const mode of ["force_custom_plan", "force_generic_plan"] as const) {
    it(`is a probe of invoices_number_once per number (${mode})`, async () => {
      const plan = await planOf(mode);
      if (process.env.PLAN_TEST_PRINT) console.log(JSON.stringify(plan, null, 1));
      const onInvoices = planNodes(plan.Plan).filter((n) => n["Relation Name"] === "invoices");
      expect(onInvoices.length).toBe(1);
      const scan = onInvoices[0] as PlanNode;
      expect(scan["Node Type"]).toBe("Index Scan");
      expect(scan["Index Name"]).toBe("invoices_number_once");
      // All three key columns in the index condition (the number as a one-value range, which only this index
      // returns in order: validationContextLoader): one entry per probe, never the company's range.
      expect(scan["Index Cond"]).toMatch(/company_id = /);
      expect(scan["Index Cond"]).toMatch(/numbering_id = /);
      expect(scan["Index Cond"]).toMatch(/number >= .*number <= /);
      // Inside a nested loop over the numbers: run once per number, each finding at most its one
      // invoice (the old plan read all of the company's invoices once, 200,000 rows here).
      expect(planNodes(plan.Plan).map((n) => n["Node Type"])).toContain("Nested Loop");
      expect(scan["Actual Loops"]).toBe(3);
      expect(scan["Actual Rows"]).toBeLessThanOrEqual(1);
      expect(plan["Execution Time"]).toBeLessThan(50);
    });
  }

  it("finds the invoices that hold the numbers, not the free one", async () => {
    await db.exec("RESET plan_cache_mode");
    const rows = await db.query<{ taken: [string, string, number][] }>(
      `SELECT (${TAKEN_SQL}) AS taken`.replace(/\$11/g, "$3").replace(/\$9/g, "$2"),
      [companyId, [7, HISTORY + 5], [numberingId, numberingId]],
    );
    const taken = rows[0]?.taken ?? [];
    expect(taken.map(([, n, number]) => [n, Number(number)])).toEqual([[numberingId, 7]]);
  });
});
