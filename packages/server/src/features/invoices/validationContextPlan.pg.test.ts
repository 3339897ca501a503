import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrator";
import { type DemoCompany, seedDemoCompany } from "../../demo/demoCompanySeeder";
import { buildInvoice } from "../../testing/invoiceFactory";
import { type PlanNode, planNodes } from "../../testing/planRecorder";
import { createScratchDatabase, type ScratchDatabase } from "../../testing/scratchDatabase";
import { LEASED_SQL, loadIngestContext, SMALL_GROUP } from "./validationContextLoader";

/**
 * "Number leased to this device" in the validation context query (issue 17): one probe per numbered invoice
 * that reads neither the device's other blocks nor other devices' (before, every block the device ever
 * leased on the batch's numberings came back and was scanned in JS for each invoice), as a custom plan and as
 * the generic plan a named statement may switch to.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const BLOCKS = 3000;

describe.skipIf(!databaseUrl)("the validation context query on PostgreSQL", () => {
  let scratch: ScratchDatabase | undefined;
  let db: Database;
  let demo: DemoCompany;
  const deviceId = randomUUID();
  const otherDevice = randomUUID();

  beforeAll(async () => {
    // One connection: its named statements are the ones pg_prepared_statements lists.
    scratch = await createScratchDatabase(databaseUrl as string, "ctxplan", 1);
    db = scratch.db;
    await migrate(db);
    demo = await seedDemoCompany(db, { emailDomain: "ctxplan.test" });
    // A long history of leases of 10 numbers each (1 … 30,000), then the one in use, released from 30,006 on;
    // another device holds 40,001 … 40,010.
    await db.query(
      `INSERT INTO number_blocks (company_id, id, numbering_id, device_id, range_from, range_to, version)
       SELECT $1, gen_random_uuid(), $2, $3, (n - 1) * 10 + 1, n * 10, n FROM generate_series(1, $4::int) AS n`,
      [demo.companyId, demo.numberings.pos, deviceId, BLOCKS],
    );
    await db.query(
      `INSERT INTO number_blocks (company_id, id, numbering_id, device_id, range_from, range_to, released_from, version)
       VALUES ($1, gen_random_uuid(), $2, $3, 30001, 30010, 30006, $5),
              ($1, gen_random_uuid(), $2, $4, 40001, 40010, NULL, $5 + 1)`,
      [demo.companyId, demo.numberings.pos, deviceId, otherDevice, BLOCKS + 1],
    );
    await db.exec("ANALYZE number_blocks");
  }, 120_000);

  afterAll(async () => {
    await scratch?.drop();
  });

  const invoice = (number: number, device = deviceId) =>
    buildInvoice(demo, {
      deviceId: device,
      terminalId: demo.terminals.caja1,
      cashierId: demo.cashierId,
      numberingId: demo.numberings.pos,
      number,
    });

  it("answers whether each number lies in a block its device holds, up to where the device released it", async () => {
    const docs = [
      invoice(7), // the first block
      invoice(29_995), // a block in the middle of the history
      invoice(30_005), // the current block, before the release
      invoice(30_006), // released
      invoice(30_011), // never leased
      invoice(40_005), // another device's block
      invoice(40_005, otherDevice), // … leased to that device
    ];
    const { ctx } = await loadIngestContext(db, demo.companyId, docs, new Date());
    expect(docs.map((d) => ctx.isNumberLeased(d))).toEqual([true, true, true, false, false, false, true]);
    expect(ctx.isNumberLeased({ ...invoice(7), numberingId: demo.numberings.electronic })).toBe(false);
    expect(ctx.isNumberLeased({ ...invoice(7), number: null })).toBe(false);
  });

  it("is planned for each call's values, also on a connection that began with big batches (never a frozen generic plan)", async () => {
    // A named statement switches to a generic plan after five calls when it looks no dearer; after batches of
    // 100 it does, and would keep a plan made from the statistics of that moment for the connection's life.
    const batch = Array.from({ length: 100 }, (_, i) => invoice(20_001 + i));
    for (let i = 0; i < 6; i++) await loadIngestContext(db, demo.companyId, batch, new Date());
    // Then what online tills push: groups of 1 to SMALL_GROUP invoices.
    for (let i = 0; i < 16; i++) {
      const group = Array.from({ length: 1 + (i % SMALL_GROUP) }, (_, k) => invoice(21_001 + i * 10 + k));
      await loadIngestContext(db, demo.companyId, group, new Date());
    }
    const cached = await db.query<{ generic_plans: number; custom_plans: number }>(
      "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%max_offline_age_days%' AND statement NOT LIKE '%pg_prepared_statements%'",
    );
    // The batches' text is sent unnamed (nothing cached); the small groups' statement is planned for every call.
    expect(cached).toHaveLength(1);
    expect(cached[0]?.generic_plans).toBe(0);
    expect(cached[0]?.custom_plans).toBeGreaterThanOrEqual(16); // the earlier tests' calls count too
  });

  for (const mode of ["force_custom_plan", "force_generic_plan"] as const)
    it(`probes one block per numbered invoice, however many the device leased before (${mode})`, async () => {
      await db.exec(
        `PREPARE leased_check (uuid, text, text, text, text, text, text, text, bigint[], text, uuid[], text, uuid[]) AS ${LEASED_SQL}`,
      );
      try {
        await db.exec(`SET plan_cache_mode = ${mode}`);
        const rows = await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE leased_check ('${demo.companyId}', '', '', '', '', '', '', '',
           '{7,15005,29995}', '', '{${demo.numberings.pos},${demo.numberings.pos},${demo.numberings.pos}}', '',
           '{${deviceId},${deviceId},${deviceId}}')`,
        );
        const plan = rows[0]?.["QUERY PLAN"][0]?.Plan as PlanNode;
        const scans = planNodes(plan).filter((n) => n["Relation Name"] === "number_blocks");
        expect(scans.map((s) => [s["Node Type"], s["Index Name"]])).toEqual([
          ["Index Scan", "number_blocks_device_range"],
        ]);
        // One loop per invoice, one block each: not the device's 3,000 blocks.
        expect(scans[0]?.["Actual Loops"]).toBe(3);
        expect(scans[0]?.["Actual Rows"]).toBe(1);
      } finally {
        await db.exec("DEALLOCATE leased_check; RESET plan_cache_mode");
      }
    });
});
