import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk, type Terminal } from "./support/company";
import { codesOf, pushDocs, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

// Real concurrency needs real connections: PGlite runs one statement at a time.
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("credit notes on PostgreSQL: tills returning at the same moment", () => {
  const server = useTestServer();

  it("four tills return the last unit of the same line at once, five rounds: exactly one accepted each time", async () => {
    const shop = await newShop(server);
    const terminals: Terminal[] = ["caja1", "caja2", "caja1", "caja2"];
    const tills = [];
    for (const terminal of terminals) tills.push(await withCreditNotes(shop, await openTill(shop, { terminal })));
    const seller = tills[0] as (typeof tills)[number];
    for (let round = 0; round < 5; round++) {
      const invoice = seller.invoice();
      await pushOk(seller, [invoice]);
      const answers = await Promise.all(
        tills.map((till) =>
          pushDocs(shop, till, { creditNotes: [till.creditNote(invoice, [{ invoiceLineIndex: 1, quantity: 1 }])] }),
        ),
      );
      const results = answers.map((a) => a.creditNoteResults[0]);
      expect(results.filter((r) => r.outcome === "accepted")).toHaveLength(1);
      expect(results.filter((r) => r.outcome === "rejected").map(codesOf)).toEqual([
        ["RETURN_EXCEEDS_SOLD"],
        ["RETURN_EXCEEDS_SOLD"],
        ["RETURN_EXCEEDS_SOLD"],
      ]);
      const rows = await server.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM credit_notes WHERE company_id = $1 AND invoice_id = $2",
        [shop.demo.companyId, invoice.id],
      );
      expect(rows[0]?.n).toBe(1);
    }
  });

  it("a return and a void of the same invoice at once: one of them wins, never both", async () => {
    const shop = await newShop(server);
    const admin = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
    const cashier = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2" }));
    for (let round = 0; round < 5; round++) {
      const invoice = admin.invoice();
      await pushOk(admin, [invoice]);
      const [returned, voided] = await Promise.all([
        pushDocs(shop, cashier, { creditNotes: [cashier.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }])] }),
        pushDocs(shop, admin, { voids: [admin.voidOf(invoice, shop.demo.adminId)] }),
      ]);
      const note = returned.creditNoteResults[0];
      const v = voided.voidResults[0];
      expect([note.outcome, v.outcome].sort()).toEqual(["accepted", "rejected"]);
      if (note.outcome === "rejected") expect(codesOf(note)).toEqual(["INVOICE_VOIDED"]);
      else expect(codesOf(v)).toEqual(["INVOICE_HAS_RETURNS"]);
    }
  });
});
