import { electronicDocumentDetailSchema, electronicDocumentStateSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses, idParams } from "../../http/routeSchemas";
import type { SecretBox } from "../dianCertificate/secretBox";
import { csvFile } from "../reports/reportCsv";
import { ELECTRONIC_DOCUMENTS_WITH_SALE } from "./contingencyDocuments";
import type { ElectronicDocumentDispatcher } from "./electronicDocumentDispatcher";
import {
  ELECTRONIC_DOCUMENT_NOTE_CSV_HEADERS,
  electronicDocumentNoteCsvCells,
} from "./electronicDocumentNotePresenter";
import { presentElectronicDocument, presentElectronicDocumentDetail } from "./electronicDocumentPresenter";
import { resendElectronicDocument } from "./electronicDocumentRegenerator";

export const electronicDocumentCsvQuerySchema = z.strictObject({
  state: electronicDocumentStateSchema.optional(),
  delimiter: z.enum(["semicolon", "comma"]).default("semicolon"),
});

const STATE_NAMES: Record<string, string> = {
  not_generated: "No generado",
  generated: "Generado",
  sent: "Enviado",
  accepted: "Aceptado",
  rejected: "Rechazado",
};

/** Route layer only: the sending side of the outbox (resend, CSV), for admins. */
export function registerElectronicDocumentSendingRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  dispatcher: ElectronicDocumentDispatcher,
  /** Opens the DIAN software PIN to build a document again. */
  secrets: SecretBox,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ["electronic documents"];

  app.post(
    "/api/electronic-documents/:id/resend",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary:
          "Send a document again: a rejected or not generated one is built again from its invoice with today's settings; a stuck one is due now (409 when the DIAN accepted it)",
        params: idParams("electronic document"),
        response: {
          200: electronicDocumentDetailSchema,
          ...errorResponses({ auth: "admin", notFound: true, conflict: true }),
        },
      },
    },
    async (req) => {
      const { companyId } = authOf(req);
      const row = await db.transaction(async (tx) => {
        await resendElectronicDocument(tx, companyId, req.params.id, new Date(), secrets);
        const rows = await tx.query(`SELECT * FROM ${ELECTRONIC_DOCUMENTS_WITH_SALE} d WHERE document_id = $2`, [
          companyId,
          req.params.id,
        ]);
        return rows[0] as Record<string, unknown>;
      });
      dispatcher.nudge(companyId);
      return presentElectronicDocumentDetail(row);
    },
  );

  app.get(
    "/api/electronic-documents.csv",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: "The electronic documents as CSV (UTF-8 with BOM), by state, newest first",
        querystring: electronicDocumentCsvQuerySchema,
        response: { 200: z.string().describe("text/csv; charset=utf-8"), ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req, reply) => {
      const { companyId } = authOf(req);
      const { state, delimiter } = req.query;
      const rows = await db.query(
        `SELECT * FROM ${ELECTRONIC_DOCUMENTS_WITH_SALE} d WHERE TRUE${state ? " AND state = $2" : ""}
          ORDER BY created_at DESC, number DESC LIMIT 100000`,
        state ? [companyId, state] : [companyId],
      );
      const csv = csvFile(
        [
          "Número",
          "Estado",
          "CUDE",
          "Ambiente",
          "Intentos",
          "Código DIAN",
          "Reglas",
          "Respuesta DIAN",
          "Enviado",
          "Aceptado",
          "Error de envío",
          "Problema",
          "Creado",
          "Caja",
          "Contingencia",
          "Fin de la contingencia",
          "Plazo (48 h)",
          ...ELECTRONIC_DOCUMENT_NOTE_CSV_HEADERS,
        ],
        rows.map((row) => {
          const d = presentElectronicDocument(row);
          return [
            d.number,
            STATE_NAMES[d.state] ?? d.state,
            d.cude ?? "",
            d.environment === "1" ? "Producción" : "Pruebas",
            d.attempts,
            d.dianAnswer?.code ?? "",
            d.dianRuleCodes.join(" "),
            d.dianAnswer?.messages.join(" | ") ?? "",
            d.sentAt ?? "",
            d.acceptedAt ?? "",
            d.sendError ?? "",
            d.problem ?? "",
            d.createdAt,
            d.terminalName ?? "",
            d.contingency ? "Sí" : "No",
            d.outageEndedAt ?? "",
            d.deadlineAt ?? "",
            ...electronicDocumentNoteCsvCells(d),
          ];
        }),
        delimiter,
      );
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="documentos-electronicos.csv"')
        .send(csv);
    },
  );
}
