import type { z } from "zod";
import { ApiError } from "./apiError";

/** Validates with the shared zod schema; the message names every field that is wrong. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, where = "body"): z.infer<S> {
  const result = schema.safeParse(input ?? (where === "body" ? undefined : {}));
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: i.path.join("."),
    message: i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : i.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  throw new ApiError(400, "VALIDATION_FAILED", `invalid ${where}: ${summary}`, issues);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anything: 404 like a missing one, never a 5xx from the database. */
export function parseId(value: unknown, what: string): string {
  if (typeof value !== "string" || !UUID.test(value)) throw new ApiError(404, "NOT_FOUND", `${what} not found`);
  return value.toLowerCase();
}
