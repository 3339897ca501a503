import type { PullResponse } from "@mostrador/domain";
import type { LocalDatabase } from "./localDatabase";
import type { StockBalanceRecord, StockInvoice, StockPullState } from "./localRecords";

/** What the tiles need to show stock: the balances, what they count, and this till's invoices. */
export interface TillStockSnapshot {
  balances: StockBalanceRecord[];
  state: StockPullState | undefined;
  invoices: StockInvoice[];
}

/**
 * Applies the pull's stock section inside the page's transaction: a full section replaces the
 * table (first pull, or the terminal moved to another warehouse), otherwise its balances are
 * upserted; the cursor and what the balances count go to meta.
 */
export async function applyStockInDb(db: LocalDatabase, stock: PullResponse["stock"]): Promise<void> {
  if (!stock) return;
  if (stock.full) await db.stock.clear();
  if (stock.balances.length > 0) await db.stock.bulkPut(stock.balances);
  const state: StockPullState = {
    warehouseId: stock.warehouseId,
    invoiceVersion: stock.invoiceVersion,
    pulledAt: new Date().toISOString(),
  };
  await db.meta.bulkPut([
    { key: "stockCursor", value: stock.cursor },
    { key: "stockPull", value: state },
  ]);
}

/** The invoices still in local storage (pending, error, synced, voided) and the stock table. */
export async function readTillStockFrom(db: LocalDatabase): Promise<TillStockSnapshot> {
  return db.transaction("r", [db.stock, db.meta, db.invoices], async () => {
    const [balances, state, invoices] = await Promise.all([
      db.stock.toArray(),
      db.meta.get("stockPull"),
      db.invoices.toArray(),
    ]);
    return {
      balances,
      state: state?.value as StockPullState | undefined,
      invoices: invoices.map((i) => ({ status: i.status, serverVersion: i.serverVersion, lines: i.document.lines })),
    };
  });
}
