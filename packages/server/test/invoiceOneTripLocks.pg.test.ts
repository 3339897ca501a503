import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk } from "./support/company";
import { holdRowLocks, sessionsWaitingOnLocks } from "./support/lockWaits";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

// Locks held by one statement while another waits need real connections: PGlite runs one statement at a time.
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("invoiceOneTripWriter on PostgreSQL: the shared rows in every writer's order", () => {
  const server = useTestServer();

  /** Whether `sql` (a row lock taken with NOWAIT) gets its lock now; it is released at once. */
  const locksNow = (sql: string, params: unknown[]) =>
    server.db
      .transaction((tx) => tx.query(sql, params))
      .then(
        () => true,
        (err: { code?: string }) => {
          if (err.code === "55P03") return false;
          throw err;
        },
      );

  it("waiting on a locked sales summary, the one-trip write holds its device and not yet the warehouse", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const company = shop.demo.companyId;
    const issuedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    // The summary rows and the warehouse's counter exist once a first sale is stored.
    await pushOk(till, [till.invoice({ issuedAt })]);

    const held = await holdRowLocks(server.db, "SELECT 1 FROM sales_summary WHERE company_id = $1 FOR UPDATE", [
      company,
    ]);
    const push = pushOk(till, [till.invoice({ issuedAt })]);
    try {
      // The push's one statement waits for the summary row.
      await sessionsWaitingOnLocks(server.db, 1, "WITH dev_take");
      // Its device row is already locked (the device counter comes first) …
      expect(
        await locksNow("SELECT 1 FROM devices WHERE company_id = $1 AND id = $2 FOR UPDATE NOWAIT", [
          company,
          till.deviceId,
        ]),
      ).toBe(false);
      // … and the warehouse's counter and balances are not (they come after the summaries).
      expect(await locksNow("SELECT 1 FROM stock_counters WHERE company_id = $1 FOR UPDATE NOWAIT", [company])).toBe(
        true,
      );
      expect(await locksNow("SELECT 1 FROM stock_balances WHERE company_id = $1 FOR UPDATE NOWAIT", [company])).toBe(
        true,
      );
    } finally {
      await held.release();
    }
    expect((await push).map((r) => r.outcome)).toEqual(["accepted"]);
    const [sales] = await server.db.query<{ n: string }>(
      "SELECT sum(invoice_count) AS n FROM sales_summary WHERE company_id = $1",
      [company],
    );
    expect(Number(sales?.n)).toBe(2);
  });
});
