import { randomUUID } from "node:crypto";
import {
  maintenanceWindowInputSchema,
  maintenanceWindowListSchema,
  maintenanceWindowSchema,
  serverStatusSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf, bearerToken } from "../../auth/authGuard";
import { companyIdOf, resolveToken } from "../../auth/authTokens";
import { allocateVersions } from "../../db/changeVersions";
import type { Database } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { errorResponses, idParams, noContent } from "../../http/routeSchemas";
import { type MaintenanceSchedule, presentWindow } from "./maintenanceSchedule";

export function maintenanceError(endsAt: string, message: string): ApiError {
  const retryAfter = Math.max(1, Math.ceil((new Date(endsAt).getTime() - Date.now()) / 1000));
  return new ApiError(
    503,
    "MAINTENANCE",
    `scheduled maintenance until ${endsAt}${message ? `: ${message}` : ""}; keep invoicing offline`,
    { endsAt },
    { "retry-after": String(Math.min(retryAfter, 3600)) },
  );
}

export function registerMaintenanceRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  schedule: MaintenanceSchedule,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // During a window every API call of that company gets 503, except health, status and cancelling the window.
  app.addHook("onRequest", async (req) => {
    const url = req.url.split("?")[0] ?? "";
    if (!url.startsWith("/api/") || url === "/api/health" || url === "/api/status") return;
    if (url.startsWith("/api/docs") || (url.startsWith("/api/maintenance-windows") && req.method !== "POST")) return;
    const token = bearerToken(req);
    if (!token || !companyIdOf(token)) return;
    // The company in a token's prefix is only a claim: the token is verified before the schedule is
    // read, so a forged one learns nothing of a window, not even from the time the answer takes
    // (a verified token is cached; the route's guard then finds it there).
    const auth = await resolveToken(db, token);
    if (!auth) return;
    const current = await schedule.current(auth.companyId);
    if (current) throw maintenanceError(current.endsAt, current.message);
  });

  app.get(
    "/api/status",
    {
      schema: {
        tags: ["status"],
        summary: "Server time and, with a token, the company's current and next maintenance window",
        security: [],
        response: { 200: serverStatusSchema, ...errorResponses({ auth: "public", maintenance: false }) },
      },
    },
    async (req) => {
      const token = bearerToken(req);
      const auth = token ? await resolveToken(db, token) : null;
      const maintenance = auth ? await schedule.status(auth.companyId) : { current: null, next: null };
      return { serverTime: new Date().toISOString(), maintenance };
    },
  );

  app.get(
    "/api/maintenance-windows",
    {
      preValidation: guard.authenticate,
      schema: {
        tags: ["maintenance"],
        summary: "Maintenance windows (answered during a window too)",
        response: { 200: maintenanceWindowListSchema, ...errorResponses({ auth: "user", maintenance: false }) },
      },
    },
    async (req) => {
      const rows = await db.query(
        "SELECT * FROM maintenance_windows WHERE company_id = $1 ORDER BY starts_at DESC LIMIT 200",
        [authOf(req).companyId],
      );
      return { items: rows.map(presentWindow) };
    },
  );

  app.post(
    "/api/maintenance-windows",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["maintenance"],
        summary: "Schedule a maintenance window (at most 48 h)",
        body: maintenanceWindowInputSchema,
        response: { 201: maintenanceWindowSchema, ...errorResponses({ auth: "admin", body: true }) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const w = req.body;
      const row = await db.transaction(async (tx) => {
        const version = await allocateVersions(tx, auth.companyId);
        const rows = await tx.query(
          `INSERT INTO maintenance_windows (company_id, id, starts_at, ends_at, message, created_by, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [auth.companyId, randomUUID(), w.startsAt, w.endsAt, w.message, auth.userId, version],
        );
        return rows[0] as Record<string, unknown>;
      });
      schedule.invalidate(auth.companyId);
      return reply.code(201).send(presentWindow(row));
    },
  );

  app.delete(
    "/api/maintenance-windows/:id",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["maintenance"],
        summary: "Cancel a maintenance window (answered during a window too)",
        params: idParams("maintenance window"),
        response: { 204: noContent, ...errorResponses({ auth: "admin", notFound: true, maintenance: false }) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { id } = req.params;
      await db.transaction(async (tx) => {
        const rows = await tx.query("DELETE FROM maintenance_windows WHERE company_id = $1 AND id = $2 RETURNING id", [
          auth.companyId,
          id,
        ]);
        if (!rows[0]) throw notFound("maintenance window");
        const version = await allocateVersions(tx, auth.companyId);
        await tx.query(
          `INSERT INTO tombstones (company_id, entity, id, version) VALUES ($1, 'maintenanceWindows', $2, $3)
           ON CONFLICT (company_id, entity, id) DO UPDATE SET version = EXCLUDED.version`,
          [auth.companyId, id, version],
        );
      });
      schedule.invalidate(auth.companyId);
      return reply.code(204).send();
    },
  );
}
