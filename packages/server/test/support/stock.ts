import { expect } from "vitest";
import type { TestServer } from "../../src/testing/testServer";
import type { Shop } from "./company";

/** The balance of a product in the demo's main warehouse, in thousandths, straight from the database. */
export async function balanceOf(s: TestServer, shop: Shop, index: number): Promise<number | null> {
  const rows = await s.db.query<{ quantity: string }>(
    "SELECT quantity FROM stock_balances WHERE company_id = $1 AND warehouse_id = $2 AND product_id = $3",
    [shop.demo.companyId, shop.demo.warehouseId, shop.demo.productIds[index]],
  );
  return rows[0] ? Number(rows[0].quantity) : null;
}

export async function movementsOf(s: TestServer, shop: Shop, index: number) {
  return s.db.query<{ kind: string; quantity: string; document_id: string; line_index: number }>(
    "SELECT kind, quantity, document_id, line_index FROM stock_movements WHERE company_id = $1 AND product_id = $2 ORDER BY id",
    [shop.demo.companyId, shop.demo.productIds[index]],
  );
}

/** The sum of the ledger equals the balance row: the invariant of the whole feature. */
export async function expectLedgerMatchesBalance(s: TestServer, shop: Shop, index: number) {
  const moves = await movementsOf(s, shop, index);
  expect(moves.reduce((sum, m) => sum + Number(m.quantity), 0)).toBe(await balanceOf(s, shop, index));
}
