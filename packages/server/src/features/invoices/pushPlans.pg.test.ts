import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newShop, openTill, type Shop, type Till } from "../../../test/support/company";
import { type AuthContext, resolveToken } from "../../auth/authTokens";
import { growCatalog } from "../../testing/catalogCopies";
import { openPlanRecorder, rowsRead } from "../../testing/planRecorder";
import { createScratchDatabase, type ScratchDatabase } from "../../testing/scratchDatabase";
import { startTestServer, type TestServer } from "../../testing/testServer";
import { secretBoxOf } from "../dianCertificate/secretBox";
import { acceptInvoiceBatch, acceptInvoicePush } from "./invoiceAcceptor";

vi.mock("../../auth/passwordHasher", () => import("../../../test/support/fastPasswordHasher"));

/**
 * An online till's push of one sale (issue 17) on a shop with a real catalog and a history of sales: what each
 * statement of the push reads does not grow with the catalog or the history, whether PostgreSQL plans it for the
 * call's values or uses the generic plan a named statement may switch to.
 */
const databaseUrl = process.env.TEST_DATABASE_URL;
const PRODUCTS = 20_000;
const CLIENTS = 10_000;
const HISTORY = 2_000;
/** Rows a statement may read of one table for one invoice: its lines, its payments, a neighbour in an index. */
const READS_PER_TABLE = 12;
const secrets = secretBoxOf(randomBytes(32));

describe.skipIf(!databaseUrl)("an online till's push on PostgreSQL, with 20,000 products and 2,000 sales", () => {
  // A database of its own: the catalog, the history and the ANALYZE stay out of the other suites' database.
  let scratch: ScratchDatabase | undefined;
  let server: TestServer | undefined;
  let shop: Shop;
  let till: Till;
  let auth: AuthContext;

  beforeAll(async () => {
    scratch = await createScratchDatabase(databaseUrl as string, "pushplan", 1);
    server = await startTestServer({ databaseUrl: scratch.url });
    const { db } = server;
    shop = await newShop(server);
    await growCatalog(db, "products", shop.demo.companyId, PRODUCTS);
    await growCatalog(db, "clients", shop.demo.companyId, CLIENTS);
    // One lease for the whole history (over the default limit per device).
    await db.query("UPDATE numberings SET max_unused_per_device = $3 WHERE company_id = $1 AND id = $2", [
      shop.demo.companyId,
      shop.demo.numberings.pos,
      HISTORY + 100,
    ]);
    till = await openTill(shop, { lease: HISTORY + 100 });
    auth = (await resolveToken(db, till.token)) as AuthContext;
    for (let i = 0; i < HISTORY; i += 100) {
      const results = await acceptInvoiceBatch(
        db,
        auth,
        secrets,
        Array.from({ length: 100 }, () => till.invoice()),
      );
      expect(results.every((r) => r.outcome === "accepted")).toBe(true);
    }
    // Years of leases: 2,000 old blocks of this device and of others.
    await db.query(
      `INSERT INTO number_blocks (company_id, id, numbering_id, device_id, range_from, range_to, released_from, version)
       SELECT $1, gen_random_uuid(), $2, CASE WHEN n % 2 = 0 THEN $3 ELSE gen_random_uuid() END,
              1000000 + n * 10, 1000000 + n * 10 + 9, 1000000 + n * 10, 1
         FROM generate_series(1, 2000) AS n`,
      [shop.demo.companyId, shop.demo.numberings.pos, till.deviceId],
    );
    await db.exec("ANALYZE");
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await scratch?.drop();
  });

  for (const mode of ["force_custom_plan", "force_generic_plan"] as const)
    it(`reads a few rows of each table per statement (${mode})`, async () => {
      const recorder = await openPlanRecorder(scratch?.url as string, mode);
      try {
        const answer = await acceptInvoicePush(recorder.db, auth, secrets, [till.invoice()], {});
        expect(answer.results.map((r) => r.outcome)).toEqual(["accepted"]);
        // The context query and the write (one statement, sent with COMMIT: invoiceOneTripWriter), at least.
        expect(recorder.plans.length).toBeGreaterThanOrEqual(2);
        expect(recorder.plans.some(({ query }) => query.includes("invoice_write_declined"))).toBe(true);
        for (const { query, plan } of recorder.plans)
          for (const table of ["products", "clients", "invoices", "invoice_revisions", "number_blocks", "stock_moves"])
            expect(rowsRead(plan, table), `${table} in ${query.slice(0, 160)}`).toBeLessThanOrEqual(READS_PER_TABLE);
      } finally {
        await recorder.db.close();
      }
    });
});
