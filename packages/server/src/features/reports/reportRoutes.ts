import {
  productReportSchema,
  reportCsvQuerySchema,
  reportRangeQuerySchema,
  salesCsvQuerySchema,
  salesDashboardSchema,
  salesGroupReportSchema,
  salesListQuerySchema,
  salesListSchema,
  taxReportSchema,
} from "@mostrador/domain";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses } from "../../http/routeSchemas";
import { productCsv, salesGroupCsv, salesListCsv, taxCsv } from "./reportCsv";
import { resolveRange } from "./salesFigures";
import { salesList } from "./salesList";
import { productReport, salesDashboard, salesGroupReport, taxReport } from "./salesReports";

const csvResponse = { 200: z.string().describe("text/csv; charset=utf-8"), ...errorResponses({ auth: "admin" }) };
/** The most invoices one "Ventas" CSV file holds. */
export const SALES_CSV_LIMIT = 50_000;

function sendCsv(reply: FastifyReply, name: string, range: { from: string; to: string }, csv: string) {
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${name}-${range.from}-${range.to}.csv"`)
    .send(csv);
}

/** Route layer only: parse, authorize (admins), resolve the period in the company's zone, call the query layer. */
export function registerReportRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["reports"];
  app.get(
    "/api/reports/dashboard",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Sales dashboard of a period in the company's time zone, compared with the period before",
        querystring: reportRangeQuerySchema,
        response: { 200: salesDashboardSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { companyId } = authOf(req);
      return salesDashboard(db, companyId, await resolveRange(db, companyId, req.query));
    },
  );

  for (const by of ["terminal", "cashier"] as const) {
    const path = `/api/reports/${by}s`;
    app.get(
      path,
      {
        preValidation: guard.requireAdmin,
        schema: {
          tags,
          summary: `Sales of a period by ${by}`,
          querystring: reportRangeQuerySchema,
          response: { 200: salesGroupReportSchema, ...errorResponses({ auth: "admin" }) },
        },
      },
      async (req) => {
        const { companyId } = authOf(req);
        return salesGroupReport(db, companyId, await resolveRange(db, companyId, req.query), by);
      },
    );
    app.get(
      `${path}/csv`,
      {
        preValidation: guard.requireAdmin,
        schema: { tags, summary: `Sales by ${by} as CSV`, querystring: reportCsvQuerySchema, response: csvResponse },
      },
      async (req, reply) => {
        const { companyId } = authOf(req);
        const range = await resolveRange(db, companyId, req.query);
        const report = await salesGroupReport(db, companyId, range, by);
        return sendCsv(
          reply,
          by === "terminal" ? "ventas-por-caja" : "ventas-por-cajero",
          range,
          salesGroupCsv(report, by, req.query.delimiter),
        );
      },
    );
  }

  app.get(
    "/api/reports/products",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Products sold in a period (voids and returns subtracted)",
        querystring: reportRangeQuerySchema,
        response: { 200: productReportSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { companyId } = authOf(req);
      return productReport(db, companyId, await resolveRange(db, companyId, req.query));
    },
  );
  app.get(
    "/api/reports/products/csv",
    {
      preValidation: guard.requireAdmin,
      schema: { tags, summary: "Products sold as CSV", querystring: reportCsvQuerySchema, response: csvResponse },
    },
    async (req, reply) => {
      const { companyId } = authOf(req);
      const range = await resolveRange(db, companyId, req.query);
      return sendCsv(
        reply,
        "productos-vendidos",
        range,
        productCsv(await productReport(db, companyId, range), req.query.delimiter),
      );
    },
  );

  app.get(
    "/api/reports/taxes",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Taxable base and tax per rate in a period (voids and returns subtracted)",
        querystring: reportRangeQuerySchema,
        response: { 200: taxReportSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { companyId } = authOf(req);
      return taxReport(db, companyId, await resolveRange(db, companyId, req.query));
    },
  );
  app.get(
    "/api/reports/taxes/csv",
    {
      preValidation: guard.requireAdmin,
      schema: { tags, summary: "Taxes per rate as CSV", querystring: reportCsvQuerySchema, response: csvResponse },
    },
    async (req, reply) => {
      const { companyId } = authOf(req);
      const range = await resolveRange(db, companyId, req.query);
      return sendCsv(reply, "impuestos", range, taxCsv(await taxReport(db, companyId, range), req.query.delimiter));
    },
  );

  app.get(
    "/api/reports/sales",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "Every invoice of the company (all terminals) with filters and paging; detail at /api/invoices/:id",
        querystring: salesListQuerySchema,
        response: { 200: salesListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { companyId } = authOf(req);
      const { period, from, to, limit, offset, ...filters } = req.query;
      const range = await resolveRange(db, companyId, { period, from, to });
      return salesList(db, companyId, range, filters, { limit, offset });
    },
  );
  app.get(
    "/api/reports/sales/csv",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: `The filtered invoices as CSV (at most ${SALES_CSV_LIMIT})`,
        querystring: salesCsvQuerySchema,
        response: csvResponse,
      },
    },
    async (req, reply) => {
      const { companyId } = authOf(req);
      const { period, from, to, limit: _l, offset: _o, delimiter, ...filters } = req.query;
      const range = await resolveRange(db, companyId, { period, from, to });
      const list = await salesList(db, companyId, range, filters, { limit: SALES_CSV_LIMIT, offset: 0 });
      return sendCsv(reply, "ventas", range, salesListCsv(list, delimiter));
    },
  );
}
