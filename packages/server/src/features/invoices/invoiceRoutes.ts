import {
  invoiceDetailSchema,
  invoiceListSchema,
  invoiceLookupQuerySchema,
  invoiceLookupSchema,
  invoiceSummarySchema,
  voidInvoiceSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { notFound } from "../../http/apiError";
import { errorResponses, idParams } from "../../http/routeSchemas";
import { canReachInvoice } from "./invoiceAccess";
import { creditNotesOf } from "./invoiceCreditNotes";
import { findInvoiceByNumber } from "./invoiceLookup";
import { INVOICE_SUMMARY_COLUMNS, presentInvoiceDetail, presentInvoiceSummary } from "./invoicePresenter";
import { voidInvoice } from "./invoiceVoider";

const listSchema = z.strictObject({
  status: z.enum(["accepted", "rejected", "voided"]).optional(),
  terminalId: z.uuid({ message: "must be a UUID" }).optional(),
  deviceId: z.uuid({ message: "must be a UUID" }).optional(),
  from: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

const invoiceParams = idParams("invoice");

export function registerInvoiceRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/invoices",
    {
      preValidation: guard.authenticate,
      schema: {
        tags: ["invoices"],
        summary: "List invoices (a cashier sees the ones they sold)",
        querystring: listSchema,
        response: { 200: invoiceListSchema, ...errorResponses({ auth: "user" }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const q = req.query;
      const where = ["company_id = $1"];
      const params: unknown[] = [auth.companyId];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replace("?", `$${params.length}`));
      };
      if (q.status) add("status = ?", q.status);
      if (q.terminalId) add("terminal_id = ?", q.terminalId);
      if (q.deviceId) add("device_id = ?", q.deviceId);
      if (q.from) add("issued_at >= ?", q.from);
      if (q.to) add("issued_at < ?", q.to);
      // Cashiers see what they sold; admins see everything.
      if (auth.role !== "admin") add("cashier_id = ?", auth.userId);
      const w = where.join(" AND ");
      const [rows, count] = await Promise.all([
        db.query(
          `SELECT ${INVOICE_SUMMARY_COLUMNS} FROM invoices WHERE ${w} ORDER BY issued_at DESC, id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
          params,
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoices WHERE ${w}`, params),
      ]);
      return { items: rows.map(presentInvoiceSummary), total: count[0]?.n ?? 0, limit: q.limit, offset: q.offset };
    },
  );

  // A till (device token, online) finds any invoice of the company by its printed number to take a return.
  app.get(
    "/api/invoices/by-number",
    {
      preValidation: guard.userOrDevice,
      schema: {
        tags: ["invoices"],
        summary: "An invoice of the company by its printed number, with its document (returns at any till)",
        querystring: invoiceLookupQuerySchema,
        response: { 200: invoiceLookupSchema, ...errorResponses({ auth: "user", notFound: true }) },
      },
    },
    async (req) => findInvoiceByNumber(db, authOf(req), req.query.prefix, req.query.number),
  );

  // The till reads an invoice's server history and voids with its device token (api-contract).
  app.get(
    "/api/invoices/:id",
    {
      preValidation: guard.userOrDevice,
      schema: {
        tags: ["invoices"],
        summary: "An invoice with its revisions and upload attempts",
        params: invoiceParams,
        response: { 200: invoiceDetailSchema, ...errorResponses({ auth: "user", notFound: true }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params;
      const rows = await db.query("SELECT * FROM invoices WHERE company_id = $1 AND id = $2", [auth.companyId, id]);
      const row = rows[0];
      if (!row || !canReachInvoice(auth, row)) throw notFound("invoice");
      const [revisions, attempts, creditNotes] = await Promise.all([
        // Names beside the ids, so a person reads "Caja 1 · navegador Chrome" and "María", not UUIDs.
        db.query(
          `SELECT r.*, u.name AS user_name, d.name AS device_name FROM invoice_revisions r
             LEFT JOIN users u ON u.company_id = r.company_id AND u.id = r.user_id
             LEFT JOIN devices d ON d.company_id = r.company_id AND d.id = r.device_id
            WHERE r.company_id = $1 AND r.invoice_id = $2 ORDER BY r.revision`,
          [auth.companyId, id],
        ),
        db.query(
          `SELECT a.*, u.name AS user_name, d.name AS device_name FROM invoice_attempts a
             LEFT JOIN users u ON u.company_id = a.company_id AND u.id = a.user_id
             LEFT JOIN devices d ON d.company_id = a.company_id AND d.id = a.device_id
            WHERE a.company_id = $1 AND a.invoice_id = $2 ORDER BY a.id`,
          [auth.companyId, id],
        ),
        creditNotesOf(db, auth.companyId, id),
      ]);
      return presentInvoiceDetail(row, revisions, attempts, creditNotes);
    },
  );

  app.post(
    "/api/invoices/:id/void",
    {
      preValidation: guard.userOrDevice,
      schema: {
        tags: ["invoices"],
        summary: "Void an invoice (it keeps its number, never counts as a sale)",
        params: invoiceParams,
        body: voidInvoiceSchema,
        response: {
          200: invoiceSummarySchema,
          ...errorResponses({ auth: "user", body: true, notFound: true, conflict: true }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params;
      const { reason } = req.body;
      return voidInvoice(db, auth, id, reason);
    },
  );
}
