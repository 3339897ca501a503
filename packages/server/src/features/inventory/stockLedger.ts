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
 * A product's change of stock in one warehouse: the movements a statement wrote, summed, not yet
 * added to stock_balances.
 */
export interface StockDelta {
  warehouseId: string;
  productId: string;
  quantity: number;
}

/**
 * Step 1 of writing stock, set-based in ONE statement over `src` (product_id, warehouse_id, kind,
 * quantity, document_id, line_index, reason, user_id): only stock-tracked products move (services
 * such as "Almuerzo ejecutivo" have no movements); a movement already written for the same document
 * line (a retried push, a void sent twice) is left out by the unique key and moves nothing. Takes
 * no shared lock: concurrent writers of one warehouse insert side by side. A plain INSERT (no WITH of
 * its own), so a writer may also make it one data-modifying CTE of a larger statement.
 */
export function movementsSql(src: string): string {
  return `INSERT INTO stock_movements AS m (company_id, product_id, warehouse_id, kind, quantity, document_id, line_index,
                                    unit_cost, reason, user_id)
  SELECT $1, s.product_id, s.warehouse_id, s.kind, s.quantity, s.document_id, s.line_index, p.unit_cost, s.reason,
         s.user_id
    FROM (${src}) s
    JOIN products p ON p.company_id = $1 AND p.id = s.product_id AND p.track_stock
   WHERE s.quantity <> 0 AND s.warehouse_id IS NOT NULL
  ON CONFLICT (company_id, document_id, kind, line_index) DO NOTHING
  RETURNING m.warehouse_id, m.product_id, m.quantity`;
}

/**
 * Step 2, ONE statement: each warehouse's counter (stock_counters) is advanced by the number of its
 * products, in warehouse order, which locks it until commit: versions become visible in order, and
 * every writer takes the counter before any balance row, so balance updates never deadlock. Then
 * the balances are added, quantity = quantity + delta. Writers call it as their LAST statement
 * (after the sales summaries), so a warehouse's counter, which every sale of that warehouse needs,
 * is held only from here to the commit; concurrent batches then wait on each other for this short
 * statement, not for their whole movement inserts.
 * Its parts over `d` (warehouse_id, product_id, quantity: one row per warehouse and product): the CTEs
 * `stock_prod` and `stock_ctr`, and the INSERT into the balances that reads them, so a larger statement can
 * make them its last CTEs (invoiceOneTripWriter) and BALANCES_SQL makes them a statement of its own.
 */
export function stockBalancesParts(d: string): { ctes: string; insert: string } {
  return {
    ctes: `stock_prod AS (
    SELECT warehouse_id, product_id, quantity,
           row_number() OVER (PARTITION BY warehouse_id ORDER BY product_id) AS rn,
           count(*) OVER (PARTITION BY warehouse_id) AS n
      FROM (${d}) d
  ), stock_ctr AS (
    INSERT INTO stock_counters AS c (company_id, warehouse_id, version)
    SELECT $1, warehouse_id, max(n) FROM stock_prod GROUP BY warehouse_id ORDER BY warehouse_id
    ON CONFLICT (company_id, warehouse_id) DO UPDATE SET version = c.version + EXCLUDED.version
    RETURNING warehouse_id, version
  )`,
    insert: `INSERT INTO stock_balances AS b (company_id, warehouse_id, product_id, quantity, version)
  SELECT $1, p.warehouse_id, p.product_id, p.quantity, c.version - p.n + p.rn
    FROM stock_prod p JOIN stock_ctr c ON c.warehouse_id = p.warehouse_id
   ORDER BY p.warehouse_id, p.product_id
  ON CONFLICT (company_id, warehouse_id, product_id)
    DO UPDATE SET quantity = b.quantity + EXCLUDED.quantity, version = EXCLUDED.version, updated_at = now()`,
  };
}

const BALANCES_PARTS =
  stockBalancesParts(`SELECT x."warehouseId" AS warehouse_id, x."productId" AS product_id, x.quantity
      FROM jsonb_to_recordset($2::jsonb) AS x("warehouseId" uuid, "productId" uuid, quantity bigint)`);
const BALANCES_SQL = `WITH ${BALANCES_PARTS.ctes}
  ${BALANCES_PARTS.insert}`;

/** The written movements summed per warehouse and product (one balance row each). */
export function stockDeltasOf(rows: readonly Record<string, unknown>[]): StockDelta[] {
  const sums = new Map<string, StockDelta>();
  for (const r of rows) {
    const key = `${String(r.warehouse_id)}|${String(r.product_id)}`;
    const delta = sums.get(key) ?? {
      warehouseId: String(r.warehouse_id),
      productId: String(r.product_id),
      quantity: 0,
    };
    delta.quantity += Number(r.quantity);
    sums.set(key, delta);
  }
  return [...sums.values()];
}

const INPUT_SQL = movementsSql(`
  SELECT x."productId" AS product_id, coalesce(x."warehouseId", t.warehouse_id) AS warehouse_id, x.kind,
         x.quantity, x."documentId" AS document_id, x."lineIndex" AS line_index, x.reason, x."userId" AS user_id
    FROM jsonb_to_recordset($2::jsonb) AS x("productId" uuid, "warehouseId" uuid, "terminalId" uuid, kind text,
         quantity bigint, "documentId" uuid, "lineIndex" int, reason text, "userId" uuid)
    LEFT JOIN terminals t ON t.company_id = $1 AND t.id = x."terminalId"`);

/**
 * Inserts movements in the caller's transaction and returns what they change, for
 * applyStockBalances at the end of the same transaction (a document writer's last statement).
 */
export async function insertStockMovements(
  tx: Queryable,
  companyId: string,
  movements: readonly StockMovementInput[],
): Promise<StockDelta[]> {
  if (movements.length === 0) return [];
  return stockDeltasOf(await tx.query(INPUT_SQL, [companyId, JSON.stringify(movements)]));
}

/** Adds movements' deltas to the balances (see BALANCES_SQL: call it last in the transaction). */
export async function applyStockBalances(tx: Queryable, companyId: string, deltas: readonly StockDelta[]) {
  // A delta summing to zero still had movements: its balance's version moves like any other.
  if (deltas.length === 0) return;
  await tx.query(BALANCES_SQL, [companyId, JSON.stringify(deltas)]);
}

/** Writes movements and their balances in the caller's transaction; returns how many were new. */
export async function writeStockMovements(
  tx: Queryable,
  companyId: string,
  movements: readonly StockMovementInput[],
): Promise<number> {
  if (movements.length === 0) return 0;
  const rows = await tx.query(INPUT_SQL, [companyId, JSON.stringify(movements)]);
  await applyStockBalances(tx, companyId, stockDeltasOf(rows));
  return rows.length;
}

/** The reverse of a document's movements of one kind, as movements of another kind (a void). */
const REVERSAL_SQL = movementsSql(`
  SELECT m.product_id, m.warehouse_id, $3::text AS kind, -m.quantity AS quantity, m.document_id, m.line_index,
         $4::text AS reason, $5::uuid AS user_id
    FROM stock_movements m
   WHERE m.company_id = $1 AND m.document_id = $2 AND m.kind = $6`);

/** Inserts the reversal's movements; returns their deltas for applyStockBalances (the caller's last write). */
export async function reverseStockMovements(
  tx: Queryable,
  companyId: string,
  documentId: string,
  v: { of: StockMovementKind; as: StockMovementKind; reason: string | null; userId: string | null },
): Promise<StockDelta[]> {
  return stockDeltasOf(await tx.query(REVERSAL_SQL, [companyId, documentId, v.as, v.reason, v.userId, v.of]));
}
