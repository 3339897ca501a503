import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/database";
import { ApiError, forbidden, unauthenticated } from "../http/apiError";
import { type AuthContext, checkToken, type TokenProblem } from "./authTokens";

declare module "fastify" {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

export function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header?.startsWith("Bearer ")) return null;
  return header.slice(7).trim() || null;
}

function tokenError(problem: TokenProblem): ApiError {
  if (problem === "expired")
    return new ApiError(401, "TOKEN_EXPIRED", "the session expired after a long time without use; sign in again");
  if (problem === "device_revoked")
    return new ApiError(
      401,
      "DEVICE_REVOKED",
      "an admin revoked this device: export its pending invoices (Exportar pendientes) and sign in on another device",
    );
  if (problem === "revoked")
    return unauthenticated(
      "this session was ended (signed out, password changed or revoked by an admin); sign in again",
    );
  return unauthenticated();
}

/**
 * preHandler factory. Sign-in (user) tokens and device tokens are separate credentials: a device
 * token only opens what the till needs with it (sync, number blocks, an invoice's detail and its
 * void), never user, catalog or admin endpoints, whatever the role of the user who registered it.
 */
export function authGuard(db: Database) {
  const resolve = async (req: FastifyRequest) => {
    const token = bearerToken(req);
    if (!token) throw unauthenticated();
    const check = await checkToken(db, token);
    if (!("auth" in check)) throw tokenError(check.problem);
    req.auth = check.auth;
    return check.auth;
  };
  /** A signed-in user (user token only). */
  const authenticate = async (req: FastifyRequest, _reply: FastifyReply) => {
    const auth = await resolve(req);
    if (auth.deviceId) throw forbidden("a device token only works for synchronization; use the token from signing in");
  };
  const requireAdmin = async (req: FastifyRequest, reply: FastifyReply) => {
    await authenticate(req, reply);
    if (req.auth?.role !== "admin") throw forbidden("only an admin can do this");
  };
  const requireDevice = async (req: FastifyRequest, _reply: FastifyReply) => {
    const auth = await resolve(req);
    if (!auth.deviceId) throw forbidden("this call needs a registered device token");
  };
  /** Either credential: the till reads and voids its invoices with its device token. */
  const userOrDevice = async (req: FastifyRequest, _reply: FastifyReply) => {
    await resolve(req);
  };
  return { authenticate, requireAdmin, requireDevice, userOrDevice };
}

export type AuthGuard = ReturnType<typeof authGuard>;

export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}
