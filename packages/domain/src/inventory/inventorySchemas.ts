import { z } from "zod";
import { idSchema, moneySchema, textSchema } from "../catalog/common";
import { stockLevels } from "./stockLevel";

/**
 * Inventory (issue 14): stock per product and warehouse as a ledger. Quantities travel as units
 * with up to three decimals (like invoice quantities) and are stored as integer thousandths.
 */

const threeDecimals = (v: number) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6;
/** A counted or minimum quantity: zero or more, three decimals at most. */
export const stockQuantitySchema = z
  .number()
  .min(0)
  .max(1_000_000_000)
  .refine(threeDecimals, { message: "at most three decimals" });
/** A quantity moved between warehouses: more than zero. */
export const movedQuantitySchema = stockQuantitySchema.refine((v) => Math.round(v * 1000) >= 1, {
  message: "quantity must be at least 0.001",
});

export const stockMovementKinds = [
  "sale",
  "return",
  "void",
  "adjustment",
  "transfer_in",
  "transfer_out",
  "initial",
] as const;
export const stockMovementKindSchema = z.enum(stockMovementKinds);
export type StockMovementKind = z.infer<typeof stockMovementKindSchema>;

export const stockLevelSchema = z.enum(stockLevels);

export const stockFilterSchema = z.enum(["all", "below_minimum", "negative"]);
export type StockFilter = z.infer<typeof stockFilterSchema>;

/** GET /api/inventory/stock (and /stock.csv). */
export const stockListQuerySchema = z.strictObject({
  q: textSchema(100).optional(),
  warehouseId: idSchema.optional(),
  /** below_minimum: under the product's minimum (zero and negative included); negative: below zero. */
  filter: stockFilterSchema.default("all"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type StockListQuery = z.input<typeof stockListQuerySchema>;

export const stockItemSchema = z.object({
  productId: idSchema,
  productName: z.string(),
  reference: z.string(),
  barcode: z.string().nullable(),
  warehouseId: idSchema,
  warehouseName: z.string(),
  quantity: z.number(),
  minStock: z.number().nullable(),
  unitCost: z.number().int().nullable(),
  level: stockLevelSchema,
});
export type StockItem = z.infer<typeof stockItemSchema>;
export const stockListSchema = z.object({
  items: z.array(stockItemSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type StockList = z.infer<typeof stockListSchema>;

const uniqueProducts = (lines: readonly { productId: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.productId))
      ctx.addIssue({ code: "custom", path: ["lines", i, "productId"], message: "product listed twice" });
    seen.add(l.productId);
  });
};

/** POST /api/inventory/adjustments ("Ajuste de inventario"): what was counted; the difference is recorded. */
export const stockAdjustmentInputSchema = z
  .strictObject({
    warehouseId: idSchema,
    reason: textSchema(200, 1),
    lines: z
      .array(z.strictObject({ productId: idSchema, counted: stockQuantitySchema }))
      .min(1, { message: "count at least one product" })
      .max(20_000),
  })
  .superRefine((v, ctx) => uniqueProducts(v.lines, ctx));
export type StockAdjustmentInput = z.infer<typeof stockAdjustmentInputSchema>;

export const stockAdjustmentResultSchema = z.object({
  id: idSchema,
  lines: z.array(z.object({ productId: idSchema, before: z.number(), counted: z.number(), difference: z.number() })),
});
export type StockAdjustmentResult = z.infer<typeof stockAdjustmentResultSchema>;

/** POST /api/inventory/transfers ("Traslado"). */
export const stockTransferInputSchema = z
  .strictObject({
    fromWarehouseId: idSchema,
    toWarehouseId: idSchema,
    reason: textSchema(200).default(""),
    lines: z
      .array(z.strictObject({ productId: idSchema, quantity: movedQuantitySchema }))
      .min(1, { message: "move at least one product" })
      .max(20_000),
  })
  .superRefine((v, ctx) => {
    if (v.fromWarehouseId === v.toWarehouseId)
      ctx.addIssue({ code: "custom", path: ["toWarehouseId"], message: "must differ from the source warehouse" });
    uniqueProducts(v.lines, ctx);
  });
export type StockTransferInput = z.infer<typeof stockTransferInputSchema>;
export const stockTransferResultSchema = z.object({ id: idSchema, moved: z.number().int() });

/** PATCH /api/inventory/products/:id: the minimum and the unit cost that values the kardex. */
export const productStockSettingsSchema = z.strictObject({
  minStock: stockQuantitySchema.nullable().optional(),
  unitCost: moneySchema.nullable().optional(),
});
export type ProductStockSettings = z.infer<typeof productStockSettingsSchema>;

export const kardexQuerySchema = z.strictObject({
  warehouseId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});

export const kardexMovementSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: stockMovementKindSchema,
  warehouseId: idSchema,
  warehouseName: z.string(),
  quantity: z.number(),
  /** The balance of the product in that warehouse after this movement. */
  balance: z.number(),
  documentId: idSchema,
  /** "POS-12", "NC-3", or null for adjustments, transfers and initial counts. */
  documentNumber: z.string().nullable(),
  reason: z.string().nullable(),
  userName: z.string().nullable(),
  unitCost: z.number().int().nullable(),
  /** quantity × unit cost in minor units (null without a cost). */
  value: z.number().int().nullable(),
});
export type KardexMovement = z.infer<typeof kardexMovementSchema>;
export const kardexSchema = z.object({
  productId: idSchema,
  productName: z.string(),
  trackStock: z.boolean(),
  minStock: z.number().nullable(),
  unitCost: z.number().int().nullable(),
  balances: z.array(z.object({ warehouseId: idSchema, warehouseName: z.string(), quantity: z.number() })),
  /** Oldest first, the running balance per warehouse. */
  movements: z.array(kardexMovementSchema),
  /** More movements exist before the first one shown. */
  truncated: z.boolean(),
});
export type Kardex = z.infer<typeof kardexSchema>;

/** The pull's stock section: balances of the terminal's warehouse changed since `stockCursor`. */
export const pullStockSchema = z.object({
  warehouseId: idSchema,
  /** The version to send next time (as `stockCursor`, with `stockWarehouseId`). */
  cursor: z.number().int().min(0),
  hasMore: z.boolean(),
  /** True when the whole warehouse comes down (first pull, or the terminal's warehouse changed). */
  full: z.boolean(),
  /** This device's invoices up to this version are counted in these balances (the till deducts the rest). */
  invoiceVersion: z.number().int().min(0),
  balances: z.array(
    z.object({
      productId: idSchema,
      quantity: z.number(),
      minStock: z.number().nullable(),
    }),
  ),
});
export type PullStock = z.infer<typeof pullStockSchema>;
