import type { PullResponse, PullStock } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

/**
 * The pull's stock section: the balances of the device's terminal's warehouse changed since the
 * till's stock cursor. The warehouse's counter is read first and balances only up to it (versions
 * commit in order, see stock_counters), so "version > cursor" never skips one. A cursor for
 * another warehouse (the terminal was moved), or one from the future (a restored database),
 * starts over with the whole warehouse (`full`). Called after the device's invoice head is read:
 * every invoice of the device up to that head is already in these balances.
 */
export async function readStockChanges(
  db: Queryable,
  companyId: string,
  deviceId: string,
  since: { cursor: number; warehouseId: string | undefined; reset: boolean; invoiceVersion: number },
  limit: number,
  /** The warehouse and its head, when the pull's probe read them already (in one snapshot with the invoice head). */
  known?: { warehouseId: string; head: number },
): Promise<PullStock | undefined> {
  const row = known
    ? { warehouse_id: known.warehouseId, head: known.head }
    : await readWarehouseHead(db, companyId, deviceId);
  if (!row) return undefined;
  const head = Number(row.head ?? 0);
  const full = since.reset || since.warehouseId !== row.warehouse_id || since.cursor > head;
  const from = full ? 0 : since.cursor;
  const balances = await db.query<{ product_id: string; quantity: string; version: string; min_stock: string | null }>(
    `SELECT b.product_id, b.quantity, b.version, p.min_stock
       FROM stock_balances b
       JOIN products p ON p.company_id = b.company_id AND p.id = b.product_id
      WHERE b.company_id = $1 AND b.warehouse_id = $2 AND b.version > $3 AND b.version <= $4
      ORDER BY b.version LIMIT $5`,
    [companyId, row.warehouse_id, from, head, limit + 1],
  );
  const hasMore = balances.length > limit;
  const page = balances.slice(0, limit);
  return {
    warehouseId: row.warehouse_id,
    cursor: hasMore ? Number(page[page.length - 1]?.version) : Math.max(head, from),
    hasMore,
    full,
    invoiceVersion: since.invoiceVersion,
    balances: page.map((b) => ({
      productId: b.product_id,
      quantity: Number(b.quantity) / 1000,
      minStock: b.min_stock === null ? null : Number(b.min_stock) / 1000,
    })),
  };
}

/** What the till sent and what the rest of the pull decided (a reset reloads the stock too). */
export function stockSince(
  q: { stockCursor?: number | undefined; stockWarehouseId?: string | undefined },
  page: Pick<PullResponse, "reset" | "invoiceCursor">,
) {
  return {
    cursor: q.stockCursor ?? 0,
    warehouseId: q.stockWarehouseId,
    reset: page.reset,
    invoiceVersion: page.invoiceCursor,
  };
}

/** The device's terminal's warehouse and that warehouse's stock counter. */
async function readWarehouseHead(db: Queryable, companyId: string, deviceId: string) {
  const rows = await db.query<{ warehouse_id: string; head: string | null }>(
    `SELECT t.warehouse_id, c.version AS head
       FROM devices d
       JOIN terminals t ON t.company_id = d.company_id AND t.id = d.terminal_id
       LEFT JOIN stock_counters c ON c.company_id = t.company_id AND c.warehouse_id = t.warehouse_id
      WHERE d.company_id = $1 AND d.id = $2`,
    [companyId, deviceId],
  );
  return rows[0];
}
