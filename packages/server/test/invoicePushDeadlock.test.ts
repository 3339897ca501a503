import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { Database, Queryable } from "../src/db/database";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { acceptInvoiceBatch } from "../src/features/invoices/invoiceAcceptor";
import { countRows, pushOk, shopWithTill, type Till } from "./support/company";
import type { Json } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/**
 * The server's database, where the first `times` writes of invoices end as PostgreSQL ends the loser of a
 * lock cycle (SQLSTATE 40P01, the transaction rolled back).
 */
function deadlocking(db: Database, times: number): Database {
  let left = times;
  const guard = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      if (left > 0 && /INSERT INTO invoices/.test(sql)) {
        left--;
        return Promise.reject(Object.assign(new Error("deadlock detected"), { code: "40P01" }));
      }
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return {
    ...guard(db),
    kind: db.kind,
    close: () => db.close(),
    transaction: (fn) => db.transaction((tx) => fn(guard(tx))),
  };
}

const authOf = (shop: Awaited<ReturnType<typeof shopWithTill>>["shop"], till: Till) => ({
  companyId: shop.demo.companyId,
  userId: shop.demo.cashierId,
  role: "cashier" as const,
  terminalIds: [],
  deviceId: till.deviceId,
  deviceTerminalId: till.terminalId,
});

describe("an invoice push that loses a lock cycle", () => {
  it.each([
    ["an online sale (one trip)", 1],
    ["a batch of 21 (two trips)", 21],
  ])("%s is answered retry, busy, with nothing stored, and goes through when sent again", async (_, n) => {
    const { shop, till } = await shopWithTill(server);
    const invoices = Array.from({ length: n }, () => till.invoice());
    const results = await acceptInvoiceBatch(
      deadlocking(server.db, 1),
      authOf(shop, till),
      secretBoxOf(randomBytes(32)),
      invoices,
    );
    expect(results.map((r) => [r.outcome, "reason" in r ? r.reason : null])).toEqual(
      Array(n).fill(["retry", "busy, retry"]),
    );
    expect(await countRows(server, "invoices", shop.demo.companyId)).toBe(0);
    expect(await countRows(server, "sales_summary", shop.demo.companyId)).toBe(0);

    const again = await pushOk(till, invoices);
    expect(again.map((r: Json) => [r.outcome, r.duplicate])).toEqual(Array(n).fill(["accepted", false]));
  });
});
