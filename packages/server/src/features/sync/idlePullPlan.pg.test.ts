import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrator";
import { type DemoCompany, seedDemoCompany } from "../../demo/demoCompanySeeder";
import { growCatalog } from "../../testing/catalogCopies";
import { createScratchDatabase, type ScratchDatabase } from "../../testing/scratchDatabase";
import { idleProbeSql } from "./idlePull";

/**
 * The idle pull's one statement (issue 17) on a shop with a real catalog: whatever plan PostgreSQL makes of it
 * — planned for the call's cursors, or the generic plan a named statement switches to after five calls — it
 * reads at most one row of each big table to learn that nothing is new. (Its EXISTS form's generic plan read
 * every product on every pull.)
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const PRODUCTS = 20_000;
const CLIENTS = 10_000;
const BLOCKS = 2_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

describe.skipIf(!databaseUrl)("the idle pull's statement on PostgreSQL", () => {
  let scratch: ScratchDatabase | undefined;
  let db: Database;
  let demo: DemoCompany;
  const deviceId = randomUUID();
  let cursor = 0;

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseUrl as string, "idleplan", 1);
    db = scratch.db;
    await migrate(db);
    demo = await seedDemoCompany(db, { emailDomain: "idleplan.test" });
    await growCatalog(db, "products", demo.companyId, PRODUCTS);
    await growCatalog(db, "clients", demo.companyId, CLIENTS);
    const [sizes] = await db.query<{ products: number; clients: number }>(
      "SELECT (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM clients) AS clients",
    );
    expect(sizes).toEqual({ products: PRODUCTS, clients: CLIENTS });
    await db.query(
      "INSERT INTO devices (company_id, id, terminal_id, user_id, name) VALUES ($1, $2, $3, $4, 'Caja de prueba')",
      [demo.companyId, deviceId, demo.terminals.caja1, demo.cashierId],
    );
    await db.query(
      `INSERT INTO number_blocks (company_id, id, numbering_id, device_id, range_from, range_to, version)
       SELECT $1, gen_random_uuid(), $2, $3, (n - 1) * 10 + 1, n * 10, 1 FROM generate_series(1, $4::int) AS n`,
      [demo.companyId, demo.numberings.pos, deviceId, BLOCKS],
    );
    await db.exec("ANALYZE");
    const [head] = await db.query<{ version: string }>("SELECT version FROM change_counters WHERE company_id = $1", [
      demo.companyId,
    ]);
    cursor = Number(head?.version);
  }, 180_000);

  afterAll(async () => {
    await scratch?.drop();
  });

  for (const mode of ["force_custom_plan", "force_generic_plan"] as const)
    it(`learns that nothing is new from at most one row of each big table (${mode})`, async () => {
      await db.exec(`PREPARE idle_probe (uuid, uuid, bigint, bigint, int, int) AS ${idleProbeSql()}`);
      try {
        await db.exec(`SET plan_cache_mode = ${mode}`);
        const execute = `EXECUTE idle_probe ('${demo.companyId}', '${deviceId}', ${cursor}, 0, NULL, 30)`;
        const [answer] = await db.query<{ changed: boolean; head: string }>(execute);
        expect(answer?.changed).toBe(false);
        expect(Number(answer?.head)).toBe(cursor);
        const rows = await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${execute}`,
        );
        const plan = rows[0]?.["QUERY PLAN"][0]?.Plan as PlanNode;
        for (const table of ["products", "clients", "number_blocks"]) {
          const scans = nodesOf(plan).filter((n) => n["Relation Name"] === table);
          expect(scans.length, table).toBeGreaterThan(0);
          const read = scans.reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0), 0);
          expect(read, `${table}: ${scans.map((n) => n["Node Type"]).join(", ")}`).toBeLessThanOrEqual(1);
        }
      } finally {
        await db.exec("RESET plan_cache_mode");
        await db.exec("DEALLOCATE idle_probe");
      }
    });

  it("sees a change above the cursor in a big table", async () => {
    await db.exec(`PREPARE idle_probe (uuid, uuid, bigint, bigint, int, int) AS ${idleProbeSql()}`);
    try {
      await db.exec("SET plan_cache_mode = force_generic_plan");
      const execute = `EXECUTE idle_probe ('${demo.companyId}', '${deviceId}', ${cursor - 1}, 0, NULL, 30)`;
      expect((await db.query<{ changed: boolean }>(execute))[0]?.changed).toBe(true);
    } finally {
      await db.exec("RESET plan_cache_mode");
      await db.exec("DEALLOCATE idle_probe");
    }
  });
});
