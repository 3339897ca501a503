import {
  electronicDocumentDetailSchema,
  electronicDocumentListSchema,
  electronicDocumentStateSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { notFound } from "../../http/apiError";
import { errorResponses, idParams } from "../../http/routeSchemas";
import {
  ELECTRONIC_DOCUMENT_SUMMARY_COLUMNS,
  presentElectronicDocument,
  presentElectronicDocumentDetail,
} from "./electronicDocumentPresenter";
import { ELECTRONIC_DOCUMENT_SENDING_COLUMNS } from "./electronicDocumentSendingPresenter";

export const electronicDocumentQuerySchema = z.strictObject({
  state: electronicDocumentStateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** Route layer only: the outbox of electronic documents, for admins (the back office's screen reads it). */
export function registerElectronicDocumentRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/electronic-documents",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["electronic documents"],
        summary: "The DIAN electronic documents of accepted sales (DEE POS), newest first, by state",
        querystring: electronicDocumentQuerySchema,
        response: { 200: electronicDocumentListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { state, limit, offset } = req.query;
      const companyId = authOf(req).companyId;
      const where = `company_id = $1${state ? " AND state = $2" : ""}`;
      const params: unknown[] = state ? [companyId, state] : [companyId];
      const [rows, count] = await Promise.all([
        db.query(
          `SELECT ${ELECTRONIC_DOCUMENT_SUMMARY_COLUMNS}, ${ELECTRONIC_DOCUMENT_SENDING_COLUMNS}
             FROM electronic_documents WHERE ${where}
            ORDER BY created_at DESC, number DESC LIMIT ${limit} OFFSET ${offset}`,
          params,
        ),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM electronic_documents WHERE ${where}`, params),
      ]);
      return { items: rows.map(presentElectronicDocument), total: count[0]?.n ?? 0, limit, offset };
    },
  );

  app.get(
    "/api/electronic-documents/:id",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["electronic documents"],
        summary: "One electronic document (by its invoice's id) with its XML, QR text and the DIAN's answer",
        params: idParams("electronic document"),
        response: {
          200: electronicDocumentDetailSchema,
          ...errorResponses({ auth: "admin", notFound: true }),
        },
      },
    },
    async (req) => {
      const rows = await db.query("SELECT * FROM electronic_documents WHERE company_id = $1 AND invoice_id = $2", [
        authOf(req).companyId,
        req.params.id,
      ]);
      if (!rows[0]) throw notFound("electronic document");
      return presentElectronicDocumentDetail(rows[0]);
    },
  );
}
