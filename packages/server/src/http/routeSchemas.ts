import { apiErrorBodySchema } from "@mostrador/domain";
import type { FastifySchemaCompiler, FastifySerializerCompiler } from "fastify";
import { ResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import { ApiError } from "./apiError";
import { JsonText } from "./jsonText";
import { validationError } from "./parse";

/**
 * Route schemas are the shared zod schemas: Fastify validates requests with them (this compiler,
 * so bad input keeps the project's `{error:{code:"VALIDATION_FAILED",message,details}}` 400), and
 * @fastify/swagger describes the API from them (fastify-type-provider-zod's jsonSchemaTransform).
 */
export const apiValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data ?? (httpPart === "body" ? undefined : {}));
    if (result.success) return { value: result.data };
    // A malformed id cannot name anything: 404 like a missing one (the message names what).
    if (httpPart === "params")
      return { error: new ApiError(404, "NOT_FOUND", result.error.issues[0]?.message ?? "not found") };
    return { error: validationError(result.error, httpPart === "querystring" ? "query" : (httpPart ?? "body")) };
  };

/**
 * Responses are sent as plain JSON; an answer already serialized (JsonText: the pull's pages) as
 * its text. With `check` (tests) each one is first checked against its documented schema (a
 * serialized one parsed first), so an answer that drifts from the contract fails as a 500 in every test.
 */
export function responseSerializerCompiler(check: boolean): FastifySerializerCompiler<z.ZodType> {
  return ({ schema, method, url }) =>
    (data) => {
      if (check) {
        const result = schema.safeParse(data instanceof JsonText ? JSON.parse(data.text) : data);
        if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      }
      return data instanceof JsonText ? data.text : JSON.stringify(data);
    };
}

/** `:id` of a route; a malformed one answers 404 "<what> not found". */
export function idParams(what: string) {
  return z.strictObject({
    id: z.guid({ message: `${what} not found` }).transform((id) => id.toLowerCase()),
  });
}

/**
 * Runtime accepts anything (the handler parses each item itself); the document shows `documented`.
 * Used where one bad item must be answered alone instead of failing the whole request.
 */
export function documentedAs(documented: z.ZodType) {
  const json = z.toJSONSchema(documented, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
  delete json.$schema;
  return z.unknown().meta(json);
}

const errorDescriptions = {
  400: "Bad input: VALIDATION_FAILED (`details` lists each field), MALFORMED_JSON, UNSUPPORTED_SCHEMA_VERSION, DATA_INVALID",
  401: "UNAUTHENTICATED: missing, invalid or revoked token (or wrong email or password)",
  403: "FORBIDDEN: the role or the kind of token does not allow this call",
  404: "NOT_FOUND: no such record in your company (also a malformed id)",
  409: "CONFLICT (e.g. changed meanwhile: `details.current`), DUPLICATE (`details` names the field), IN_USE, SELF_CHANGE, or a business rule (e.g. NUMBERING_EXPIRED, LEASE_LIMIT_REACHED)",
  413: "PAYLOAD_TOO_LARGE: request body over 1 MB (16 MB for CSV imports)",
  415: "VALIDATION_FAILED: send JSON with content-type application/json",
  429: "RATE_LIMITED / TOO_MANY_ATTEMPTS: slow down; see Retry-After",
  500: "INTERNAL: unexpected error; it was logged",
  503: "MAINTENANCE: scheduled maintenance of your company (Retry-After; keep invoicing offline)",
} as const;
export type ErrorStatus = keyof typeof errorDescriptions;

export interface ErrorSet {
  /** Who may call: none (public), any signed-in token, admins only, device tokens only. */
  auth: "public" | "user" | "admin" | "device";
  /** The call reads a JSON body. */
  body?: boolean;
  notFound?: boolean;
  conflict?: boolean;
  rateLimited?: boolean;
  /** false for calls answered during maintenance too. */
  maintenance?: boolean;
}

/** The error answers an operation can give, each with the one error body schema. */
export function errorResponses(set: ErrorSet): Partial<Record<ErrorStatus, z.ZodType>> {
  const statuses: ErrorStatus[] = [400, 500];
  if (set.auth !== "public") statuses.push(401, 403);
  if (set.notFound) statuses.push(404);
  if (set.conflict) statuses.push(409);
  if (set.body) statuses.push(413, 415);
  if (set.rateLimited) statuses.push(429);
  if (set.maintenance !== false) statuses.push(503);
  return Object.fromEntries(statuses.map((s) => [s, apiErrorBodySchema.describe(errorDescriptions[s])]));
}

/** 204 answers carry no body. */
export const noContent = z.undefined().describe("Done; no body");
