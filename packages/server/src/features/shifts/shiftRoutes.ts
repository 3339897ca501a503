import {
  type InvoiceDocument,
  type ShiftDocument,
  type ShiftListItem,
  type ShiftRefund,
  shiftDetailSchema,
  shiftListSchema,
  zReport,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { notFound } from "../../http/apiError";
import { errorResponses, idParams } from "../../http/routeSchemas";
import { INVOICE_SUMMARY_COLUMNS, presentInvoiceSummary } from "../invoices/invoicePresenter";
import { presentShiftSummary } from "./shiftPresenter";
import { queryShifts } from "./shiftQueries";

const uuid = z.uuid({ message: "must be a UUID" });
const listQuerySchema = z.strictObject({
  terminalId: uuid.optional(),
  /** Opened or closed by this user. */
  cashierId: uuid.optional(),
  from: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "must be an ISO date-time" }).optional(),
  status: z.enum(["open", "closed"]).optional(),
  /** Only closed shifts whose |counted − server's expected cash| is at least this many centavos. */
  minDifference: z.coerce.number().int().min(0).max(1e15).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

type Row = Record<string, unknown>;

function presentListItem(r: Row): ShiftListItem {
  const counted = r.counted_cash === null ? null : Number(r.counted_cash);
  const serverExpected = Number(r.server_expected_cash);
  return {
    ...presentShiftSummary(r),
    serverExpectedCash: serverExpected,
    serverDifference: counted === null ? null : counted - serverExpected,
    tillDifference: counted === null || r.till_expected_cash === null ? null : counted - Number(r.till_expected_cash),
    invoiceCount: Number(r.invoice_count),
  };
}

export function registerShiftRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/shifts",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["shifts"],
        summary: "List cash shifts with the till's and the server's expected cash and the difference",
        querystring: listQuerySchema,
        response: { 200: shiftListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { limit, offset, ...filters } = req.query;
      const { rows, total } = await queryShifts(db, authOf(req).companyId, filters, { limit, offset });
      return { items: rows.map(presentListItem), total, limit, offset };
    },
  );

  app.get(
    "/api/shifts/:id",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["shifts"],
        summary: "A shift: its document, revisions, invoices and the Z report the server computes",
        params: idParams("shift"),
        response: { 200: shiftDetailSchema, ...errorResponses({ auth: "admin", notFound: true }) },
      },
    },
    async (req) => {
      const { companyId } = authOf(req);
      const { id } = req.params;
      const row = (await queryShifts(db, companyId, { id }, { limit: 1, offset: 0 })).rows[0];
      if (!row) throw notFound("shift");
      const [revisions, invoices, creditNotes] = await Promise.all([
        db.query(
          "SELECT revision, document, received_at FROM shift_revisions WHERE company_id = $1 AND shift_id = $2 ORDER BY revision",
          [companyId, id],
        ),
        db.query(
          `SELECT ${INVOICE_SUMMARY_COLUMNS.split(", ")
            .map((c) => `i.${c}`)
            .join(", ")}, r.document
             FROM invoices i
             JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
            WHERE i.company_id = $1 AND i.shift_id = $2 AND i.status IN ('accepted', 'voided')
            ORDER BY i.issued_at, i.id`,
          [companyId, id],
        ),
        // The shift's credit notes (returns): what they gave back lowers the expected amounts.
        db.query("SELECT total, refunds FROM credit_notes WHERE company_id = $1 AND shift_id = $2", [companyId, id]),
      ]);
      const current = revisions.find((r) => Number(r.revision) === Number(row.revision));
      const document = current?.document as ShiftDocument;
      const report = zReport(
        document,
        invoices.map((i) => ({ invoice: i.document as InvoiceDocument, voided: i.status === "voided" })),
        undefined,
        creditNotes.map((c) => ({ total: Number(c.total), refunds: c.refunds as ShiftRefund["refunds"] })),
      );
      return {
        ...presentListItem(row),
        document,
        revisions: revisions.map((r) => ({
          revision: Number(r.revision),
          receivedAt: new Date(
            String(r.received_at instanceof Date ? r.received_at.toISOString() : r.received_at),
          ).toISOString(),
        })),
        tillExpected: document.closing?.expected ?? null,
        report,
        invoices: invoices.map(presentInvoiceSummary),
      };
    },
  );
}
