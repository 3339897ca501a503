import { randomUUID } from "node:crypto";
import { textSchema } from "@mostrador/domain";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import { forgetCachedTokens } from "../../auth/authTokens";
import type { Database } from "../../db/database";
import { forbidden } from "../../http/apiError";
import { docSchema } from "../../http/openApiSchema";
import { parseId, parseWith } from "../../http/parse";
import type { ResourceDefinition } from "./resourceDefinition";
import { resourceStore } from "./resourceStore";

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  q: textSchema(100).optional(),
  active: z.enum(["true", "false"]).optional(),
});

/** Keeps only the fields the caller sent, so schema defaults never overwrite stored values on PATCH. */
function sentFields(parsed: Record<string, unknown>, raw: unknown): Record<string, unknown> {
  const keys = new Set(Object.keys((raw ?? {}) as object));
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => keys.has(k) || k === "passwordHash"));
}

/** Route layer only: parse, authorize, call the store, present. */
export function registerResourceRoutes(app: FastifyInstance, db: Database, guard: AuthGuard, def: ResourceDefinition) {
  const store = resourceStore(db, def);
  const base = `/api/${def.path}`;
  const tags = [def.path];
  const readGuard = def.cashierMayRead ? guard.authenticate : guard.requireAdmin;
  const createGuard = def.cashierMayCreate ? guard.authenticate : guard.requireAdmin;

  app.get(base, { preHandler: readGuard, schema: { tags, summary: `List ${def.label}s` } }, async (req) => {
    const q = parseWith(listQuerySchema, req.query, "query");
    const auth = authOf(req);
    const result = await store.list(auth.companyId, {
      limit: q.limit,
      offset: q.offset,
      q: q.q,
      active: q.active === undefined ? undefined : q.active === "true",
      ids: def.cashierScope && auth.role !== "admin" && auth.terminalIds.length > 0 ? auth.terminalIds : undefined,
    });
    return { ...result, limit: q.limit, offset: q.offset };
  });

  app.get(`${base}/:id`, { preHandler: readGuard, schema: { tags, summary: `Get a ${def.label}` } }, async (req) => {
    const id = parseId((req.params as { id: string }).id, def.label);
    return store.get(authOf(req).companyId, id);
  });

  app.post(
    base,
    { preHandler: createGuard, schema: { tags, summary: `Create a ${def.label}`, body: docSchema(def.createSchema) } },
    async (req, reply) => {
      const input = parseWith(def.createSchema, req.body);
      const created = await store.create(authOf(req).companyId, input, randomUUID());
      return reply.code(201).send(created);
    },
  );

  app.patch(
    `${base}/:id`,
    {
      preHandler: guard.authenticate,
      schema: { tags, summary: `Change a ${def.label}`, body: docSchema(def.patchSchema) },
    },
    async (req) => {
      const auth = authOf(req);
      if (auth.role !== "admin") throw forbidden("only an admin can change this");
      const id = parseId((req.params as { id: string }).id, def.label);
      const patch = parseWith(def.patchSchema, req.body);
      const updated = await store.update(auth.companyId, id, sentFields(patch, req.body));
      if (def.table === "users") forgetCachedTokens(); // a deactivated user is locked out at once
      return updated;
    },
  );

  app.delete(`${base}/:id`, { preHandler: guard.requireAdmin, schema: { tags } }, async (req, reply) => {
    const id = parseId((req.params as { id: string }).id, def.label);
    await store.remove(authOf(req).companyId, id);
    if (def.table === "users") forgetCachedTokens();
    return reply.code(204).send();
  });
}
