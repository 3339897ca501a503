import { loginRequestSchema, loginResponseSchema, meResponseSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf, bearerToken } from "../../auth/authGuard";
import { issueToken, revokeToken } from "../../auth/authTokens";
import { hashPassword, verifyPassword } from "../../auth/passwordHasher";
import type { Database } from "../../db/database";
import { unauthenticated } from "../../http/apiError";
import { errorResponses, noContent } from "../../http/routeSchemas";
import { maintenanceError } from "../maintenance/maintenanceRoutes";
import type { MaintenanceSchedule } from "../maintenance/maintenanceSchedule";
import { loadCompany, loadUser, presentCompany, presentUser } from "./userPresenter";

// Unknown emails cost the same time as wrong passwords.
let dummyHash: Promise<string> | null = null;
const dummy = () => {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
};

export function registerAuthRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  schedule: MaintenanceSchedule,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: loginRequestSchema,
        security: [],
        response: {
          200: loginResponseSchema,
          ...errorResponses({ auth: "public", body: true, rateLimited: true }),
          401: errorResponses({ auth: "user" })[401],
        },
      },
    },
    async (req) => {
      const { email, password } = req.body;
      // The same email may exist in two companies: the password decides which one.
      const candidates = await db.query<{ company_id: string; id: string; password_hash: string }>(
        "SELECT company_id, id, password_hash FROM users WHERE email = $1 AND active",
        [email],
      );
      if (candidates.length === 0) await verifyPassword(password, await dummy());
      for (const c of candidates) {
        if (!(await verifyPassword(password, c.password_hash))) continue;
        const window = await schedule.current(c.company_id);
        if (window) throw maintenanceError(window.endsAt, window.message);
        const token = await issueToken(db, c.company_id, c.id);
        const [user, company] = await Promise.all([loadUser(db, c.company_id, c.id), loadCompany(db, c.company_id)]);
        return { token, user: presentUser(user), company: presentCompany(company) };
      }
      throw unauthenticated("wrong email or password");
    },
  );

  app.get(
    "/api/auth/me",
    {
      preValidation: guard.authenticate,
      schema: {
        tags: ["auth"],
        summary: "Who this token is: user, company and (device token) the device",
        response: { 200: meResponseSchema, ...errorResponses({ auth: "user" }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const [user, company] = await Promise.all([
        loadUser(db, auth.companyId, auth.userId),
        loadCompany(db, auth.companyId),
      ]);
      return { user: presentUser(user), company: presentCompany(company), deviceId: auth.deviceId };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      preValidation: guard.authenticate,
      schema: {
        tags: ["auth"],
        summary: "Revoke this token",
        response: { 204: noContent, ...errorResponses({ auth: "user" }) },
      },
    },
    async (req, reply) => {
      const token = bearerToken(req);
      if (token) await revokeToken(db, token);
      return reply.code(204).send();
    },
  );
}
