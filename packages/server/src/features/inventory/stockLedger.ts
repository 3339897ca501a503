import type { Queryable } from "../../db/database";

/** A movement kind of the kardex (stock_movements.kind). */
export type StockMovementKind = "sale" | "return" | "void" | "adjustment" | "transfer_in" | "transfer_out" | "initial";

/** One movement to write: the warehouse is given, or the terminal's warehouse is used. */
export interface StockMovementInput {
  productId: string;
  warehouseId?: string | null;
  terminalId?: string | null;
  kind: StockMovementKind;
  /** Signed, in thousandths. */
  quantity: number;
  documentId: string;
  lineIndex: number;
  reason?: string | null;
  userId?: string | null;
}

/**
 * The movements of a statement's `src` (product_id, warehouse_id, kind, quantity, document_id,
 * line_index, reason, user_id), written set-based in ONE statement:
 * 1. only stock-tracked products move (services such as "Almuerzo ejecutivo" have no movements);
 * 2. each warehouse's counter (stock_counters) is advanced by the number of its products, in
 *    warehouse order, which locks it until commit: versions become visible in order, and every
 *    writer takes the counter before any balance row, so balance updates never deadlock;
 * 3. the movements are inserted; one already written for the same document line (a retried push,
 *    a void sent twice) is left out by the unique key and moves nothing;
 * 4. the balances of the movements actually written are added, quantity = quantity + delta.
 * Returns the number of movements written.
 */
function ledgerSql(src: string): string {
  return `WITH src AS (${src}),
  mvsrc AS (
    SELECT s.*, p.unit_cost FROM src s
      JOIN products p ON p.company_id = $1 AND p.id = s.product_id AND p.track_stock
     WHERE s.quantity <> 0 AND s.warehouse_id IS NOT NULL
  ), prod AS (
    SELECT warehouse_id, product_id,
           row_number() OVER (PARTITION BY warehouse_id ORDER BY product_id) AS rn,
           count(*) OVER (PARTITION BY warehouse_id) AS n
      FROM (SELECT DISTINCT warehouse_id, product_id FROM mvsrc) d
  ), ctr AS (
    INSERT INTO stock_counters AS c (company_id, warehouse_id, version)
    SELECT $1, warehouse_id, max(n) FROM prod GROUP BY warehouse_id ORDER BY warehouse_id
    ON CONFLICT (company_id, warehouse_id) DO UPDATE SET version = c.version + EXCLUDED.version
    RETURNING warehouse_id, version
  ), mv AS (
    INSERT INTO stock_movements AS m (company_id, product_id, warehouse_id, kind, quantity, document_id, line_index,
                                      unit_cost, reason, user_id)
    SELECT $1, product_id, warehouse_id, kind, quantity, document_id, line_index, unit_cost, reason, user_id
      FROM mvsrc
    ON CONFLICT (company_id, document_id, kind, line_index) DO NOTHING
    RETURNING m.product_id, m.warehouse_id, m.quantity
  ), bal AS (
    INSERT INTO stock_balances AS b (company_id, warehouse_id, product_id, quantity, version)
    SELECT $1, m.warehouse_id, m.product_id, sum(m.quantity), max(c.version - p.n + p.rn)
      FROM mv m
      JOIN prod p ON p.warehouse_id = m.warehouse_id AND p.product_id = m.product_id
      JOIN ctr c ON c.warehouse_id = m.warehouse_id
     GROUP BY m.warehouse_id, m.product_id
     ORDER BY m.warehouse_id, m.product_id
    ON CONFLICT (company_id, warehouse_id, product_id)
      DO UPDATE SET quantity = b.quantity + EXCLUDED.quantity, version = EXCLUDED.version, updated_at = now()
  )
  SELECT count(*)::int AS n FROM mv`;
}

const INPUT_SQL = ledgerSql(`
  SELECT x."productId" AS product_id, coalesce(x."warehouseId", t.warehouse_id) AS warehouse_id, x.kind,
         x.quantity, x."documentId" AS document_id, x."lineIndex" AS line_index, x.reason, x."userId" AS user_id
    FROM jsonb_to_recordset($2::jsonb) AS x("productId" uuid, "warehouseId" uuid, "terminalId" uuid, kind text,
         quantity bigint, "documentId" uuid, "lineIndex" int, reason text, "userId" uuid)
    LEFT JOIN terminals t ON t.company_id = $1 AND t.id = x."terminalId"`);

/** Writes movements (and their balances) in the caller's transaction; returns how many were new. */
export async function writeStockMovements(
  tx: Queryable,
  companyId: string,
  movements: readonly StockMovementInput[],
): Promise<number> {
  if (movements.length === 0) return 0;
  const rows = await tx.query<{ n: number }>(INPUT_SQL, [companyId, JSON.stringify(movements)]);
  return rows[0]?.n ?? 0;
}

/** The reverse of a document's movements of one kind, as movements of another kind (a void). */
const REVERSAL_SQL = ledgerSql(`
  SELECT m.product_id, m.warehouse_id, $3::text AS kind, -m.quantity AS quantity, m.document_id, m.line_index,
         $4::text AS reason, $5::uuid AS user_id
    FROM stock_movements m
   WHERE m.company_id = $1 AND m.document_id = $2 AND m.kind = $6`);

export async function reverseStockMovements(
  tx: Queryable,
  companyId: string,
  documentId: string,
  v: { of: StockMovementKind; as: StockMovementKind; reason: string | null; userId: string | null },
): Promise<number> {
  const rows = await tx.query<{ n: number }>(REVERSAL_SQL, [companyId, documentId, v.as, v.reason, v.userId, v.of]);
  return rows[0]?.n ?? 0;
}
