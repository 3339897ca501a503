import type { z } from "zod";
import { ApiError } from "./apiError";

/** The project's 400: the message names every field that is wrong, `details` lists them. */
export function validationError(error: z.ZodError, where: string): ApiError {
  const issues = error.issues.map((i) => ({
    path: i.path.join("."),
    message: i.code === "unrecognized_keys" ? `unknown field(s): ${i.keys.join(", ")}` : i.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return new ApiError(400, "VALIDATION_FAILED", `invalid ${where}: ${summary}`, issues);
}

/** Validates with the shared zod schema (inside a handler, e.g. one invoice of a batch). */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, where = "body"): z.infer<S> {
  const result = schema.safeParse(input ?? (where === "body" ? undefined : {}));
  if (result.success) return result.data;
  throw validationError(result.error, where);
}
