import { quantityToMilli, type StockLevel, stockLevelOf } from "@mostrador/domain";

/** A balance of the terminal's warehouse as the last pull brought it (storage table `stock`). */
export interface StockBalanceRecord {
  productId: string;
  quantity: number;
  minStock: number | null;
}

/** What the pull's stock section left in meta: for which invoices the balances already count. */
export interface StockPullState {
  warehouseId: string;
  /** This device's invoices with a server version up to this one are counted in the balances. */
  invoiceVersion: number;
  /** When the last stock pull was applied (ISO). */
  pulledAt: string;
}

/** The till's own invoices, as far as stock is concerned. */
export interface StockInvoice {
  status: string;
  serverVersion: number | null;
  lines: readonly { productId: string; quantity: number }[];
}

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
