import { randomUUID } from "node:crypto";
import { listResponseSchema } from "@mostrador/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { type AuthGuard, authOf } from "../../auth/authGuard";
import { forgetCachedTokens } from "../../auth/authTokens";
import type { Database } from "../../db/database";
import { forbidden } from "../../http/apiError";
import { errorResponses, idParams, noContent } from "../../http/routeSchemas";
import { pluralOf, type ResourceDefinition } from "./resourceDefinition";
import { listQuerySchemaOf } from "./resourceListQuery";
import { resourceStore, type Writer } from "./resourceStore";

const writerOf = (req: FastifyRequest): Writer => {
  const auth = authOf(req);
  return { companyId: auth.companyId, userId: auth.userId };
};

/** Route layer only: parse, authorize, call the store, present. */
export function registerResourceRoutes(
  fastify: FastifyInstance,
  db: Database,
  guard: AuthGuard,
  def: ResourceDefinition,
) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const store = resourceStore(db, def);
  const base = `/api/${def.path}`;
  const tags = [def.path];
  const plural = pluralOf(def.label);
  const readGuard = def.cashierMayRead ? guard.authenticate : guard.requireAdmin;
  const createGuard = def.cashierMayCreate ? guard.authenticate : guard.requireAdmin;
  const readAuth = def.cashierMayRead ? "user" : "admin";
  const params = idParams(def.label);
  const listQuerySchema = listQuerySchemaOf(def);
  const filterKeys = Object.keys(def.filters ?? {});

  app.get(
    base,
    {
      // preValidation: the token is checked before the input, as when handlers parsed it themselves.
      preValidation: readGuard,
      schema: {
        tags,
        summary: `List ${plural}`,
        description: `Sorted by \`sort\` (a leading \`-\` for descending; ties by id)${
          filterKeys.length ? `; exact-match filters: ${filterKeys.join(", ")}` : ""
        }.`,
        querystring: listQuerySchema,
        response: { 200: listResponseSchema(def.rowSchema), ...errorResponses({ auth: readAuth }) },
      },
    },
    async (req) => {
      const q = req.query as z.output<typeof listQuerySchema> & Record<string, unknown>;
      const auth = authOf(req);
      const result = await store.list(auth.companyId, {
        limit: q.limit,
        offset: q.offset,
        q: q.q,
        active: q.active === undefined ? undefined : q.active === "true",
        sort: q.sort,
        filters: Object.fromEntries(filterKeys.map((key) => [key, q[key]])),
        ids: def.cashierScope && auth.role !== "admin" && auth.terminalIds.length > 0 ? auth.terminalIds : undefined,
      });
      return { ...result, limit: q.limit, offset: q.offset };
    },
  );

  app.get(
    `${base}/:id`,
    {
      preValidation: readGuard,
      schema: {
        tags,
        summary: `Get a ${def.label}`,
        params,
        response: { 200: def.rowSchema, ...errorResponses({ auth: readAuth, notFound: true }) },
      },
    },
    async (req) => {
      const { id } = req.params;
      return store.get(authOf(req).companyId, id);
    },
  );

  app.post(
    base,
    {
      preValidation: createGuard,
      schema: {
        tags,
        summary: `Create a ${def.label}`,
        body: def.createSchema,
        response: {
          201: def.rowSchema,
          ...errorResponses({ auth: def.cashierMayCreate ? "user" : "admin", body: true, conflict: true }),
        },
      },
    },
    async (req, reply) => {
      const input = req.body;
      const created = await store.create(writerOf(req), input, randomUUID());
      return reply.code(201).send(created);
    },
  );

  app.patch(
    `${base}/:id`,
    {
      preValidation: guard.authenticate,
      schema: {
        tags,
        summary: `Change a ${def.label}`,
        description:
          "Only the fields sent change. With `expectedVersion` (the version the form loaded) a row changed meanwhile is 409 CONFLICT with `details.current`, nothing written.",
        params,
        body: def.patchSchema,
        response: {
          200: def.rowSchema,
          ...errorResponses({ auth: "admin", body: true, notFound: true, conflict: true }),
        },
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (auth.role !== "admin") throw forbidden("only an admin can change this");
      const { id } = req.params;
      // Patch schemas have no defaults (patchOf), so the parsed body holds only the fields sent.
      const updated = await store.update(writerOf(req), id, req.body);
      if (def.table === "users") forgetCachedTokens(); // a deactivated user is locked out at once
      return updated;
    },
  );

  app.delete(
    `${base}/:id`,
    {
      preValidation: guard.requireAdmin,
      schema: {
        tags,
        summary: `Delete a ${def.label} (refused while referenced: deactivate it instead)`,
        params,
        response: { 204: noContent, ...errorResponses({ auth: "admin", notFound: true, conflict: true }) },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      await store.remove(writerOf(req), id);
      if (def.table === "users") forgetCachedTokens();
      return reply.code(204).send();
    },
  );
}
