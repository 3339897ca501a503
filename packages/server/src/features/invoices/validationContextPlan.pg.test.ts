import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrator";
import { type DemoCompany, seedDemoCompany } from "../../demo/demoCompanySeeder";
import { growCatalog } from "../../testing/catalogCopies";
import { buildInvoice } from "../../testing/invoiceFactory";
import { type PlanNode, planNodes } from "../../testing/planRecorder";
import { createScratchDatabase, type ScratchDatabase } from "../../testing/scratchDatabase";
import { CONTEXT_SQL, LEASED_SQL, loadIngestContext } from "./validationContextLoader";

/**
 * The validation context query (issue 17). "Number leased to this device": one probe per numbered invoice
 * that reads neither the device's other blocks nor other devices' (before, every block the device ever
 * leased on the batch's numberings came back and was scanned in JS for each invoice), as a custom plan and as
 * the generic plan a named statement switches to. And the whole query on its generic plan: PostgreSQL keeps it
 * for the connection after five calls of any size, so the plan made when the tables were empty must still
 * probe one row per key once they are big.
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

  it("runs on one generic plan after five calls, whatever the size of each group", async () => {
    const batch = Array.from({ length: 100 }, (_, i) => invoice(20_001 + i));
    for (let i = 0; i < 6; i++) await loadIngestContext(db, demo.companyId, batch, new Date());
    // Then what online tills push: groups of 1 to 8 invoices.
    for (let i = 0; i < 16; i++) {
      const group = Array.from({ length: 1 + (i % 8) }, (_, k) => invoice(21_001 + i * 10 + k));
      await loadIngestContext(db, demo.companyId, group, new Date());
    }
    const cached = await db.query<{ generic_plans: number; custom_plans: number }>(
      "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%max_offline_age_days%' AND statement NOT LIKE '%pg_prepared_statements%'",
    );
    // One named statement for batches and single invoices alike, planned five times, then the generic plan
    // (planning every call cost ≈ 250 µs of PostgreSQL's CPU per single push).
    expect(cached).toHaveLength(1);
    expect(cached[0]?.custom_plans).toBe(5);
    expect(cached[0]?.generic_plans).toBeGreaterThanOrEqual(17);
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

/** The index each part of the context query must probe, by table. */
const PROBED_INDEX: Record<string, string> = {
  companies: "companies_pkey",
  products: "products_pkey",
  clients: "clients_pkey",
  payment_methods: "payment_methods_pkey",
  terminals: "terminals_pkey",
  numberings: "numberings_pkey",
  users: "users_pkey",
  number_blocks: "number_blocks_device_range",
  devices: "devices_pkey",
  device_sign_ins: "device_sign_ins_pkey",
  taxes: "taxes_pkey",
  invoices: "invoices_pkey|invoices_number_once",
  invoice_revisions: "invoice_revisions_pkey",
};
const CONTEXT_TYPES =
  "uuid, uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], bigint[], uuid[], uuid[], uuid[], uuid[]";
const HISTORY = 50_000;

describe.skipIf(!databaseUrl)("the validation context query's generic plan, made on an empty database", () => {
  let scratch: ScratchDatabase | undefined;
  let db: Database;
  let demo: DemoCompany;
  let emptyPlan: PlanNode;
  const deviceId = randomUUID();
  const storedId = randomUUID();

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseUrl as string, "ctxfrozen", 1);
    db = scratch.db;
    await migrate(db);
    // No ANALYZE of these tables during the test (it would make PostgreSQL plan the statement again).
    for (const table of Object.keys(PROBED_INDEX))
      await db.exec(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    // The plan is made now, on tables never analyzed and empty (as on a new server, and always on PGlite).
    await db.exec(`SET plan_cache_mode = force_generic_plan; PREPARE frozen_ctx (${CONTEXT_TYPES}) AS ${CONTEXT_SQL}`);
    const none = "'{}'";
    const made = await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
      `EXPLAIN (FORMAT JSON) EXECUTE frozen_ctx ('${randomUUID()}', ${Array(12).fill(none).join(", ")})`,
    );
    emptyPlan = made[0]?.["QUERY PLAN"][0]?.Plan as PlanNode;
    // Then the shop grows: 20,000 products, 10,000 clients, 50,000 invoices, 3,000 leases.
    demo = await seedDemoCompany(db, { emailDomain: "ctxfrozen.test" });
    await growCatalog(db, "products", demo.companyId, 20_000);
    await growCatalog(db, "clients", demo.companyId, 10_000);
    await db.query(
      `INSERT INTO invoices (company_id, id, revision, status, numbering_id, prefix, number, terminal_id, device_id,
         cashier_id, client_id, issued_at, subtotal, discount, tax, total, paid, change, version)
       SELECT $1, CASE WHEN n = 7 THEN $5::uuid ELSE gen_random_uuid() END, 1, 'accepted', $2, 'POS', n, $3, $4, $4,
              $4, now(), 100, 0, 19, 119, 119, 0, n
         FROM generate_series(1, $6::int) AS n`,
      [demo.companyId, demo.numberings.pos, demo.terminals.caja1, deviceId, storedId, HISTORY],
    );
    await db.query(
      `INSERT INTO invoice_revisions (company_id, invoice_id, revision, document, user_id, device_id)
       SELECT company_id, id, revision, '{}'::jsonb, cashier_id, device_id FROM invoices WHERE company_id = $1`,
      [demo.companyId],
    );
    await db.query(
      `INSERT INTO number_blocks (company_id, id, numbering_id, device_id, range_from, range_to, version)
       SELECT $1, gen_random_uuid(), $2, $3, (n - 1) * 20 + 1, n * 20, n FROM generate_series(1, 3000) AS n`,
      [demo.companyId, demo.numberings.pos, deviceId],
    );
  }, 180_000);

  afterAll(async () => {
    await scratch?.drop();
  });

  it("probes the key's own index of every table, also on empty tables never analyzed", () => {
    const scans = planNodes(emptyPlan).filter((n) => n["Relation Name"]);
    expect(new Set(scans.map((n) => n["Relation Name"]))).toEqual(new Set(Object.keys(PROBED_INDEX)));
    for (const scan of scans) {
      const table = scan["Relation Name"] as string;
      expect(scan["Node Type"], table).toMatch(/^Index (Only )?Scan$/);
      expect(scan["Index Name"], table).toMatch(new RegExp(`^(${PROBED_INDEX[table]})$`));
    }
  });

  it("still reads one row per key once the tables are big (the plan made on the empty ones)", async () => {
    const stale = await db.query<{ t: number }>("SELECT reltuples AS t FROM pg_class WHERE relname = 'invoices'");
    expect(Number(stale[0]?.t)).toBeLessThan(1); // never analyzed: the plan was not made again
    const ids = (xs: string[]) => `'{${xs.join(",")}}'`;
    const pos = demo.numberings.pos;
    const rows = await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE frozen_ctx ('${demo.companyId}', ${ids(demo.productIds.slice(0, 3))},
         ${ids([demo.clients.pedro])}, ${ids([demo.paymentMethods.cash])}, ${ids([demo.terminals.caja1])}, ${ids([pos])},
         ${ids([demo.cashierId])}, ${ids([deviceId])}, '{7,25000,49999}', ${ids([demo.taxes.IVA19])},
         ${ids([pos, pos, pos])}, ${ids([storedId, randomUUID()])}, ${ids([deviceId, deviceId, deviceId])})`,
    );
    const plan = rows[0]?.["QUERY PLAN"][0]?.Plan as PlanNode;
    const scans = planNodes(plan).filter((n) => n["Relation Name"]);
    expect(scans.length).toBe(planNodes(emptyPlan).filter((n) => n["Relation Name"]).length);
    for (const scan of scans) {
      const table = scan["Relation Name"] as string;
      expect(scan["Index Name"], table).toMatch(new RegExp(`^(${PROBED_INDEX[table]})$`));
      // One row per probe at most, nothing read and thrown away (an index on company_id alone reads them all).
      expect(scan["Actual Rows"] ?? 0, table).toBeLessThanOrEqual(1);
      expect(scan["Rows Removed by Filter"] ?? 0, table).toBe(0);
    }
    const byTable = (t: string) => scans.filter((n) => n["Relation Name"] === t);
    expect(byTable("products")[0]?.["Actual Loops"]).toBe(3);
    // The three numbers are taken (one row each); two stored-invoice probes, one revision read (the stored one's).
    expect(byTable("invoices").map((n) => [n["Index Name"], n["Actual Loops"]])).toEqual(
      expect.arrayContaining([
        ["invoices_number_once", 3],
        ["invoices_pkey", 2],
      ]),
    );
    expect(byTable("invoices").find((n) => n["Index Name"] === "invoices_number_once")?.["Actual Rows"]).toBe(1);
    expect(byTable("invoice_revisions")[0]?.["Actual Loops"]).toBe(1);
  });
});
