import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Queryable } from "../../db/database";
import { migrate } from "../../db/migrator";
import { KEY_PROBE_SETTINGS_SQL } from "../../db/postgresDatabase";
import { type DemoCompany, seedDemoCompany } from "../../demo/demoCompanySeeder";
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
    // No autovacuum ANALYZE during the test: it would make PostgreSQL plan the statement again.
    for (const table of PROBED_TABLES) await db.exec(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
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
    // The statement runs on the key-probe connection (one here): its cache is that connection's.
    const cached = await (db.keyProbes as Queryable).query<{ generic_plans: number; custom_plans: number }>(
      "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%max_offline_age_days%' AND statement NOT LIKE '%pg_prepared_statements%'",
    );
    // One named statement for batches and single invoices alike, planned five times, then the generic plan
    // (planning every call cost ≈ 250 µs of PostgreSQL's CPU per single push).
    expect(cached).toHaveLength(1);
    expect(cached[0]?.custom_plans).toBe(5);
    expect(cached[0]?.generic_plans).toBeGreaterThanOrEqual(17);
  });

  it("runs on connections set for key probes, and no other statement does", async () => {
    const setting = (q: Queryable) =>
      q.query<{ seq: string; bitmap: string; sort: string }>(
        "SELECT current_setting('enable_seqscan') AS seq, current_setting('enable_bitmapscan') AS bitmap, current_setting('enable_sort') AS sort",
      );
    expect(await setting(db.keyProbes as Queryable)).toEqual([{ seq: "off", bitmap: "off", sort: "off" }]);
    expect(await setting(db)).toEqual([{ seq: "on", bitmap: "on", sort: "on" }]);
    // The plan the server's context query gets there, made now (the tables analyzed while small).
    const plan = await (db.keyProbes as Queryable).query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
      `EXPLAIN (FORMAT JSON) ${CONTEXT_SQL}`,
      [demo.companyId, ...Array(7).fill([]), [], [], [], [], [], [], []],
    );
    expectKeyProbes(plan[0]?.["QUERY PLAN"][0]?.Plan as PlanNode, "the server's key-probe connection");
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
const PROBED_TABLES = Object.keys(PROBED_INDEX);
const CONTEXT_TYPES =
  "uuid, uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[], bigint[], uuid[], uuid[], uuid[], uuid[], uuid[], uuid[]";
type Explained = { Plan: PlanNode & { "Total Cost"?: number } };

const scansOf = (plan: PlanNode) => planNodes(plan).filter((n) => n["Relation Name"]);

/** Every part a probe of its key's index: no sequential or bitmap scan, no sort, 13 tables. */
function expectKeyProbes(plan: PlanNode, state: string) {
  expect(
    planNodes(plan).map((n) => n["Node Type"]),
    state,
  ).not.toEqual(
    expect.arrayContaining([expect.stringMatching(/^(Seq Scan|Sort|Bitmap Heap Scan|Bitmap Index Scan)$/)]),
  );
  const scans = scansOf(plan);
  expect(new Set(scans.map((n) => n["Relation Name"])), state).toEqual(new Set(PROBED_TABLES));
  for (const scan of scans) {
    const table = scan["Relation Name"] as string;
    expect(scan["Node Type"], `${state}: ${table}`).toMatch(/^Index (Only )?Scan$/);
    expect(scan["Index Name"], `${state}: ${table}`).toMatch(new RegExp(`^(${PROBED_INDEX[table]})$`));
  }
}

/**
 * The generic plan a named statement runs after five calls is made once, from the statistics of that moment, and
 * kept until an ANALYZE or DDL invalidates it. Made on the key-probe connections (Database.keyProbes) it must be the
 * key-index plan in every state: tables never analyzed, analyzed while small (what autovacuum leaves on a new
 * server), analyzed big — and the plan made on small tables must still read one row per key once they are big.
 */
describe.skipIf(!databaseUrl)("the validation context query's generic plan, in every state of the statistics", () => {
  let scratch: ScratchDatabase | undefined;
  let db: Database;
  let demo: DemoCompany;
  const clients: pg.Client[] = [];
  const deviceId = randomUUID();
  const storedId = randomUUID();
  const none = "'{}'";

  /** A connection of its own: set as the server's key-probe connections are (default), or with the planner's defaults. */
  async function connect(keyProbes = true) {
    const client = new pg.Client({ connectionString: scratch?.url });
    await client.connect();
    clients.push(client);
    if (keyProbes) await client.query(KEY_PROBE_SETTINGS_SQL);
    await client.query("SET plan_cache_mode = force_generic_plan");
    return client;
  }
  async function prepare(client: pg.Client, name: string): Promise<Explained> {
    await client.query(`PREPARE ${name} (${CONTEXT_TYPES}) AS ${CONTEXT_SQL}`);
    const made = await client.query(
      `EXPLAIN (FORMAT JSON) EXECUTE ${name} ('${randomUUID()}', ${Array(14).fill(none).join(", ")})`,
    );
    return made.rows[0]["QUERY PLAN"][0] as Explained;
  }

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseUrl as string, "ctxstats", 1);
    db = scratch.db;
    await migrate(db);
    // No autovacuum ANALYZE during the test: it would make PostgreSQL plan the statements again.
    for (const table of PROBED_TABLES) await db.exec(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) await client.end();
    await scratch?.drop();
  });

  it("is the key-index plan on empty tables never analyzed", async () => {
    const plan = await prepare(await connect(), "ctx_empty");
    expectKeyProbes(plan.Plan, "never analyzed");
  });

  it("is the key-index plan on small analyzed tables, and still reads one row per key once they are big", async () => {
    demo = await seedDemoCompany(db, { emailDomain: "ctxstats.test" });
    await db.exec("ANALYZE");
    // Without the key-probe settings the planner takes scans and sorts here (what made a plan read every row).
    const plain = await prepare(await connect(false), "ctx_plain");
    expect(planNodes(plain.Plan).map((n) => n["Node Type"])).toContain("Seq Scan");
    const probes = await connect();
    const small = await prepare(probes, "ctx_small");
    expectKeyProbes(small.Plan, "analyzed small");

    // The shop grows from another connection, with no ANALYZE and no temporary table (either would make
    // PostgreSQL plan ctx_small again): 21,000 products, 50,000 invoices with their revisions, 3,000 leases.
    const [cols] = await db.query<{ list: string }>(
      `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS list
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'products' AND is_generated = 'NEVER'`,
    );
    const list = (cols?.list ?? "").split(", ");
    const copied = list.map((c) =>
      c === "id" ? "gen_random_uuid()" : c === "barcode" ? "gen_random_uuid()::text" : c,
    );
    await db.query(
      `INSERT INTO products (${list.join(", ")}) SELECT ${copied.join(", ")}
         FROM products, generate_series(1, 500) WHERE company_id = $1`,
      [demo.companyId],
    );
    await db.query(
      `INSERT INTO invoices (company_id, id, revision, status, numbering_id, prefix, number, terminal_id, device_id,
         cashier_id, client_id, issued_at, subtotal, discount, tax, total, paid, change, version)
       SELECT $1, CASE WHEN n = 7 THEN $5::uuid ELSE gen_random_uuid() END, 1, 'accepted', $2, 'POS', n, $3, $4, $4,
              $4, now(), 100, 0, 19, 119, 119, 0, n
         FROM generate_series(1, 50000) AS n`,
      [demo.companyId, demo.numberings.pos, demo.terminals.caja1, deviceId, storedId],
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

    const ids = (xs: string[]) => `'{${xs.join(",")}}'`;
    const pos = demo.numberings.pos;
    const run = await probes.query(
      `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE ctx_small ('${demo.companyId}', ${ids(demo.productIds.slice(0, 3))},
         ${ids([demo.clients.pedro])}, ${ids([demo.paymentMethods.cash])}, ${ids([demo.terminals.caja1])}, ${ids([pos])},
         ${ids([demo.cashierId])}, ${ids([deviceId])}, '{7,25000,49999}', ${ids([demo.taxes.IVA19])},
         ${ids([pos, pos, pos])}, ${ids([storedId, randomUUID()])}, ${ids([deviceId, deviceId, deviceId])},
         ${ids([deviceId])}, ${ids([demo.cashierId])})`,
    );
    const grown = run.rows[0]["QUERY PLAN"][0] as Explained;
    // The same plan (its estimates are the small tables'), not one made again for the big ones.
    expect(grown.Plan["Total Cost"]).toBe(small.Plan["Total Cost"]);
    expectKeyProbes(grown.Plan, "made small, run big");
    for (const scan of scansOf(grown.Plan)) {
      const table = scan["Relation Name"] as string;
      // One row per probe at most, nothing read and thrown away (a scan reads them all).
      expect(scan["Actual Rows"] ?? 0, table).toBeLessThanOrEqual(1);
      expect(scan["Rows Removed by Filter"] ?? 0, table).toBe(0);
    }
    const byTable = (t: string) => scansOf(grown.Plan).filter((n) => n["Relation Name"] === t);
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
  }, 120_000);

  it("is the key-index plan on big analyzed tables", async () => {
    await db.exec("ANALYZE");
    const plan = await prepare(await connect(), "ctx_big");
    expectKeyProbes(plan.Plan, "analyzed big");
  });
});
