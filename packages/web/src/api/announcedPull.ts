import type { AnnouncedPull } from "./serverTransport";

const count = /^\d{1,15}$/;

/**
 * The next page's cursors from a pull answer's NEXT_PULL_HEADER ("cursor=…&invoiceCursor=…
 * [&stockCursor=…&stockWarehouseId=…]"); null when absent or malformed (the till then waits for
 * the body's cursors, as before the header existed).
 */
export function announcedPullOf(header: string | null): AnnouncedPull | null {
  if (!header) return null;
  const q = new URLSearchParams(header);
  const cursor = q.get("cursor");
  const invoiceCursor = q.get("invoiceCursor");
  const stockCursor = q.get("stockCursor");
  const stockWarehouseId = q.get("stockWarehouseId");
  if (!cursor || !count.test(cursor) || !invoiceCursor || !count.test(invoiceCursor)) return null;
  if (stockCursor !== null && !count.test(stockCursor)) return null;
  if (stockWarehouseId !== null && (stockCursor === null || !/^[0-9a-fA-F-]{36}$/.test(stockWarehouseId))) return null;
  return {
    cursor: Number(cursor),
    invoiceCursor: Number(invoiceCursor),
    ...(stockCursor === null ? {} : { stockCursor: Number(stockCursor) }),
    ...(stockWarehouseId === null ? {} : { stockWarehouseId }),
  };
}
