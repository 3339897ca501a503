import { randomBytes } from "node:crypto";
import type { PushResult } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { newShop, type Shop } from "../../../test/support/company";
import { type Pushing, pushingTills } from "../../../test/support/pushingTills";
import { balanceOf, expectLedgerMatchesBalance } from "../../../test/support/stock";
import { useTestServer } from "../../../test/support/testServer";
import type { Database, Queryable } from "../../db/database";
import { secretBoxOf } from "../dianCertificate/secretBox";
import { acceptInvoiceGroup, type InvoiceUpload } from "./invoiceAcceptor";
import { pushGroupCommit } from "./pushGroupCommit";

vi.mock("../../auth/passwordHasher", () => import("../../../test/support/fastPasswordHasher"));

/**
 * The overlap of pushGroupCommit's groups (issue 17, session 7): the next group is decided while the
 * one before it is still in its transaction, on PGlite or on TEST_DATABASE_URL. The first push's
 * transaction is held at a gate until the next group has loaded its context, so the overlap happens
 * deterministically; what was decided without seeing that transaction must still end right.
 */
const server = useTestServer();
const secrets = secretBoxOf(randomBytes(32));

const tills = (shop: Shop, n: number) => pushingTills(server.db, shop, n);

/**
 * A database whose first transaction waits for `open()`, and a group commit on it that records its
 * groups; `decided` resolves once a group's first query (its context) has been answered.
 */
function heldFirstTransaction(db: Database) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let seen!: () => void;
  const decided = new Promise<void>((resolve) => {
    seen = resolve;
  });
  let transactions = 0;
  const held: Database = {
    ...db,
    transaction: async (fn) => {
      if (++transactions === 1) await gate;
      return db.transaction(fn);
    },
  };
  const groups: number[] = [];
  const commit = pushGroupCommit(held, secrets, {
    acceptGroup: (d: Database, uploads: InvoiceUpload[]) => {
      groups.push(uploads.length);
      let first = true;
      // The context is the group's first query, on the key-probe connections where there are some.
      const watch = (q: Queryable): Queryable => ({
        ...q,
        query: async <T>(sql: string, params?: readonly unknown[]) => {
          const rows = await q.query<T>(sql, params);
          if (first) seen();
          first = false;
          return rows;
        },
      });
      const watched: Database = { ...d, ...watch(d), ...(d.keyProbes ? { keyProbes: watch(d.keyProbes) } : {}) };
      return acceptInvoiceGroup(watched, secrets, uploads);
    },
  });
  return { commit, groups, open, decided };
}

const outcomes = (r: PushResult[]) => r.map((x) => x.outcome);

describe("pushGroupCommit: the next group is decided while the one before it writes", () => {
  it("a number taken by the transaction in flight is refused (the group fails → each alone), a retry of its invoice waits and gets the duplicate answer", async () => {
    const shop = await newShop(server);
    const [a, b] = (await tills(shop, 2)) as [Pushing, Pushing];
    const initial = Number(await balanceOf(server, shop, 0));
    const { commit, groups, open, decided } = heldFirstTransaction(server.db);
    const x = a.till.invoice();
    const first = commit.accept(a.auth, [x], {});
    // Queued while x's transaction is held: another invoice of till a with x's number (a bug of the
    // till), till b's sale, and a retry of x (its answer lost).
    const sameNumber = a.till.invoice({ number: x.number });
    const reused = commit.accept(a.auth, [sameNumber], {});
    const other = commit.accept(b.auth, [b.till.invoice()], {});
    const retry = commit.accept(a.auth, [x], {});
    await decided;
    open();
    const [f, r, o, again] = await Promise.all([first, reused, other, retry]);
    // One group of two was decided during x's transaction; the retry waited for x's write.
    expect(groups).toEqual([2]);
    expect(f.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    expect(outcomes(r.results)).toEqual(["rejected"]);
    const refused = r.results[0] as PushResult & { outcome: "rejected" };
    expect(refused.errors.map((e) => e.code)).toContain("NUMBER_ALREADY_USED");
    expect(o.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    expect(again.results).toMatchObject([{ outcome: "accepted", duplicate: true, id: x.id }]);

    const rows = await server.db.query<{ id: string; status: string }>(
      "SELECT id, status FROM invoices WHERE company_id = $1",
      [shop.demo.companyId],
    );
    expect(rows.filter((row) => row.status === "accepted").map((row) => row.id)).toHaveLength(2);
    expect(rows.filter((row) => row.id === x.id)).toHaveLength(1);
    // Two sales moved stock, once each; the retry and the refused invoice moved none.
    expect(await balanceOf(server, shop, 0)).toBe(initial - 2 * 2000);
    await expectLedgerMatchesBalance(server, shop, 0);
  });

  it("pushes of many tills while groups write: every invoice stored once, versions per device without gaps, summaries and stock equal the sum", async () => {
    const shop = await newShop(server);
    const ps = await tills(shop, 6);
    const initial = Number(await balanceOf(server, shop, 0));
    const commit = pushGroupCommit(server.db, secrets);
    // Three rounds of sales from every till at once: groups overlap each other's transactions.
    const sent: { id: string }[] = [];
    for (let round = 0; round < 3; round++) {
      const pushes = ps.map((p) => {
        const invoice = p.till.invoice();
        sent.push(invoice);
        return commit.accept(p.auth, [invoice], {});
      });
      for (const answer of await Promise.all(pushes))
        expect(answer.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    }
    const rows = await server.db.query<{ id: string; device_id: string; version: number; total: number }>(
      "SELECT id, device_id, version, total FROM invoices WHERE company_id = $1 AND status = 'accepted' ORDER BY version",
      [shop.demo.companyId],
    );
    expect(rows.map((r) => r.id).sort()).toEqual(sent.map((s) => s.id).sort());
    for (const p of ps) {
      const own = rows.filter((r) => r.device_id === p.till.deviceId).map((r) => Number(r.version));
      expect(own).toEqual(own.map((_, i) => (own[0] as number) + i));
    }
    const summary = await server.db.query<{ n: number; total: number }>(
      "SELECT coalesce(sum(invoice_count), 0)::int AS n, coalesce(sum(total), 0)::bigint AS total FROM sales_summary WHERE company_id = $1",
      [shop.demo.companyId],
    );
    expect(Number(summary[0]?.n)).toBe(rows.length);
    expect(Number(summary[0]?.total)).toBe(rows.reduce((s, r) => s + Number(r.total), 0));
    expect(await balanceOf(server, shop, 0)).toBe(initial - 2000 * rows.length);
    await expectLedgerMatchesBalance(server, shop, 0);
  });
});
