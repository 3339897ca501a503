import { quantityToMilli, type StockLevel, stockLevelOf } from "@mostrador/domain";
import type { StockBalanceRecord, StockInvoice, StockPullState } from "../storage/localRecords";

export type { StockBalanceRecord, StockInvoice, StockPullState };

export interface TillStock {
  quantity: number;
  level: StockLevel;
  /** The last pull is more than an hour old: shown with "≈". */
  approximate: boolean;
}

export const STALE_AFTER_MS = 60 * 60 * 1000;

/**
 * The stock a tile shows: the last known balance of the terminal's warehouse minus what this till
 * sold that the balance does not count yet (pending or in error, or accepted after the pulled
 * balances were read). Voided invoices sell nothing. Quantities are summed in thousandths.
 */
export function tillStockByProduct(
  balances: readonly StockBalanceRecord[],
  invoices: readonly StockInvoice[],
  state: StockPullState | undefined,
  now: number,
): Map<string, TillStock> {
  const sold = new Map<string, number>();
  const counted = state?.invoiceVersion ?? 0;
  for (const inv of invoices) {
    if (inv.status === "voided") continue;
    const inBalances = inv.status === "synced" && inv.serverVersion !== null && inv.serverVersion <= counted;
    if (inBalances) continue;
    for (const line of inv.lines) {
      sold.set(line.productId, (sold.get(line.productId) ?? 0) + quantityToMilli(line.quantity));
    }
  }
  const approximate = !state || now - Date.parse(state.pulledAt) > STALE_AFTER_MS;
  const out = new Map<string, TillStock>();
  for (const b of balances) {
    const quantity = (quantityToMilli(b.quantity) - (sold.get(b.productId) ?? 0)) / 1000;
    out.set(b.productId, { quantity, level: stockLevelOf(quantity, b.minStock), approximate });
  }
  return out;
}
