import type { ApiErrorCode, InvoiceRejectionCode } from "@mostrador/domain";

/** Thrown anywhere below a route; the error handler turns it into `{error:{code,message}}`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode | InvoiceRejectionCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, "NOT_FOUND", `${what} not found`);
export const forbidden = (why = "your role does not allow this") => new ApiError(403, "FORBIDDEN", why);
export const unauthenticated = (why = "sign in first: missing or invalid token") =>
  new ApiError(401, "UNAUTHENTICATED", why);
