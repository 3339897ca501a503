/** How a call to the server failed, as far as the till needs to decide what to do. */
export type TransportErrorKind =
  /** No answer at all: offline, DNS, connection refused, CORS. */
  | "network"
  /** No answer within the time limit. */
  | "timeout"
  /** 401: the token is no longer valid. */
  | "unauthenticated"
  /** 401 DEVICE_REVOKED: an admin revoked this till; its pending invoices must be exported, never retried. */
  | "device_revoked"
  /** Other 4xx: the request itself is wrong; repeating it will not help. */
  | "client"
  /** 503: maintenance or overload; try later (Retry-After honoured). */
  | "unavailable"
  /** Other 5xx. */
  | "server"
  /** 2xx with a body that is not what the contract says. */
  | "invalid_response";

export class TransportError extends Error {
  override readonly name = "TransportError";
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    readonly details: {
      status?: number;
      code?: string;
      retryAfterMs?: number;
      body?: unknown;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get code(): string | undefined {
    return this.details.code;
  }

  /** Worth retrying later with the same request. */
  get transient(): boolean {
    return isTransientKind(this.kind);
  }
}

/**
 * The one definition of "worth retrying by itself" (the scheduler's backoff, the void's
 * "offline"): no answer, 503 and 5xx, and also `invalid_response`. A 2xx that is not the
 * contract's body is, at a shop's till, mostly a captive portal or proxy answering for the
 * server (the network, not the request, is wrong), and every request the till repeats is
 * idempotent; a contract change is fixed by the app's update, which the retry then picks up.
 * 401 and other 4xx need a person (sign in again, fix the data), so they are not retried fast.
 */
export function isTransientKind(kind: string): boolean {
  return (
    kind === "network" ||
    kind === "timeout" ||
    kind === "unavailable" ||
    kind === "server" ||
    kind === "invalid_response"
  );
}

export function isTransportError(error: unknown): error is TransportError {
  return error instanceof TransportError;
}

/** Retry-After is seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
