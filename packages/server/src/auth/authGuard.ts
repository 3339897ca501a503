import type { FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../db/database";
import { forbidden, unauthenticated } from "../http/apiError";
import { type AuthContext, resolveToken } from "./authTokens";

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

/** preHandler factory: resolves the bearer token, optionally demanding a role. */
export function authGuard(db: Database) {
  const authenticate = async (req: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(req);
    const auth = token ? await resolveToken(db, token) : null;
    if (!auth) throw unauthenticated();
    req.auth = auth;
  };
  const requireAdmin = async (req: FastifyRequest, reply: FastifyReply) => {
    await authenticate(req, reply);
    if (req.auth?.role !== "admin") throw forbidden("only an admin can do this");
  };
  const requireDevice = async (req: FastifyRequest, reply: FastifyReply) => {
    await authenticate(req, reply);
    if (!req.auth?.deviceId) throw forbidden("this call needs a registered device token");
  };
  return { authenticate, requireAdmin, requireDevice };
}

export type AuthGuard = ReturnType<typeof authGuard>;

export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}
