import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { newShop } from "../../../test/support/company";
import { type Pushing, pushingTills } from "../../../test/support/pushingTills";
import { balanceOf, expectLedgerMatchesBalance } from "../../../test/support/stock";
import { useTestServer } from "../../../test/support/testServer";
import { secretBoxOf } from "../dianCertificate/secretBox";
import { acceptInvoiceGroup, acceptInvoicePush } from "./invoiceAcceptor";
import { pushGroupCommit } from "./pushGroupCommit";

vi.mock("../../auth/passwordHasher", () => import("../../../test/support/fastPasswordHasher"));

/**
 * Review, session 9: an invoice id in two pushes at once, one of them grouped and the other a batch
 * too large to be grouped (accepted alone, beside the group, so the group's "ids in flight" rule does
 * not keep them apart). A till whose small push timed out sends its grown queue as one batch. The
 * primary key settles it: one copy, one sale in the summaries and the stock, both pushes answered accepted.
 */
const server = useTestServer();
const secrets = secretBoxOf(randomBytes(32));

describe("pushGroupCommit: one invoice in a grouped push and in a large batch at once", () => {
  it("is stored once and moves stock once; both pushes are answered accepted", async () => {
    const shop = await newShop(server);
    const [a, b, c] = (await pushingTills(server.db, shop, 3)) as [Pushing, Pushing, Pushing];
    const initial = Number(await balanceOf(server, shop, 0));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const groups: number[] = [];
    const commit = pushGroupCommit(server.db, secrets, {
      acceptAlone: async (d, u) => {
        await gate;
        return acceptInvoicePush(d, u.auth, secrets, u.rawInvoices, u.activity);
      },
      acceptGroup: (d, uploads) => {
        groups.push(uploads.length);
        return acceptInvoiceGroup(d, secrets, uploads);
      },
    });
    const first = commit.accept(a.auth, [a.till.invoice()], {});
    const x = b.till.invoice();
    const small = commit.accept(b.auth, [x], {});
    const other = commit.accept(c.auth, [c.till.invoice()], {});
    const batch = [x, ...Array.from({ length: 20 }, () => b.till.invoice())];
    const large = commit.accept(b.auth, batch, {});
    open();
    const [, s, o, l] = await Promise.all([first, small, other, large]);
    expect(groups).toEqual([2]);
    expect(s.results).toMatchObject([{ outcome: "accepted", id: x.id }]);
    expect(o.results).toMatchObject([{ outcome: "accepted", duplicate: false }]);
    expect(l.results.map((r) => r.outcome)).toEqual(batch.map(() => "accepted"));
    const xAnswers = [s.results[0], l.results[0]].map((r) => (r?.outcome === "accepted" ? r.duplicate : null));
    expect(xAnswers.sort()).toEqual([false, true]);

    const rows = await server.db.query<{ id: string }>("SELECT id FROM invoices WHERE company_id = $1", [
      shop.demo.companyId,
    ]);
    expect(rows.filter((r) => r.id === x.id)).toHaveLength(1);
    expect(rows).toHaveLength(1 + 1 + batch.length);
    const summary = await server.db.query<{ n: number }>(
      "SELECT coalesce(sum(invoice_count), 0)::int AS n FROM sales_summary WHERE company_id = $1",
      [shop.demo.companyId],
    );
    expect(Number(summary[0]?.n)).toBe(rows.length);
    expect(await balanceOf(server, shop, 0)).toBe(initial - 2000 * rows.length);
    await expectLedgerMatchesBalance(server, shop, 0);
  });
});
