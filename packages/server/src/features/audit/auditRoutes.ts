import { auditListSchema, idSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import type { Database } from "../../db/database";
import { errorResponses } from "../../http/routeSchemas";
import { readAuditLog } from "./auditLogReader";
import { presentAuditEntry } from "./auditPresenter";

export const auditLogQuerySchema = z.strictObject({
  /** The resource path ("products", "clients", …; "company" for the company's settings). */
  entity: z
    .string()
    .regex(/^[a-z][a-z-]{0,39}$/, { message: "entity: a resource path such as products or price-lists" })
    .optional(),
  recordId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** Route layer only: the audit trail of back-office writes, for admins. */
export function registerAuditRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  fastify.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit-log",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["audit"],
        summary: "The audit trail of back-office writes (who, when, what changed), newest first",
        querystring: auditLogQuerySchema,
        response: { 200: auditListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await readAuditLog(db, authOf(req).companyId, q);
      return { items: rows.map(presentAuditEntry), total, limit: q.limit, offset: q.offset };
    },
  );
}
