import { randomBytes } from "node:crypto";
import type { PushResult } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { newShop, type Shop } from "../../../test/support/company";
import { type Pushing, pushingTills } from "../../../test/support/pushingTills";
import { balanceOf, expectLedgerMatchesBalance } from "../../../test/support/stock";
import { useTestServer } from "../../../test/support/testServer";
import type { Database } from "../../db/database";
import { secretBoxOf } from "../dianCertificate/secretBox";
import { acceptInvoiceGroup, acceptInvoicePush, type InvoicePushAnswer, type InvoiceUpload } from "./invoiceAcceptor";
import { pushGroupCommit } from "./pushGroupCommit";

vi.mock("../../auth/passwordHasher", () => import("../../../test/support/fastPasswordHasher"));

/**
 * The group commit of invoice pushes (issue 17), on PGlite or on TEST_DATABASE_URL. The first push
 * is held at a gate while the others queue, so the others are accepted as ONE group, deterministically.
 */
const server = useTestServer();
// No DEE POS numbering here: the PIN box is never opened.
const secrets = secretBoxOf(randomBytes(32));

const tills = (shop: Shop, n: number) => pushingTills(server.db, shop, n);

/** A group commit whose lone pushes wait for `open()`, and which records the groups it accepted. */
function gated(db: Database, acceptGroup = (d: Database, u: InvoiceUpload[]) => acceptInvoiceGroup(d, secrets, u)) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const groups: number[] = [];
  const commit = pushGroupCommit(db, secrets, {
    acceptAlone: async (d, u) => {
      await gate;
      return acceptInvoicePush(d, u.auth, secrets, u.rawInvoices, u.activity);
    },
    acceptGroup: (d, uploads) => {
      groups.push(uploads.length);
      return acceptGroup(d, uploads);
    },
  });
  return { commit, groups, open };
}

const outcome = (a: PromiseSettledResult<InvoicePushAnswer>) =>
  a.status === "fulfilled" ? a.value.results.map((r) => r.outcome) : ["error"];

async function stored(companyId: string) {
  return server.db.query<{ id: string; device_id: string; version: number; status: string; total: number }>(
    "SELECT id, device_id, version, status, total FROM invoices WHERE company_id = $1 ORDER BY version",
    [companyId],
  );
}

async function summaryTotal(companyId: string) {
  const rows = await server.db.query<{ n: number; total: number }>(
    "SELECT coalesce(sum(invoice_count), 0)::int AS n, coalesce(sum(total), 0)::bigint AS total FROM sales_summary WHERE company_id = $1",
    [companyId],
  );
  return { n: Number(rows[0]?.n), total: Number(rows[0]?.total) };
}

/** A database whose transactions fail after their work, before COMMIT (everything rolled back). */
function failingCommits(db: Database, fails: () => boolean): Database {
  return {
    ...db,
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const result = await fn(tx);
        if (fails()) throw new Error("injected: the connection broke before COMMIT");
        return result;
      }),
  };
}

describe("pushGroupCommit: concurrent pushes of one company in one transaction", () => {
  it("many tills at once with one invalid invoice: each push gets its own answers, every valid invoice stored once, summaries and stock equal the sum", async () => {
    const shop = await newShop(server);
    const ps = await tills(shop, 6);
    const initial = Number(await balanceOf(server, shop, 0));
    const { commit, groups, open } = gated(server.db);
    const [first, ...rest] = ps as [Pushing, ...Pushing[]];
    const firstInvoice = first.till.invoice();
    const inFlight = commit.accept(first.auth, [firstInvoice], {});
    // Queued while the first is in flight: five tills, one push carries a wrong total; two pushes of one till.
    const pushes = rest.map((p, i) =>
      i === 2 ? [p.till.invoice(), p.till.invoice({ totals: { total: 1 } })] : [p.till.invoice()],
    );
    const second = [rest[0]?.till.invoice()];
    const answers = Promise.allSettled([
      ...rest.map((p, i) => commit.accept(p.auth, pushes[i] as unknown[], {})),
      commit.accept((rest[0] as Pushing).auth, second, {}),
    ]);
    open();
    const firstAnswer = await inFlight;
    const settled = await answers;
    // The five tills' six pushes as one group (two pushes of one till, in their order).
    expect(groups).toEqual([6]);
    expect(outcome({ status: "fulfilled", value: firstAnswer })).toEqual(["accepted"]);
    expect(settled.map(outcome)).toEqual([
      ["accepted"],
      ["accepted"],
      ["accepted", "rejected"],
      ["accepted"],
      ["accepted"],
      ["accepted"],
    ]);
    // Each answer names its own invoices, in its push's order.
    settled.forEach((s, i) => {
      const sent = (i < rest.length ? pushes[i] : second) as { id: string }[];
      if (s.status !== "fulfilled") throw new Error("refused");
      expect(s.value.results.map((r) => r.id)).toEqual(sent.map((x) => x.id));
      for (const r of s.value.results) if (r.outcome === "accepted") expect(r.duplicate).toBe(false);
    });
    const bad = (settled[2] as PromiseFulfilledResult<InvoicePushAnswer>).value.results[1] as PushResult;
    expect(bad.outcome === "rejected" && bad.errors.map((e) => e.code)).toContain("TOTALS_MISMATCH");

    const rows = await stored(shop.demo.companyId);
    const accepted = rows.filter((r) => r.status === "accepted");
    const validIds = [firstInvoice, ...pushes.flat(), ...second]
      .filter((x) => x && (x as { totals: { total: number } }).totals.total !== 1)
      .map((x) => (x as { id: string }).id);
    expect(accepted.map((r) => r.id).sort()).toEqual([...validIds].sort());
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    // Per-device versions: each till's invoices numbered 1, 2, … on its own counter, none skipped.
    for (const p of ps) {
      const own = rows.filter((r) => r.device_id === p.till.deviceId).map((r) => Number(r.version));
      expect(own.length).toBeGreaterThan(0);
      expect(own).toEqual(own.map((_, i) => (own[0] as number) + i));
    }
    const summary = await summaryTotal(shop.demo.companyId);
    expect(summary).toEqual({ n: accepted.length, total: accepted.reduce((s, r) => s + Number(r.total), 0) });
    // Every invoice sells 2 of demo product 0 (a tracked product) and the ledger equals the balance.
    expect(await balanceOf(server, shop, 0)).toBe(initial - 2000 * accepted.length);
    await expectLedgerMatchesBalance(server, shop, 0);
  });

  it("a group whose transaction fails answers no push accepted and stores nothing; the retries store each invoice once", async () => {
    const shop = await newShop(server);
    const ps = await tills(shop, 4);
    const initial = Number(await balanceOf(server, shop, 0));
    const broken = failingCommits(server.db, () => true);
    const { commit, groups, open } = gated(broken);
    const pushes = ps.map((p) => [p.till.invoice()]);
    const answers = Promise.allSettled(ps.map((p, i) => commit.accept(p.auth, pushes[i] as unknown[], {})));
    open();
    const settled = await answers;
    expect(groups).toEqual([3]);
    // The group failed, then each push alone failed too: every push is an error (5xx), none "accepted".
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
    expect(await stored(shop.demo.companyId)).toEqual([]);
    expect(await summaryTotal(shop.demo.companyId)).toEqual({ n: 0, total: 0 });
    expect(await balanceOf(server, shop, 0)).toBe(initial);

    // The tills retry the same pushes on a healthy server.
    const healthy = gated(server.db);
    const retried = Promise.all(ps.map((p, i) => healthy.commit.accept(p.auth, pushes[i] as unknown[], {})));
    healthy.open();
    const again = await retried;
    expect(healthy.groups).toEqual([3]);
    for (const a of again) expect(a.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    const rows = await stored(shop.demo.companyId);
    expect(rows.map((r) => r.id).sort()).toEqual(pushes.map((p) => (p[0] as { id: string }).id).sort());
    expect(await summaryTotal(shop.demo.companyId)).toMatchObject({ n: 4 });
    expect(await balanceOf(server, shop, 0)).toBe(initial - 2000 * 4);
  });

  it("when only the group's transaction fails, each push is accepted alone, once", async () => {
    const shop = await newShop(server);
    const ps = await tills(shop, 4);
    const initial = Number(await balanceOf(server, shop, 0));
    let groupCommits = 0;
    const { commit, groups, open } = gated(server.db, (d, uploads) =>
      acceptInvoiceGroup(
        failingCommits(d, () => ++groupCommits > 0),
        secrets,
        uploads,
      ),
    );
    const pushes = ps.map((p) => [p.till.invoice()]);
    const answers = Promise.all(ps.map((p, i) => commit.accept(p.auth, pushes[i] as unknown[], {})));
    open();
    const settled = await answers;
    expect(groups).toEqual([3]);
    expect(groupCommits).toBe(1);
    for (const a of settled) expect(a.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    expect((await stored(shop.demo.companyId)).length).toBe(4);
    expect(await summaryTotal(shop.demo.companyId)).toMatchObject({ n: 4 });
    expect(await balanceOf(server, shop, 0)).toBe(initial - 2000 * 4);
  });

  it("a lost answer retried (inside a group, and while the first push is still queued) gets the duplicate answer", async () => {
    const shop = await newShop(server);
    const [a, b, c] = (await tills(shop, 3)) as [Pushing, Pushing, Pushing];
    const invoice = b.till.invoice();
    const { commit, groups, open } = gated(server.db);
    const first = commit.accept(a.auth, [a.till.invoice()], {});
    // b's push, and b's retry of it before any answer came: the retry waits for the next group.
    const original = commit.accept(b.auth, [invoice], {});
    const early = commit.accept(b.auth, [invoice], {});
    const other = commit.accept(c.auth, [c.till.invoice()], {});
    open();
    await first;
    const [o, e, x] = await Promise.all([original, early, other]);
    expect(groups).toEqual([2]);
    expect(o.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    expect(x.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    expect(e.results).toMatchObject([{ outcome: "accepted", duplicate: true }]);
    const stock = await balanceOf(server, shop, 0);

    // Later the answer is lost again and the till retries together with another till's new sale.
    const later = gated(server.db);
    const blocker = later.commit.accept(a.auth, [a.till.invoice()], {});
    const retry = later.commit.accept(b.auth, [invoice], {});
    const fresh = later.commit.accept(c.auth, [c.till.invoice()], {});
    later.open();
    await blocker;
    const [r, f] = await Promise.all([retry, fresh]);
    expect(later.groups).toEqual([2]);
    expect(r.results).toMatchObject([{ outcome: "accepted", duplicate: true, id: invoice.id }]);
    const ok = o.results[0] as PushResult & { outcome: "accepted" };
    expect((r.results[0] as PushResult & { outcome: "accepted" }).invoice).toEqual(ok.invoice);
    expect(f.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    const rows = await stored(shop.demo.companyId);
    expect(rows.filter((row) => row.id === invoice.id)).toHaveLength(1);
    expect(rows).toHaveLength(5);
    // The retries moved no stock: two new sales since.
    expect(await balanceOf(server, shop, 0)).toBe((stock as number) - 2 * 2000);
  });
  it("a batch larger than an online sale is not grouped: accepted alone, beside the group", async () => {
    const shop = await newShop(server);
    const [a, b, c, d] = (await tills(shop, 4)) as [Pushing, Pushing, Pushing, Pushing];
    const { commit, groups, open } = gated(server.db);
    const first = commit.accept(a.auth, [a.till.invoice()], {});
    const large = Array.from({ length: 21 }, () => d.till.invoice());
    const pushes = Promise.all([
      commit.accept(b.auth, [b.till.invoice()], {}),
      commit.accept(d.auth, large, {}),
      commit.accept(c.auth, [c.till.invoice()], {}),
    ]);
    open();
    await first;
    const [x, big, y] = await pushes;
    expect(groups).toEqual([2]);
    for (const r of [...x.results, ...big.results, ...y.results]) expect(r).toMatchObject({ outcome: "accepted" });
    expect(big.results.map((r) => r.id)).toEqual(large.map((inv) => inv.id));
    expect((await stored(shop.demo.companyId)).length).toBe(24);
  });
});
