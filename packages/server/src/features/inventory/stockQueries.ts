import type { StockFilter } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

type Row = Record<string, unknown>;

export interface StockQuery {
  q?: string;
  warehouseId?: string;
  filter: StockFilter;
}

/**
 * Stock of every tracked product in every active warehouse (a product never moved there counts
 * 0), searched by name, reference or barcode, filtered below its minimum or below zero. limit null:
 * every row (the CSV export).
 */
export async function queryStock(
  db: Queryable,
  companyId: string,
  query: StockQuery,
  page: { limit: number | null; offset: number },
): Promise<{ rows: Row[]; total: number }> {
  const params: unknown[] = [companyId];
  const where = ["p.company_id = $1", "p.track_stock", "w.active"];
  if (query.q) {
    params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`p.search_text LIKE lower($${params.length})`);
  }
  if (query.warehouseId) {
    params.push(query.warehouseId);
    where.push(`w.id = $${params.length}`);
  }
  if (query.filter === "negative") where.push("coalesce(b.quantity, 0) < 0");
  if (query.filter === "below_minimum") where.push("coalesce(b.quantity, 0) < greatest(coalesce(p.min_stock, 0), 1)");
  const from = `FROM products p
    JOIN warehouses w ON w.company_id = p.company_id
    LEFT JOIN stock_balances b ON b.company_id = p.company_id AND b.warehouse_id = w.id AND b.product_id = p.id
   WHERE ${where.join(" AND ")}`;
  let paging = "";
  if (page.limit !== null) {
    params.push(page.limit, page.offset);
    paging = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
  }
  const rows = await db.query(
    `SELECT p.id AS product_id, p.name, p.reference, p.barcode, p.min_stock, p.unit_cost, w.id AS warehouse_id,
            w.name AS warehouse_name, coalesce(b.quantity, 0) AS quantity, count(*) OVER () AS list_total
       ${from} ORDER BY p.name, p.id, w.name, w.id ${paging}`,
    params,
  );
  if (rows.length > 0 || page.offset === 0) return { rows, total: Number(rows[0]?.list_total ?? 0) };
  const count = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}`, params.slice(0, params.length - 2));
  return { rows, total: count[0]?.n ?? 0 };
}

/** The product with its stock settings and its balance per warehouse (null: no such product). */
export async function loadProductStock(db: Queryable, companyId: string, productId: string) {
  const [products, balances] = await Promise.all([
    db.query("SELECT id, name, track_stock, min_stock, unit_cost FROM products WHERE company_id = $1 AND id = $2", [
      companyId,
      productId,
    ]),
    db.query(
      `SELECT w.id AS warehouse_id, w.name AS warehouse_name, coalesce(b.quantity, 0) AS quantity
         FROM warehouses w
         LEFT JOIN stock_balances b ON b.company_id = w.company_id AND b.warehouse_id = w.id AND b.product_id = $2
        WHERE w.company_id = $1 AND (w.active OR b.quantity IS NOT NULL)
        ORDER BY w.name, w.id`,
      [companyId, productId],
    ),
  ]);
  const product = products[0];
  return product ? { product, balances } : null;
}

/**
 * The kardex: the product's last `limit` movements (of one warehouse or all), oldest first, with
 * the running balance per warehouse computed from the whole ledger (window sum), the document's
 * number (invoice or credit note) and who made it.
 */
export async function queryKardex(
  db: Queryable,
  companyId: string,
  productId: string,
  warehouseId: string | undefined,
  limit: number,
): Promise<{ rows: Row[]; truncated: boolean }> {
  const rows = await db.query(
    `SELECT * FROM (
       SELECT m.id, m.at, m.kind, m.warehouse_id, w.name AS warehouse_name, m.quantity, m.document_id, m.reason,
              m.unit_cost, u.name AS user_name,
              sum(m.quantity) OVER (PARTITION BY m.warehouse_id ORDER BY m.id) AS balance,
              coalesce(i.prefix || '-' || i.number, c.prefix || '-' || c.number) AS document_number
         FROM stock_movements m
         JOIN warehouses w ON w.company_id = m.company_id AND w.id = m.warehouse_id
         LEFT JOIN users u ON u.company_id = m.company_id AND u.id = m.user_id
         LEFT JOIN invoices i ON m.kind IN ('sale', 'void') AND i.company_id = m.company_id AND i.id = m.document_id
         LEFT JOIN credit_notes c ON m.kind = 'return' AND c.company_id = m.company_id AND c.id = m.document_id
        WHERE m.company_id = $1 AND m.product_id = $2 AND ($3::uuid IS NULL OR m.warehouse_id = $3)
     ) k ORDER BY id DESC LIMIT $4`,
    [companyId, productId, warehouseId ?? null, limit + 1],
  );
  const truncated = rows.length > limit;
  return { rows: rows.slice(0, limit).reverse(), truncated };
}
