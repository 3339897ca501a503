import { randomUUID } from "node:crypto";
import {
  deviceListQuerySchema,
  deviceListSchema,
  deviceReportResponseSchema,
  deviceReportSchema,
  deviceRowSchema,
  registerDeviceRequestSchema,
  registerDeviceResponseSchema,
  retireDeviceResponseSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import { forgetCachedTokens, issueToken } from "../../auth/authTokens";
import type { Database } from "../../db/database";
import { ApiError, forbidden, notFound } from "../../http/apiError";
import { errorResponses, idParams } from "../../http/routeSchemas";
import { requestSchemaVersion } from "../../http/schemaVersion";
import { releaseUnusedNumbers } from "../numbering/numberRelease";
import { recordDeviceActivity, recordSignIn } from "./deviceActivity";
import { loadFleet } from "./deviceFleet";

export function registerDeviceRoutes(fastify: FastifyInstance, db: Database, guard: AuthGuard) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/devices/register",
    {
      preValidation: guard.authenticate,
      schema: {
        tags: ["devices"],
        summary: "Register this browser as a till (answers the device token)",
        body: registerDeviceRequestSchema,
        response: {
          201: registerDeviceResponseSchema,
          ...errorResponses({ auth: "user", body: true, notFound: true, conflict: true }),
        },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { terminalId, name } = req.body;
      const terminals = await db.query<{ active: boolean }>(
        "SELECT active FROM terminals WHERE company_id = $1 AND id = $2",
        [auth.companyId, terminalId],
      );
      if (!terminals[0]) throw new ApiError(404, "NOT_FOUND", "terminal not found");
      if (!terminals[0].active) throw new ApiError(409, "CONFLICT", "this terminal is disabled");
      if (auth.role !== "admin" && auth.terminalIds.length > 0 && !auth.terminalIds.includes(terminalId))
        throw forbidden("you are not allowed on this terminal");
      const id = randomUUID();
      const deviceToken = await db.transaction(async (tx) => {
        // Each device may hold its own unused numbers: the count of live devices per terminal is
        // what keeps registering again and again from draining a numbering (the terminal's row lock
        // makes concurrent registrations count one after the other).
        await tx.query("SELECT 1 FROM terminals WHERE company_id = $1 AND id = $2 FOR UPDATE", [
          auth.companyId,
          terminalId,
        ]);
        const live = await tx.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM devices WHERE company_id = $1 AND terminal_id = $2 AND active",
          [auth.companyId, terminalId],
        );
        const limit = maxDevicesPerTerminal();
        if ((live[0]?.n ?? 0) >= limit)
          throw new ApiError(
            409,
            "DEVICE_LIMIT_REACHED",
            `this terminal already has ${limit} active devices: an admin can revoke the ones no longer used in Administración → Dispositivos`,
          );
        await tx.query(
          "INSERT INTO devices (company_id, id, terminal_id, user_id, name, last_seen_at) VALUES ($1, $2, $3, $4, $5, now())",
          [auth.companyId, id, terminalId, auth.userId, name ?? ""],
        );
        await recordSignIn(tx, auth.companyId, id, auth.userId);
        return issueToken(tx, auth.companyId, auth.userId, id);
      });
      return reply.code(201).send({ device: { id, terminalId, name: name ?? "" }, deviceToken });
    },
  );

  app.get(
    "/api/devices",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["devices"],
        summary: "The company's tills (or one terminal's): last contact, reported queue and its age, silent ones",
        querystring: deviceListQuerySchema,
        response: { 200: deviceListSchema, ...errorResponses({ auth: "admin" }) },
      },
    },
    async (req) => ({ items: await loadFleet(db, authOf(req).companyId, { terminalId: req.query.terminalId }) }),
  );

  // The till's backlog as it stands after a push and after a pull (a report sent with a push is
  // made before the push, so it still counts the invoices that push delivers).
  app.post(
    "/api/devices/current/report",
    {
      preValidation: guard.requireDevice,
      schema: {
        tags: ["devices"],
        summary: "The till reports its queue (pending, errors, oldest pending) after a push or a pull",
        body: deviceReportSchema,
        response: {
          200: deviceReportResponseSchema,
          ...errorResponses({ auth: "device", body: true, notFound: true }),
        },
      },
    },
    async (req) => {
      const schemaVersion = requestSchemaVersion(req);
      const reportedAt = await recordDeviceActivity(db, authOf(req), { report: req.body, schemaVersion });
      if (!reportedAt) throw notFound("device");
      return { reportedAt: reportedAt.toISOString() };
    },
  );

  // The till's credential ends here; its leased numbers stay leased, because its pending invoices
  // (exported and uploaded from another till) carry numbers from them.
  app.post(
    "/api/devices/:id/revoke",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["devices"],
        summary: "Revoke a till's device token (its next sync gets 401 DEVICE_REVOKED)",
        params: idParams("device"),
        response: { 200: deviceRowSchema, ...errorResponses({ auth: "admin", notFound: true }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params;
      const rows = await db.query(
        `UPDATE devices SET active = false, revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $3)
          WHERE company_id = $1 AND id = $2 RETURNING id`,
        [auth.companyId, id, auth.userId],
      );
      if (!rows[0]) throw notFound("device");
      forgetCachedTokens();
      const [device] = await loadFleet(db, auth.companyId, { deviceId: id });
      if (!device) throw notFound("device");
      return device;
    },
  );

  // Signing out of a till that has nothing left to upload retires it: its unused numbers go back
  // (recorded, never handed out again) and its token ends, so old browsers do not pile up.
  app.post(
    "/api/devices/current/retire",
    {
      preValidation: guard.requireDevice,
      schema: {
        tags: ["devices"],
        summary: "The till signing out retires itself: unused numbers released, token ended",
        response: { 200: retireDeviceResponseSchema, ...errorResponses({ auth: "device" }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const deviceId = auth.deviceId as string;
      const { released } = await db.transaction(async (tx) => {
        const result = await releaseUnusedNumbers(tx, auth.companyId, { deviceId });
        await tx.query(
          "UPDATE devices SET active = false, revoked_at = COALESCE(revoked_at, now()) WHERE company_id = $1 AND id = $2",
          [auth.companyId, deviceId],
        );
        return result;
      });
      forgetCachedTokens();
      return { released };
    },
  );
}

/** Live (not revoked) devices a terminal may have; MAX_DEVICES_PER_TERMINAL changes it. */
export function maxDevicesPerTerminal(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.MAX_DEVICES_PER_TERMINAL);
  return Number.isInteger(n) && n > 0 ? n : 10;
}
