import { type StockFilter, type StockItem, stockListSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useBackOfficeApi } from "../shared/backOfficeApi";

export const INVENTORY_PATH = "/admin/inventario";
export const STOCK_PAGE_SIZE = 50;

export interface StockQueryState {
  q: string;
  warehouseId: string;
  filter: StockFilter;
  offset: number;
}

export function stockSearch(query: Omit<StockQueryState, "offset">): URLSearchParams {
  const params = new URLSearchParams({ filter: query.filter });
  if (query.q.trim()) params.set("q", query.q.trim());
  if (query.warehouseId) params.set("warehouseId", query.warehouseId);
  return params;
}

/** One page of GET /api/inventory/stock, reloaded when the query (or `reload`) changes. */
export function useStockPage(query: StockQueryState, reload = 0) {
  const api = useBackOfficeApi();
  const [page, setPage] = useState<{ items: StockItem[]; total: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const params = stockSearch(query);
  params.set("limit", String(STOCK_PAGE_SIZE));
  params.set("offset", String(query.offset));
  const search = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload asks for the same page again
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api.send(stockListSchema, "stock", "GET", `/api/inventory/stock?${search}`).then(
        (answer) => {
          if (!current) return;
          setPage({ items: answer.items, total: answer.total });
          setFailed(null);
        },
        (e: unknown) => current && setFailed(e instanceof Error ? e.message : String(e)),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api.send, search, reload]);
  return { page, failed };
}
