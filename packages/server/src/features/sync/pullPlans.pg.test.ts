import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { migrate } from "../../db/migrator";
import { type DemoCompany, seedDemoCompany } from "../../demo/demoCompanySeeder";
import { growCatalog } from "../../testing/catalogCopies";
import { openPlanRecorder, type PlanNode, planNodes, rowsRead } from "../../testing/planRecorder";
import { createScratchDatabase, type ScratchDatabase } from "../../testing/scratchDatabase";
import { soldElsewhereDocumentsSql } from "../shifts/terminalShiftReader";
import { readChanges } from "./changeFeed";
import { idleProbeSql } from "./idlePull";

/**
 * A till's pulls (issue 17) on a shop with a real catalog: whatever plan PostgreSQL makes of their statements
 * — planned for the call's cursors, or the generic plan a named statement switches to after five calls — what
 * they read does not grow with the catalog. The idle pull reads at most one row of each big table to learn that
 * nothing is new (its EXISTS form's generic plan read every product on every pull); a pull of a few changes
 * reads about a page.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const PRODUCTS = 20_000;
const CLIENTS = 10_000;
const BLOCKS = 2_000;

describe.skipIf(!databaseUrl)("a till's pulls on PostgreSQL, with 20,000 products", () => {
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

  const [OTHER_SALES, SHIFT_OWN, SHIFT_ELSEWHERE] = [20_000, 2_000, 3];
  /**
   * Caja 2's open shift, held by `holder`, with SHIFT_OWN of its sales among OTHER_SALES sales outside any shift,
   * and SHIFT_ELSEWHERE sales of `neighbour` (another device of Caja 2) in the shift. Returns the fingerprint the
   * probe must read for `holder` (what the neighbour sold: terminalShiftReader's salesFingerprintSql of their rows).
   */
  async function sharedShift(
    holder: string,
    neighbour: string,
    /** Each shift on a terminal of its own (one open per terminal), its numbers after `base`. */
    { terminal, base }: { terminal: string; base: number },
  ): Promise<{ fingerprint: string; shiftId: string }> {
    const shiftId = randomUUID();
    for (const id of [holder, neighbour])
      await db.query(
        "INSERT INTO devices (company_id, id, terminal_id, user_id, name) VALUES ($1, $2, $3, $4, 'Caja 2 de prueba')",
        [demo.companyId, id, terminal, demo.cashierId],
      );
    await db.query(
      `INSERT INTO shifts (company_id, id, revision, status, terminal_id, device_id, opened_by, opened_at,
                           opening_float, movements_net, version)
       VALUES ($1, $2, 1, 'open', $3, $4, $5, now(), 0, 0, 1)`,
      [demo.companyId, shiftId, terminal, holder, demo.cashierId],
    );
    await db.query(
      `INSERT INTO shift_revisions (company_id, shift_id, revision, document, user_id, device_id)
       VALUES ($1, $2, 1, jsonb_build_object('id', $5::text, 'openedBy', $6::text), $3, $4)`,
      [demo.companyId, shiftId, demo.cashierId, holder, shiftId, demo.cashierId],
    );
    const sales = (device: string, shift: string | null, from: number, count: number) =>
      db.query(
        `INSERT INTO invoices (company_id, id, revision, status, numbering_id, prefix, number, terminal_id, device_id,
                               cashier_id, client_id, issued_at, subtotal, discount, tax, total, paid, change,
                               version, shift_id)
         SELECT $1, gen_random_uuid(), 1, 'accepted', $2, 'POS', n, $3, $4, $5, $6, now(), 100, 0, 19, 119, 119, 0, n, $7
           FROM generate_series($8::int, $8::int + $9::int - 1) AS n`,
        [
          demo.companyId,
          demo.numberings.pos,
          terminal,
          device,
          demo.cashierId,
          demo.clients.walkIn,
          shift,
          from,
          count,
        ],
      );
    await sales(holder, null, base + 1, OTHER_SALES);
    await sales(holder, shiftId, base + OTHER_SALES + 1, SHIFT_OWN);
    await sales(neighbour, shiftId, base + OTHER_SALES + SHIFT_OWN + 1, SHIFT_ELSEWHERE);
    await db.exec("ANALYZE invoices");
    // The neighbour's sales, read plainly: what the probe's two ranges must add up to.
    const [elsewhere] = await db.query<{ fingerprint: string }>(
      `SELECT count(*) || ':' || sum(version) || ':' || sum(uuid_hash(id)) AS fingerprint
         FROM invoices WHERE company_id = $1 AND shift_id = $2 AND device_id = $3`,
      [demo.companyId, shiftId, neighbour],
    );
    expect(elsewhere?.fingerprint).toMatch(new RegExp(`^${SHIFT_ELSEWHERE}:`));
    return { fingerprint: String(elsewhere?.fingerprint), shiftId };
  }
  // The probe says what other devices sold in the open shift (their fingerprint, soldElsewhereMemo) on every pull:
  // through invoices_shift_device (migration 026) it reads those devices' rows, never the asking till's own.
  it("reads only the other devices' sales of a long shared shift (custom and generic plans)", async () => {
    const [holder, neighbour] = [randomUUID(), randomUUID()];
    const { fingerprint } = await sharedShift(holder, neighbour, { terminal: demo.terminals.caja2, base: 0 });
    await db.exec(`PREPARE idle_probe (uuid, uuid, bigint, bigint, int, int) AS ${idleProbeSql()}`);
    try {
      for (const mode of ["force_custom_plan", "force_generic_plan"]) {
        await db.exec(`SET plan_cache_mode = ${mode}`);
        const execute = `EXECUTE idle_probe ('${demo.companyId}', '${holder}', ${cursor}, ${OTHER_SALES + SHIFT_OWN}, NULL, 30)`;
        const [answer] = await db.query<{ shift_sales_elsewhere: string | null }>(execute);
        expect(answer?.shift_sales_elsewhere, mode).toBe(fingerprint);
        const rows = await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${execute}`,
        );
        const plan = rows[0]?.["QUERY PLAN"][0]?.Plan as PlanNode;
        // The neighbour's sales, and one step down the device's version index.
        expect(rowsRead(plan, "invoices"), mode).toBeLessThanOrEqual(SHIFT_ELSEWHERE + 1);
      }
    } finally {
      await db.exec("RESET plan_cache_mode");
      await db.exec("DEALLOCATE idle_probe");
    }
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
          const scans = planNodes(plan).filter((n) => n["Relation Name"] === table);
          expect(scans.length, table).toBeGreaterThan(0);
          const read = scans.reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0), 0);
          expect(read, `${table}: ${scans.map((n) => n["Node Type"]).join(", ")}`).toBeLessThanOrEqual(1);
        }
      } finally {
        await db.exec("RESET plan_cache_mode");
        await db.exec("DEALLOCATE idle_probe");
      }
    });

  // When that fingerprint changed, the documents are read through the same two ranges: the asking till's own
  // sales of the shift are not read and filtered out (terminalShiftReader.soldElsewhereDocumentsSql).
  it("reads only the other devices' documents when a neighbour sold (custom and generic plans)", async () => {
    const [holder, neighbour] = [randomUUID(), randomUUID()];
    const { shiftId } = await sharedShift(holder, neighbour, { terminal: demo.terminals.caja1, base: 100_000 });
    // Every invoice with its revision, as stored invoices have (a small revisions table is joined the other way).
    await db.query(
      `INSERT INTO invoice_revisions (company_id, invoice_id, revision, document, user_id, device_id)
       SELECT company_id, id, revision, '{"lines":[]}', cashier_id, device_id FROM invoices WHERE company_id = $1
       ON CONFLICT DO NOTHING`,
      [demo.companyId],
    );
    await db.exec("ANALYZE invoice_revisions");
    await db.exec(`PREPARE sold_elsewhere (uuid, uuid, uuid) AS ${soldElsewhereDocumentsSql}`);
    try {
      for (const mode of ["force_custom_plan", "force_generic_plan"]) {
        await db.exec(`SET plan_cache_mode = ${mode}`);
        const execute = `EXECUTE sold_elsewhere ('${demo.companyId}', '${shiftId}', '${holder}')`;
        expect(await db.query(execute), mode).toHaveLength(SHIFT_ELSEWHERE);
        const rows = await db.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
          `EXPLAIN (ANALYZE, FORMAT JSON) ${execute}`,
        );
        const plan = rows[0]?.["QUERY PLAN"][0]?.Plan as PlanNode;
        expect(rowsRead(plan, "invoices"), mode).toBeLessThanOrEqual(SHIFT_ELSEWHERE);
        expect(rowsRead(plan, "invoice_revisions"), mode).toBeLessThanOrEqual(SHIFT_ELSEWHERE);
      }
    } finally {
      await db.exec("RESET plan_cache_mode");
      await db.exec("DEALLOCATE sold_elsewhere");
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

  for (const mode of ["force_custom_plan", "force_generic_plan"] as const)
    it(`reads about a page of each big table for a pull of a few changes (${mode})`, async () => {
      const recorder = await openPlanRecorder(scratch?.url as string, mode);
      try {
        const limit = 50;
        // The last five versions are the last copies of clients (growCatalog gives each copy its own version).
        const page = await readChanges(
          recorder.db,
          demo.companyId,
          deviceId,
          { cursor: cursor - 5, invoiceCursor: 0 },
          limit,
          false,
        );
        expect(page.changes.map((c) => c.entity)).toEqual(Array(5).fill("clients"));
        expect(page.hasMore).toBe(false);
        expect(recorder.plans.length).toBeGreaterThan(0);
        for (const { query, plan } of recorder.plans)
          for (const table of ["products", "clients", "number_blocks"])
            expect(rowsRead(plan, table), `${table} in ${query.slice(0, 120)}`).toBeLessThanOrEqual(limit + 1);
      } finally {
        await recorder.db.close();
      }
    });

  it("would see a statement whose generic plan reads the whole catalog (the harness can fail)", async () => {
    const recorder = await openPlanRecorder(scratch?.url as string, "force_generic_plan");
    try {
      await recorder.db.query("SELECT EXISTS (SELECT 1 FROM products WHERE company_id = $1 AND version > $2)", [
        demo.companyId,
        cursor,
      ]);
      expect(recorder.plans).toHaveLength(1);
      expect(rowsRead(recorder.plans[0]?.plan as PlanNode, "products")).toBeGreaterThan(PRODUCTS / 2);
    } finally {
      await recorder.db.close();
    }
  });
});
