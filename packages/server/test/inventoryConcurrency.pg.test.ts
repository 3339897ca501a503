import { describe, expect, it, vi } from "vitest";
import { demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk } from "./support/company";
import { pushDocs, withCreditNotes } from "./support/returns";
import { balanceOf, expectLedgerMatchesBalance } from "./support/stock";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

// Real concurrency needs real connections: PGlite runs one statement at a time.
const databaseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!databaseUrl)("stock on PostgreSQL: sales, returns and voids of one warehouse at once", () => {
  const server = useTestServer();

  it("never deadlock (every writer takes the summaries, then the warehouse), and the ledger still adds up", async () => {
    const shop = await newShop(server);
    const admin = await withCreditNotes(shop, await openTill(shop, { as: "admin", lease: 200 }), { as: "admin" });
    const sellers = await Promise.all(
      [0, 1, 2].map((i) => openTill(shop, { terminal: i % 2 === 0 ? "caja1" : "caja2", lease: 200 })),
    );
    // What the admin will return and void meanwhile: sold first, one product per line.
    const toUndo = Array.from({ length: 12 }, () =>
      admin.invoice({ lines: [demoLine(shop.demo, 0, 2), demoLine(shop.demo, 1, 1)] }),
    );
    await pushOk(admin, toUndo);
    const start = [await balanceOf(server, shop, 0), await balanceOf(server, shop, 1)];

    for (let round = 0; round < 4; round++) {
      const [ret, voi] = [
        toUndo[round * 3] as (typeof toUndo)[number],
        toUndo[round * 3 + 1] as (typeof toUndo)[number],
      ];
      const sales = sellers.map((till) =>
        // Lines in both orders, so two batches take the two balance rows in opposite line order.
        Array.from({ length: 20 }, (_, k) =>
          till.invoice({
            lines:
              k % 2 === 0
                ? [demoLine(shop.demo, 0, 1), demoLine(shop.demo, 1, 1)]
                : [demoLine(shop.demo, 1, 1), demoLine(shop.demo, 0, 1)],
          }),
        ),
      );
      const answers = await Promise.all([
        ...sellers.map((till, t) => pushOk(till, sales[t] ?? [])),
        pushDocs(shop, admin, { creditNotes: [admin.creditNote(ret, [{ invoiceLineIndex: 0, quantity: 2 }])] }),
        pushDocs(shop, admin, { voids: [admin.voidOf(voi, shop.demo.adminId)] }),
      ]);
      const [noteAnswer, voidAnswer] = answers.slice(3) as [
        Awaited<ReturnType<typeof pushDocs>>,
        Awaited<ReturnType<typeof pushDocs>>,
      ];
      expect(noteAnswer.creditNoteResults[0]).toMatchObject({ outcome: "accepted" });
      expect(voidAnswer.voidResults[0]).toMatchObject({ outcome: "accepted" });
    }

    // 4 rounds × 3 tills × 20 invoices sold one unit of each; 4 returns gave back 2 of product 0;
    // 4 voids gave back 2 of product 0 and 1 of product 1.
    expect(await balanceOf(server, shop, 0)).toBe((start[0] ?? 0) - 240_000 + 8_000 + 8_000);
    expect(await balanceOf(server, shop, 1)).toBe((start[1] ?? 0) - 240_000 + 4_000);
    await expectLedgerMatchesBalance(server, shop, 0);
    await expectLedgerMatchesBalance(server, shop, 1);
  });
});
