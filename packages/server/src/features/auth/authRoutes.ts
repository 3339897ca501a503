import {
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  revokeSessionsResponseSchema,
} from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { type AuthGuard, authOf, bearerToken } from "../../auth/authGuard";
import { forgetCachedTokens, issueToken, revokeToken, revokeUserSessions } from "../../auth/authTokens";
import {
  AddressThrottle,
  accountThrottle,
  KeyedQueue,
  type LoginThrottleConfig,
  loginThrottleConfig,
} from "../../auth/loginThrottle";
import { hashPassword, needsRehash, verifyPassword } from "../../auth/passwordHasher";
import type { Database, Queryable } from "../../db/database";
import { notFound, unauthenticated } from "../../http/apiError";
import { errorResponses, idParams, noContent } from "../../http/routeSchemas";
import { maintenanceError } from "../maintenance/maintenanceRoutes";
import type { MaintenanceSchedule } from "../maintenance/maintenanceSchedule";
import { loadCompany, loadUser, presentCompany, presentUser } from "./userPresenter";

// Unknown emails cost the same time as wrong passwords.
let dummyHash: Promise<string> | null = null;
const dummy = () => {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
};

/** A legacy (bcrypt) or weaker hash becomes argon2id once its owner signs in; a concurrent change wins. */
async function upgradeHash(db: Queryable, companyId: string, userId: string, password: string, oldHash: string) {
  if (!needsRehash(oldHash)) return;
  await db.query("UPDATE users SET password_hash = $4 WHERE company_id = $1 AND id = $2 AND password_hash = $3", [
    companyId,
    userId,
    oldHash,
    await hashPassword(password),
  ]);
}

export function registerAuthRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  schedule: MaintenanceSchedule,
  throttleConfig: LoginThrottleConfig = loginThrottleConfig(),
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const addresses = new AddressThrottle(throttleConfig.address);
  const accounts = accountThrottle(db, throttleConfig.account);
  const emails = new KeyedQueue();

  /** The user whose password this is, or null; one email's attempts are checked one at a time. */
  const checkCredentials = (email: string, password: string) =>
    emails.run(email, async () => {
      await accounts.check(email);
      // The same email may exist in two companies: the password decides which one.
      const candidates = await db.query<{ company_id: string; id: string; password_hash: string }>(
        "SELECT company_id, id, password_hash FROM users WHERE email = $1 AND active",
        [email],
      );
      if (candidates.length === 0) await verifyPassword(password, await dummy());
      for (const c of candidates) {
        if (!(await verifyPassword(password, c.password_hash))) continue;
        await accounts.succeeded(email);
        return c;
      }
      await accounts.failed(email);
      return null;
    });

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
      addresses.begin(req.ip);
      let c: Awaited<ReturnType<typeof checkCredentials>> = null;
      let wrongPassword = false;
      try {
        c = await checkCredentials(email, password);
        wrongPassword = c === null;
      } finally {
        addresses.end(req.ip, wrongPassword); // an account lock refused it unchecked: not a guess
      }
      if (Math.random() < 0.01) void accounts.prune().catch(() => undefined);
      if (c) {
        const window = await schedule.current(c.company_id);
        if (window) throw maintenanceError(window.endsAt, window.message);
        await upgradeHash(db, c.company_id, c.id, password, c.password_hash);
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
        summary: "Who this token is: user and company (user tokens only)",
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

  app.post(
    "/api/users/:id/revoke-sessions",
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags: ["users"],
        summary: "End every sign-in session of a user (their tills keep syncing)",
        params: idParams("user"),
        response: { 200: revokeSessionsResponseSchema, ...errorResponses({ auth: "admin", notFound: true }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { id } = req.params;
      const users = await db.query("SELECT 1 FROM users WHERE company_id = $1 AND id = $2", [auth.companyId, id]);
      if (!users[0]) throw notFound("user");
      const revoked = await revokeUserSessions(db, auth.companyId, id);
      forgetCachedTokens();
      return { revoked };
    },
  );
}
