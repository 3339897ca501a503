import type { PullResponse } from "@mostrador/domain";
import { invoicesWithStatuses } from "./invoiceQueries";
import type { LocalDatabase } from "./localDatabase";
import type { StockBalanceRecord, StockInvoice, StockPullState } from "./localRecords";

/**
 * What the tiles need to show stock: the balances, what they count, and this till's invoices that the
 * balances may not count yet (the others cannot change what a tile shows: see inventory/tillStock).
 */
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

/**
 * The stock table, what it counts, and the invoices whose sales it may not count: pending and in error (by the
 * status index) and synced above the invoice version the balances count (by the serverVersion index, Dexie v9; a
 * synced invoice always has the server's version: push answers and pull rows both carry one). Voided ones and
 * synced ones the balances count sell nothing more, so the read no longer grows with the till's history, and
 * with no balances (no tracked product) no invoice is read at all. Same tiles as reading every invoice
 * (stockRecords.test compares them).
 */
export async function readTillStockFrom(db: LocalDatabase): Promise<TillStockSnapshot> {
  return db.transaction("r", [db.stock, db.meta, db.invoices], async () => {
    const [balances, stateRecord] = await Promise.all([db.stock.toArray(), db.meta.get("stockPull")]);
    const state = stateRecord?.value as StockPullState | undefined;
    if (balances.length === 0) return { balances, state, invoices: [] };
    const [unsent, syncedLater] = await Promise.all([
      invoicesWithStatuses(db, ["pending", "error"]),
      db.invoices
        .where("serverVersion")
        .above(state?.invoiceVersion ?? 0)
        .filter((i) => i.status === "synced")
        .toArray(),
    ]);
    const invoices = [...unsent, ...syncedLater].map((i) => ({
      status: i.status,
      serverVersion: i.serverVersion,
      lines: i.document.lines,
    }));
    return { balances, state, invoices };
  });
}
