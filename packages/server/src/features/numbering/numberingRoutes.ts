import { numberingReportSchema, releaseNumbersResultSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses, idParams } from "../../http/routeSchemas";
import { numberingReport } from "./numberingReport";
import { releaseTerminalNumbers } from "./numberRelease";

export function registerNumberingRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/api/numberings/:id/report",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["numbering"],
        summary: "Used, voided, unused, released",
        params: idParams("numbering"),
        response: { 200: numberingReportSchema, ...errorResponses({ auth: "admin", notFound: true }) },
      },
    },
    async (req) => {
      const { id } = req.params;
      return numberingReport(db, authOf(req).companyId, id);
    },
  );

  app.post(
    "/api/terminals/:id/release-numbers",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["numbering"],
        summary: "Give back a terminal's unused numbers",
        params: idParams("terminal"),
        response: {
          200: releaseNumbersResultSchema,
          ...errorResponses({ auth: "admin", body: true, notFound: true }),
        },
      },
    },
    async (req) => {
      const { id } = req.params;
      return releaseTerminalNumbers(db, authOf(req), id);
    },
  );
}
