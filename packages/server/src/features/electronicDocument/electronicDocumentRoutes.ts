import {
  CONTINGENCY_WARNING_HOURS,
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
  CONTINGENCY_COUNTS_SQL,
  contingencyConditions,
  contingencyQueryFields,
  ELECTRONIC_DOCUMENTS_WITH_SALE,
} from "./contingencyDocuments";
import { ELECTRONIC_DOCUMENT_NOTE_COLUMNS } from "./electronicDocumentNotePresenter";
import {
  ELECTRONIC_DOCUMENT_SUMMARY_COLUMNS,
  presentElectronicDocument,
  presentElectronicDocumentDetail,
} from "./electronicDocumentPresenter";
import { ELECTRONIC_DOCUMENT_SENDING_COLUMNS } from "./electronicDocumentSendingPresenter";

export const electronicDocumentQuerySchema = z.strictObject({
  state: electronicDocumentStateSchema.optional(),
  ...contingencyQueryFields,
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
        summary:
          "The DIAN electronic documents of accepted sales (DEE POS) and their adjustment notes, newest first, by state",
        querystring: electronicDocumentQuerySchema,
        response: { 200: electronicDocumentListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const { state, limit, offset } = req.query;
      const companyId = authOf(req).companyId;
      const params: unknown[] = state ? [companyId, state] : [companyId];
      const extra = contingencyConditions(req.query, params.length + 1);
      params.push(...extra.params);
      const where = ["TRUE", ...(state ? ["state = $2"] : []), ...extra.conditions].join(" AND ");
      const [rows, count, deadlines] = await Promise.all([
        db.query(
          `SELECT ${ELECTRONIC_DOCUMENT_SUMMARY_COLUMNS}, ${ELECTRONIC_DOCUMENT_SENDING_COLUMNS},
                  ${ELECTRONIC_DOCUMENT_NOTE_COLUMNS}
             FROM ${ELECTRONIC_DOCUMENTS_WITH_SALE} d WHERE ${where}
            ORDER BY created_at DESC, number DESC LIMIT ${limit} OFFSET ${offset}`,
          params,
        ),
        db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${ELECTRONIC_DOCUMENTS_WITH_SALE} d WHERE ${where}`,
          params,
        ),
        db.query<{ overdue: number; due_soon: number }>(CONTINGENCY_COUNTS_SQL, [companyId, CONTINGENCY_WARNING_HOURS]),
      ]);
      return {
        items: rows.map(presentElectronicDocument),
        total: count[0]?.n ?? 0,
        limit,
        offset,
        contingencyOverdue: deadlines[0]?.overdue ?? 0,
        contingencyDueSoon: deadlines[0]?.due_soon ?? 0,
      };
    },
  );

  app.get(
    "/api/electronic-documents/:id",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["electronic documents"],
        summary:
          "One electronic document by its documentId (its invoice's id for a ticket, the note's id for an adjustment note) with its XML, QR text and the DIAN's answer",
        params: idParams("electronic document"),
        response: {
          200: electronicDocumentDetailSchema,
          ...errorResponses({ auth: "admin", notFound: true }),
        },
      },
    },
    async (req) => {
      const rows = await db.query(`SELECT * FROM ${ELECTRONIC_DOCUMENTS_WITH_SALE} d WHERE document_id = $2`, [
        authOf(req).companyId,
        req.params.id,
      ]);
      if (!rows[0]) throw notFound("electronic document");
      return presentElectronicDocumentDetail(rows[0]);
    },
  );
}
