export type LocalStoreErrorCode =
  /** The device's number blocks are used up: no invoice can be numbered until it gets more. */
  | "NO_NUMBERS_LEFT"
  /** The browser refused to store more data. */
  | "QUOTA_EXCEEDED"
  /** The invoice does not pass the shared schema (a bug or a bad import). */
  | "INVALID_INVOICE"
  /** The terminal, its numbering or another required row is missing locally. */
  | "NOT_READY"
  | "NOT_FOUND"
  /** Only an invoice in error can be edited or sent again. */
  | "NOT_EDITABLE"
  /** This terminal already has an open shift ("Abrir turno" twice, e.g. from two tabs). */
  | "SHIFT_ALREADY_OPEN"
  /** A movement or a closing on a shift that is not open here. */
  | "SHIFT_NOT_OPEN"
  /** The shift does not pass the shared schema. */
  | "INVALID_SHIFT"
  /** A return of more than is left of a line, or a credit note that does not pass the shared schema. */
  | "INVALID_CREDIT_NOTE"
  /** A void the rules refuse (electronic, with returns, not in the cashier's shift...): details carry the code. */
  | "VOID_REFUSED"
  /** A client made at the till that the shared schema refuses. */
  | "INVALID_CLIENT"
  | "STORAGE_FAILED";

export class LocalStoreError extends Error {
  override readonly name = "LocalStoreError";
  constructor(
    readonly code: LocalStoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const named = e as { name?: string; inner?: unknown; cause?: unknown };
    if (named.name === "QuotaExceededError") return true;
    e = named.inner ?? named.cause;
  }
  return false;
}

/** Wraps low-level IndexedDB failures into a typed error; keeps LocalStoreErrors as they are. */
export function toLocalStoreError(error: unknown): LocalStoreError {
  if (error instanceof LocalStoreError) return error;
  if (isQuotaError(error)) return new LocalStoreError("QUOTA_EXCEEDED", "browser storage is full", error);
  const message = error instanceof Error ? error.message : String(error);
  return new LocalStoreError("STORAGE_FAILED", message, error);
}
