import type { FastifyInstance } from "fastify";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { parseId } from "../../http/parse";
import { numberingReport } from "./numberingReport";
import { releaseTerminalNumbers } from "./numberRelease";

export function registerNumberingRoutes(app: FastifyInstance, db: Database, guard: AuthGuard) {
  app.get(
    "/api/numberings/:id/report",
    { preHandler: guard.requireAdmin, schema: { tags: ["numbering"], summary: "Used, voided, unused, released" } },
    async (req) => {
      const id = parseId((req.params as { id: string }).id, "numbering");
      return numberingReport(db, authOf(req).companyId, id);
    },
  );

  app.post(
    "/api/terminals/:id/release-numbers",
    {
      preHandler: guard.requireAdmin,
      schema: { tags: ["numbering"], summary: "Give back a terminal's unused numbers" },
    },
    async (req) => {
      const id = parseId((req.params as { id: string }).id, "terminal");
      return releaseTerminalNumbers(db, authOf(req), id);
    },
  );
}
