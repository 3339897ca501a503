/**
 * Stable error codes. API errors are `{ error: { code, message } }`; invoice
 * rejections carry one or more of the INVOICE_* codes with a message in the
 * caller's language saying what to fix.
 */
export const apiErrorCodes = [
  "VALIDATION_FAILED",
  "MALFORMED_JSON",
  "PAYLOAD_TOO_LARGE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  /** A unique value (a product's barcode, a client's id, a user's email) is taken: `details` names the field. */
  "DUPLICATE",
  /** Still referenced (a tax by products or invoice lines, …): deactivate it instead of deleting it. */
  "IN_USE",
  /** A user may not deactivate or delete themself, nor drop their own admin role. */
  "SELF_CHANGE",
  "UNSUPPORTED_SCHEMA_VERSION",
  "MAINTENANCE",
  "RATE_LIMITED",
  "TOO_MANY_ATTEMPTS",
  "ACCOUNT_LOCKED",
  "WEAK_PASSWORD",
  "TOKEN_EXPIRED",
  "DEVICE_REVOKED",
  "LEASE_LIMIT_REACHED",
  "DEVICE_LIMIT_REACHED",
  "DATA_INVALID",
  "IMPORT_INVALID",
  /** The DIAN signing certificate was refused (wrong password, expired, not a signing certificate): details.reason. */
  "CERTIFICATE_INVALID",
  "INTERNAL",
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

export const invoiceRejectionCodes = [
  "PRODUCT_INACTIVE",
  "PRODUCT_NOT_FOUND",
  "CLIENT_INACTIVE",
  "CLIENT_NOT_FOUND",
  "CLIENT_IDENTIFICATION_REQUIRED",
  "PAYMENT_METHOD_UNAVAILABLE",
  "PAYMENT_INSUFFICIENT",
  "NUMBERING_EXPIRED",
  "NUMBERING_RANGE_EXHAUSTED",
  "NUMBER_NOT_LEASED",
  "NUMBER_ALREADY_USED",
  "TOTALS_MISMATCH",
  "ISSUED_IN_FUTURE",
  "ISSUED_TOO_OLD",
  "CASHIER_NOT_ALLOWED",
  "TERMINAL_DISABLED",
  "REVISION_CONFLICT",
  "DEVICE_MISMATCH",
  "TERMINAL_MISMATCH",
  "NUMBERING_NOT_FOUND",
  "TAX_MISMATCH",
  "DISCOUNT_EXCEEDS_AMOUNT",
  "DISCOUNT_MISMATCH",
  "INVOICE_INVALID",
] as const;
export type InvoiceRejectionCode = (typeof invoiceRejectionCodes)[number];

export interface InvoiceRejection {
  code: InvoiceRejectionCode;
  /** Which part of the invoice: "lines.2.productId", "clientId", … */
  field?: string;
  message: string;
  messageEs: string;
}

/** Why the server refused one shift of a push (messages es/en in shifts/shiftRejections). */
export const shiftRejectionCodes = [
  "SHIFT_INVALID",
  "SHIFT_ALREADY_OPEN",
  "SHIFT_CHANGED",
  "REVISION_CONFLICT",
  "DEVICE_MISMATCH",
  "TERMINAL_MISMATCH",
  "CASHIER_NOT_ALLOWED",
  "SHIFT_TAKEN_OVER",
  "SHIFT_HANDOVER_STALE",
] as const;
export type ShiftRejectionCode = (typeof shiftRejectionCodes)[number];

export interface ShiftRejection {
  code: ShiftRejectionCode;
  field?: string;
  message: string;
  messageEs: string;
}
