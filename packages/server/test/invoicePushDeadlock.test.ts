import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { acceptInvoiceBatch } from "../src/features/invoices/invoiceAcceptor";
import { countRows, pushOk, shopWithTill, tillAuth } from "./support/company";
import { faultyDatabase, pgError } from "./support/faultyDatabase";
import type { Json } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/** The first `times` writes of invoices end as PostgreSQL ends the loser of a lock cycle (rolled back). */
function deadlocking(times: number) {
  let left = times;
  return faultyDatabase(server.db, (sql) => {
    if (left <= 0 || !/INSERT INTO invoices/.test(sql)) return undefined;
    left--;
    return pgError("deadlock detected", "40P01");
  });
}

describe("an invoice push that loses a lock cycle", () => {
  it.each([
    ["an online sale (one trip)", 1],
    ["a batch of 21 (two trips)", 21],
  ])("%s is answered retry, busy, with nothing stored, and goes through when sent again", async (_, n) => {
    const { shop, till } = await shopWithTill(server);
    const invoices = Array.from({ length: n }, () => till.invoice());
    const results = await acceptInvoiceBatch(
      deadlocking(1),
      tillAuth(shop, till),
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
