import {
  kardexQuerySchema,
  kardexSchema,
  productStockSettingsSchema,
  stockAdjustmentInputSchema,
  stockAdjustmentResultSchema,
  stockListQuerySchema,
  stockListSchema,
  stockTransferInputSchema,
  stockTransferResultSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { notFound } from "../../http/apiError";
import { errorResponses, idParams } from "../../http/routeSchemas";
import { adjustStock, transferStock, updateProductStockSettings } from "./stockAdjuster";
import { presentKardexMovement, presentStockItem, stockCsv } from "./stockPresenter";
import { loadProductStock, queryKardex, queryStock } from "./stockQueries";

/** "Inventario" (issue 14): stock, adjustments, transfers and the kardex; admins only. */
export function registerInventoryRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["inventory"];

  app.get(
    "/api/inventory/stock",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Stock by product and warehouse (search, below minimum, negative)",
        querystring: stockListQuerySchema,
        response: { 200: stockListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { limit, offset, ...query } = req.query;
      const { rows, total } = await queryStock(db, authOf(req).companyId, query, { limit, offset });
      return { items: rows.map(presentStockItem), total, limit, offset };
    },
  );

  app.get(
    "/api/inventory/stock.csv",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "The stock list (same filters, every row) as CSV",
        querystring: stockListQuerySchema.omit({ limit: true, offset: true }),
        response: { 200: z.string().describe("text/csv; charset=utf-8"), ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req, reply) => {
      const { rows } = await queryStock(db, authOf(req).companyId, req.query, { limit: null, offset: 0 });
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="inventario-${day}.csv"`)
        .send(stockCsv(rows.map(presentStockItem)));
    },
  );

  app.post(
    "/api/inventory/adjustments",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Ajuste de inventario: counted quantities; the difference is recorded with the reason",
        body: stockAdjustmentInputSchema,
        response: { 201: stockAdjustmentResultSchema, ...errorResponses({ auth: "admin", body: true }) },
      },
    },
    async (req, reply) => reply.code(201).send(await adjustStock(db, authOf(req), req.body)),
  );

  app.post(
    "/api/inventory/transfers",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Traslado: move quantities from one warehouse to another",
        body: stockTransferInputSchema,
        response: { 201: stockTransferResultSchema, ...errorResponses({ auth: "admin", body: true }) },
      },
    },
    async (req, reply) => reply.code(201).send(await transferStock(db, authOf(req), req.body)),
  );

  app.patch(
    "/api/inventory/products/:id",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "A product's minimum stock and unit cost",
        params: idParams("product"),
        body: productStockSettingsSchema,
        response: { 200: kardexSchema, ...errorResponses({ auth: "admin", notFound: true, body: true }) },
      },
    },
    async (req) => {
      await updateProductStockSettings(db, authOf(req), req.params.id, req.body);
      return kardexOf(db, authOf(req).companyId, req.params.id, undefined, 500);
    },
  );

  app.get(
    "/api/inventory/products/:id/kardex",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Kardex: every movement of a product with its document, running balance and value at cost",
        params: idParams("product"),
        querystring: kardexQuerySchema,
        response: { 200: kardexSchema, ...errorResponses({ auth: "admin", notFound: true }) },
      },
    },
    async (req) => kardexOf(db, authOf(req).companyId, req.params.id, req.query.warehouseId, req.query.limit),
  );
}

async function kardexOf(
  db: Database,
  companyId: string,
  productId: string,
  warehouseId: string | undefined,
  limit: number,
) {
  const [stock, kardex] = await Promise.all([
    loadProductStock(db, companyId, productId),
    queryKardex(db, companyId, productId, warehouseId, limit),
  ]);
  if (!stock) throw notFound("product");
  const p = stock.product;
  return {
    productId,
    productName: String(p.name),
    trackStock: Boolean(p.track_stock),
    minStock: p.min_stock === null ? null : Number(p.min_stock) / 1000,
    unitCost: p.unit_cost === null ? null : Number(p.unit_cost),
    balances: stock.balances.map((b) => ({
      warehouseId: String(b.warehouse_id),
      warehouseName: String(b.warehouse_name),
      quantity: Number(b.quantity) / 1000,
    })),
    movements: kardex.rows.map(presentKardexMovement),
    truncated: kardex.truncated,
  };
}
