import { randomUUID } from "node:crypto";
import {
  type ProductStockSettings,
  quantityToMilli,
  type StockAdjustmentInput,
  type StockAdjustmentResult,
  type StockTransferInput,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Database, Queryable } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { recordAudit } from "../audit/auditTrail";
import { writeStockMovements } from "./stockLedger";

const units = (milli: number) => milli / 1000;

function fieldErrors(issues: { path: string; message: string }[]): ApiError {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new ApiError(400, "VALIDATION_FAILED", `invalid body: ${summary}`, issues);
}

/** Every warehouse exists and is active, every product exists and is stock-tracked; else 400 by field. */
async function checkReferences(
  tx: Queryable,
  companyId: string,
  warehouses: { field: string; id: string }[],
  productIds: readonly string[],
) {
  const [ws, ps] = await Promise.all([
    tx.query<{ id: string; active: boolean }>(
      "SELECT id, active FROM warehouses WHERE company_id = $1 AND id = ANY($2::uuid[])",
      [companyId, warehouses.map((w) => w.id)],
    ),
    tx.query<{ id: string; track_stock: boolean }>(
      "SELECT id, track_stock FROM products WHERE company_id = $1 AND id = ANY($2::uuid[])",
      [companyId, productIds],
    ),
  ]);
  const issues: { path: string; message: string }[] = [];
  for (const w of warehouses) {
    const found = ws.find((r) => r.id === w.id);
    if (!found) issues.push({ path: w.field, message: "no such warehouse" });
    else if (!found.active) issues.push({ path: w.field, message: "the warehouse is inactive" });
  }
  productIds.forEach((id, i) => {
    const found = ps.find((r) => r.id === id);
    if (!found) issues.push({ path: `lines.${i}.productId`, message: "no such product" });
    else if (!found.track_stock)
      issues.push({ path: `lines.${i}.productId`, message: "the product is not stock-tracked" });
  });
  if (issues.length > 0) throw fieldErrors(issues);
}

/**
 * Locks the warehouses' stock counters (in id order, as the ledger does) for the rest of the
 * transaction: no balance of theirs can change until commit, so a balance read now is the one
 * the adjustment's difference is computed against.
 */
async function lockWarehouses(tx: Queryable, companyId: string, warehouseIds: string[]) {
  for (const id of [...new Set(warehouseIds)].sort()) {
    await tx.query(
      `INSERT INTO stock_counters AS c (company_id, warehouse_id, version) VALUES ($1, $2, 0)
       ON CONFLICT (company_id, warehouse_id) DO UPDATE SET version = c.version`,
      [companyId, id],
    );
  }
}

/**
 * stockAdjuster ("Ajuste de inventario"): the counted quantities replace the balances; what is
 * recorded is the difference, one 'adjustment' movement per product that differs, with the reason.
 * All or nothing, audited.
 */
export async function adjustStock(
  db: Database,
  auth: AuthContext,
  input: StockAdjustmentInput,
): Promise<StockAdjustmentResult> {
  const productIds = input.lines.map((l) => l.productId);
  return db.transaction(async (tx) => {
    await checkReferences(tx, auth.companyId, [{ field: "warehouseId", id: input.warehouseId }], productIds);
    await lockWarehouses(tx, auth.companyId, [input.warehouseId]);
    const balances = await tx.query<{ product_id: string; quantity: string }>(
      "SELECT product_id, quantity FROM stock_balances WHERE company_id = $1 AND warehouse_id = $2 AND product_id = ANY($3::uuid[])",
      [auth.companyId, input.warehouseId, productIds],
    );
    const before = new Map(balances.map((b) => [b.product_id, Number(b.quantity)]));
    const id = randomUUID();
    const lines = input.lines.map((l) => {
      const was = before.get(l.productId) ?? 0;
      return {
        productId: l.productId,
        before: was,
        counted: quantityToMilli(l.counted),
        difference: quantityToMilli(l.counted) - was,
      };
    });
    await writeStockMovements(
      tx,
      auth.companyId,
      lines.map((l, i) => ({
        productId: l.productId,
        warehouseId: input.warehouseId,
        kind: "adjustment",
        quantity: l.difference,
        documentId: id,
        lineIndex: i,
        reason: input.reason,
        userId: auth.userId,
      })),
    );
    const result = {
      id,
      lines: lines.map((l) => ({
        productId: l.productId,
        before: units(l.before),
        counted: units(l.counted),
        difference: units(l.difference),
      })),
    };
    await recordAudit(tx, {
      companyId: auth.companyId,
      entity: "inventory-adjustments",
      recordId: id,
      userId: auth.userId,
      action: "create",
      changes: {
        warehouseId: { from: null, to: input.warehouseId },
        reason: { from: null, to: input.reason },
        lines: { from: null, to: result.lines.filter((l) => l.difference !== 0) },
      },
    });
    return result;
  });
}

/** stockTransferrer ("Traslado"): out of one warehouse and into another, in one transaction, audited. */
export async function transferStock(
  db: Database,
  auth: AuthContext,
  input: StockTransferInput,
): Promise<{ id: string; moved: number }> {
  return db.transaction(async (tx) => {
    await checkReferences(
      tx,
      auth.companyId,
      [
        { field: "fromWarehouseId", id: input.fromWarehouseId },
        { field: "toWarehouseId", id: input.toWarehouseId },
      ],
      input.lines.map((l) => l.productId),
    );
    const id = randomUUID();
    const reason = input.reason || null;
    const moved = await writeStockMovements(tx, auth.companyId, [
      ...input.lines.map((l, i) => ({
        productId: l.productId,
        warehouseId: input.fromWarehouseId,
        kind: "transfer_out" as const,
        quantity: -quantityToMilli(l.quantity),
        documentId: id,
        lineIndex: i,
        reason,
        userId: auth.userId,
      })),
      ...input.lines.map((l, i) => ({
        productId: l.productId,
        warehouseId: input.toWarehouseId,
        kind: "transfer_in" as const,
        quantity: quantityToMilli(l.quantity),
        documentId: id,
        lineIndex: i,
        reason,
        userId: auth.userId,
      })),
    ]);
    await recordAudit(tx, {
      companyId: auth.companyId,
      entity: "inventory-transfers",
      recordId: id,
      userId: auth.userId,
      action: "create",
      changes: {
        fromWarehouseId: { from: null, to: input.fromWarehouseId },
        toWarehouseId: { from: null, to: input.toWarehouseId },
        lines: { from: null, to: input.lines },
      },
    });
    return { id, moved: moved / 2 };
  });
}

/**
 * A product's minimum stock and unit cost. The product's balances take new versions (under
 * their warehouses' counters) so the tills pull the new minimum with them.
 */
export async function updateProductStockSettings(
  db: Database,
  auth: AuthContext,
  productId: string,
  patch: ProductStockSettings,
): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ min_stock: string | null; unit_cost: string | null }>(
      "SELECT min_stock, unit_cost FROM products WHERE company_id = $1 AND id = $2 FOR NO KEY UPDATE",
      [auth.companyId, productId],
    );
    const row = rows[0];
    if (!row) throw notFound("product");
    const was = {
      minStock: row.min_stock === null ? null : units(Number(row.min_stock)),
      unitCost: row.unit_cost === null ? null : Number(row.unit_cost),
    };
    const next = {
      minStock: patch.minStock === undefined ? was.minStock : patch.minStock,
      unitCost: patch.unitCost === undefined ? was.unitCost : patch.unitCost,
    };
    await tx.query("UPDATE products SET min_stock = $3, unit_cost = $4 WHERE company_id = $1 AND id = $2", [
      auth.companyId,
      productId,
      next.minStock === null ? null : quantityToMilli(next.minStock),
      next.unitCost,
    ]);
    const warehouses = await tx.query<{ warehouse_id: string }>(
      "SELECT warehouse_id FROM stock_balances WHERE company_id = $1 AND product_id = $2 ORDER BY warehouse_id",
      [auth.companyId, productId],
    );
    for (const { warehouse_id } of warehouses) {
      await tx.query(
        `WITH c AS (UPDATE stock_counters SET version = version + 1 WHERE company_id = $1 AND warehouse_id = $2
                    RETURNING version)
         UPDATE stock_balances b SET version = c.version FROM c
          WHERE b.company_id = $1 AND b.warehouse_id = $2 AND b.product_id = $3`,
        [auth.companyId, warehouse_id, productId],
      );
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (next.minStock !== was.minStock) changes.minStock = { from: was.minStock, to: next.minStock };
    if (next.unitCost !== was.unitCost) changes.unitCost = { from: was.unitCost, to: next.unitCost };
    if (Object.keys(changes).length > 0)
      await recordAudit(tx, {
        companyId: auth.companyId,
        entity: "products",
        recordId: productId,
        userId: auth.userId,
        action: "update",
        changes,
      });
  });
}
