import { isTransportError } from "../../api/transportErrors";

/** The server's password policy (hardening issue): at least this many characters, not a common one. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * What went wrong with a form, in terms the screen can show next to each field. Pure: the zod
 * issues of the domain's input schema (checked as the owner types) and the server's answers
 * (400 details, 409 DUPLICATE / CONFLICT / IN_USE / SELF_CHANGE) become message keys with
 * parameters; the screen translates them.
 */
export type FieldProblem =
  | { rule: "required" }
  | { rule: "tooShort"; min: number }
  | { rule: "tooLong"; max: number }
  | { rule: "tooLow"; min: number }
  | { rule: "tooHigh"; max: number }
  | { rule: "number" }
  | { rule: "wholeNumber" }
  | { rule: "email" }
  | { rule: "choose" }
  | { rule: "chooseAtLeast"; min: number }
  | { rule: "format" }
  | { rule: "characters" }
  | { rule: "duplicate" }
  /** A NIT whose check digit is not the one its base gives (the domain's clientIdNumberProblem). */
  | { rule: "nitCheckDigit"; digit: string }
  /** The password policy (WEAK_PASSWORD "common"): on the list of the most used passwords. */
  | { rule: "commonPassword" }
  /** Anything else: the schema's or server's own words, shown as they are. */
  | { rule: "other"; detail: string };

export type FieldProblems = Record<string, FieldProblem>;

/** The parts of a zod (v4) issue this needs; zod's own type is structurally compatible. */
export interface SchemaIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  expected?: string;
  format?: string;
  input?: unknown;
}

export function problemOfIssue(issue: SchemaIssue): FieldProblem {
  const origin = issue.origin;
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum ?? 0);
      if (origin === "string") return min <= 1 ? { rule: "required" } : { rule: "tooShort", min };
      if (origin === "array") return { rule: "chooseAtLeast", min };
      return { rule: "tooLow", min };
    }
    case "too_big": {
      const max = Number(issue.maximum ?? 0);
      return origin === "string" ? { rule: "tooLong", max } : { rule: "tooHigh", max };
    }
    case "invalid_type":
      // zod leaves the input out of issues; its default message says what was received.
      if (issue.expected === "int") return { rule: "wholeNumber" };
      if (/received (undefined|null)/.test(issue.message)) return { rule: "required" };
      if (issue.expected === "number") return { rule: "number" };
      return { rule: "other", detail: issue.message };
    case "invalid_format":
      if (issue.format === "email") return { rule: "email" };
      if (issue.format === "uuid") return { rule: "choose" };
      return { rule: "format" };
    case "invalid_value":
      return { rule: "choose" };
    case "custom": {
      if (/control characters|invalid character/.test(issue.message)) return { rule: "characters" };
      // The domain's NIT rule (bo-server's clientIdNumberProblem) says what is wrong in its message.
      const nitDigit = /check digit is wrong: \d+ ends in -(\d)/.exec(issue.message);
      if (nitDigit?.[1]) return { rule: "nitCheckDigit", digit: nitDigit[1] };
      if (/a NIT is written as/.test(issue.message)) return { rule: "format" };
      return { rule: "other", detail: issue.message };
    }
    default:
      return { rule: "other", detail: issue.message };
  }
}

/** First problem per top-level field ("prices.3.price" belongs to "prices"). */
export function problemsOfIssues(issues: readonly SchemaIssue[]): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "");
    if (!(field in problems)) problems[field] = problemOfIssue(issue);
  }
  return problems;
}

export type SaveFailure =
  /** Field problems (400 VALIDATION_FAILED details, 409 DUPLICATE); `""` holds what names no known field. */
  | { kind: "fields"; problems: FieldProblems; message: string }
  /** 409 CONFLICT with the row as it is now: someone changed it meanwhile. */
  | { kind: "conflict"; current: unknown }
  /** No answer: offline or the server is down; what was typed stays, "Guardar" can be retried. */
  | { kind: "unreachable" }
  /** 401: the admin's session ended; sign in again, then save again. */
  | { kind: "session" }
  | { kind: "forbidden" }
  /** 409 IN_USE: still referenced (deactivate instead). */
  | { kind: "inUse"; message: string }
  /** 409 SELF_CHANGE: an admin cannot deactivate or demote themself. */
  | { kind: "selfChange" }
  | { kind: "notFound" }
  | { kind: "other"; message: string };

interface ServerDetail {
  path?: unknown;
  message?: unknown;
}

function detailsOf(body: unknown): unknown {
  return (body as { error?: { details?: unknown } } | undefined)?.error?.details;
}

/** Server field details → problems of the form's fields (others go to `""`, the form-level message). */
function problemsOfDetails(details: unknown, fields: readonly string[], duplicate: boolean): FieldProblems {
  const problems: FieldProblems = {};
  if (!Array.isArray(details)) return problems;
  for (const item of details as ServerDetail[]) {
    const path = typeof item.path === "string" ? item.path : Array.isArray(item.path) ? item.path.join(".") : "";
    const field = path.split(".")[0] ?? "";
    const key = fields.includes(field) ? field : "";
    if (key in problems) continue;
    const detail = typeof item.message === "string" ? item.message : "";
    problems[key] = duplicate ? { rule: "duplicate" } : { rule: "other", detail };
  }
  return problems;
}

/** How a failed save (POST/PATCH) reads on the form. */
export function saveFailureOf(error: unknown, fields: readonly string[]): SaveFailure {
  if (!isTransportError(error))
    return { kind: "other", message: error instanceof Error ? error.message : String(error) };
  if (error.kind === "network" || error.kind === "timeout" || error.kind === "unavailable")
    return { kind: "unreachable" };
  if (error.kind === "unauthenticated") return { kind: "session" };
  const status = error.status;
  const code = error.code;
  const details = detailsOf(error.details.body);
  if (status === 403) return { kind: "forbidden" };
  if (status === 404) return { kind: "notFound" };
  if (status === 409 && code === "CONFLICT") {
    const current = (details as { current?: unknown } | undefined)?.current;
    if (current && typeof current === "object") return { kind: "conflict", current };
    return { kind: "other", message: error.message };
  }
  if (status === 409 && code === "DUPLICATE") {
    return { kind: "fields", problems: problemsOfDetails(details, fields, true), message: error.message };
  }
  if (status === 409 && code === "IN_USE") return { kind: "inUse", message: error.message };
  if (status === 409 && code === "SELF_CHANGE") return { kind: "selfChange" };
  if (status === 400 && code === "WEAK_PASSWORD") {
    const rule = (details as { rule?: string } | undefined)?.rule;
    const problem: FieldProblem =
      rule === "common" ? { rule: "commonPassword" } : { rule: "tooShort", min: MIN_PASSWORD_LENGTH };
    return {
      kind: "fields",
      problems: { [fields.includes("password") ? "password" : ""]: problem },
      message: error.message,
    };
  }
  if (status === 400) {
    const problems = problemsOfDetails(details, fields, false);
    // Checks made inside the server ("categoryId: no such category") name the field in the message.
    const named = /^(\w+): (.+)$/.exec(error.message);
    if (Object.keys(problems).length === 0 && named?.[1] && fields.includes(named[1]))
      problems[named[1]] = { rule: "other", detail: named[2] ?? error.message };
    return { kind: "fields", problems, message: error.message };
  }
  return { kind: "other", message: error.message };
}
