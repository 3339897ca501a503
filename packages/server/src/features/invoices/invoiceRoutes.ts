import { voidInvoiceSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { notFound } from "../../http/apiError";
import { parseId, parseWith } from "../../http/parse";
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

export function registerInvoiceRoutes(app: FastifyInstance, db: Database, guard: AuthGuard) {
  app.get("/api/invoices", { preHandler: guard.authenticate, schema: { tags: ["invoices"] } }, async (req) => {
    const auth = authOf(req);
    const q = parseWith(listSchema, req.query, "query");
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
  });

  // The till reads an invoice's server history and voids with its device token (api-contract).
  app.get("/api/invoices/:id", { preHandler: guard.userOrDevice, schema: { tags: ["invoices"] } }, async (req) => {
    const auth = authOf(req);
    const id = parseId((req.params as { id: string }).id, "invoice");
    const rows = await db.query("SELECT * FROM invoices WHERE company_id = $1 AND id = $2", [auth.companyId, id]);
    const row = rows[0];
    if (!row || (auth.role !== "admin" && row.cashier_id !== auth.userId)) throw notFound("invoice");
    const [revisions, attempts] = await Promise.all([
      db.query("SELECT * FROM invoice_revisions WHERE company_id = $1 AND invoice_id = $2 ORDER BY revision", [
        auth.companyId,
        id,
      ]),
      db.query("SELECT * FROM invoice_attempts WHERE company_id = $1 AND invoice_id = $2 ORDER BY id", [
        auth.companyId,
        id,
      ]),
    ]);
    return presentInvoiceDetail(row, revisions, attempts);
  });

  app.post(
    "/api/invoices/:id/void",
    { preHandler: guard.userOrDevice, schema: { tags: ["invoices"] } },
    async (req) => {
      const auth = authOf(req);
      const id = parseId((req.params as { id: string }).id, "invoice");
      const { reason } = parseWith(voidInvoiceSchema, req.body);
      return voidInvoice(db, auth, id, reason);
    },
  );
}
