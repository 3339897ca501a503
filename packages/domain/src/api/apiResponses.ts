import { z } from "zod";
import {
  companySchema,
  numberingSchema,
  paymentMethodKindSchema,
  terminalSchema,
  userSchema,
} from "../catalog/catalogSchemas";
import { centavosSchema, idSchema } from "../catalog/common";
import { apiErrorCodes, invoiceRejectionCodes } from "../errors/errorCodes";
import { invoiceDocumentSchema, invoiceRejectionSchema, invoiceSummarySchema } from "../invoice/invoiceSchemas";
import { creditNoteSummarySchema } from "../returns/creditNoteSchemas";
import { shiftDocumentSchema, shiftSummarySchema } from "../shifts/shiftSchemas";

/**
 * The answers of the API, one zod schema each: the server describes its responses with them
 * (OpenAPI) and the till parses what it receives with them, so both sides read one contract.
 * Objects are not strict: a newer server may add fields without breaking an older till.
 */

const isoInstant = z.string().describe("ISO 8601 date-time");

/** Every failure: `{error:{code,message,details?}}`; `details` lists field issues on VALIDATION_FAILED. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum([...apiErrorCodes, ...invoiceRejectionCodes]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** `GET /api/…` lists of the admin CRUD: one page and the total. */
export function listResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

export const healthResponseSchema = z.object({ status: z.literal("ok"), time: isoInstant });

export const maintenanceWindowSchema = z.object({
  id: idSchema,
  startsAt: isoInstant,
  endsAt: isoInstant,
  message: z.string(),
  version: z.number().int(),
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;
export const maintenanceWindowListSchema = z.object({ items: z.array(maintenanceWindowSchema) });

export const serverStatusSchema = z.object({
  serverTime: isoInstant,
  maintenance: z.object({ current: maintenanceWindowSchema.nullable(), next: maintenanceWindowSchema.nullable() }),
});
export type ServerStatus = z.infer<typeof serverStatusSchema>;

export const loginResponseSchema = z.object({ token: z.string(), user: userSchema, company: companySchema });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const meResponseSchema = z.object({ user: userSchema, company: companySchema, deviceId: idSchema.nullable() });
export type MeResponse = z.infer<typeof meResponseSchema>;

export const terminalListSchema = listResponseSchema(terminalSchema);
export const numberingListSchema = listResponseSchema(numberingSchema);

export const registerDeviceResponseSchema = z.object({
  device: z.object({ id: idSchema, terminalId: idSchema, name: z.string() }),
  deviceToken: z.string(),
});
export type RegisterDeviceResponse = z.infer<typeof registerDeviceResponseSchema>;

/** A till as the admin device list shows it: last contact and the queue it reported. */
export const deviceRowSchema = z.object({
  id: idSchema,
  terminalId: idSchema,
  terminalName: z.string().nullable(),
  userId: idSchema,
  name: z.string(),
  createdAt: isoInstant,
  lastSeenAt: isoInstant.nullable(),
  /** What the till's last report counted: every kind of record not uploaded (sales, returns, voids, shifts, clients). */
  pending: z.number().int(),
  /** Records the server refused and the till has not fixed, sent again or given up. */
  errors: z.number().int(),
  /** Since when the oldest pending record waits. */
  oldestPendingAt: isoInstant.nullable(),
  oldestPendingAgeSeconds: z.number().int().nullable(),
  appVersion: z.string().nullable(),
  schemaVersion: z.number().int().nullable(),
  active: z.boolean(),
  /** When an admin revoked the device's token (it can sync no more); null while it may. */
  revokedAt: isoInstant.nullable(),
  /** When the till made the backlog report behind pending/errors/oldestPendingAt (null: unknown). */
  reportedAt: isoInstant.nullable(),
  /** Not heard from for longer than the company's deviceSilentMinutes while it has pending invoices. */
  silent: z.boolean(),
});
export type DeviceRow = z.infer<typeof deviceRowSchema>;
export const deviceListSchema = z.object({ items: z.array(deviceRowSchema) });
/** GET /api/devices query: `terminalId` narrows the list to one terminal's devices (the Cajas screen). */
export const deviceListQuerySchema = z.strictObject({ terminalId: idSchema.optional() });
/** POST /api/sync/report: when the server stored the till's backlog report. */
export const deviceReportResponseSchema = z.object({ reportedAt: isoInstant });
/** POST /api/devices/current/retire: numbers given back by the till that signed out. */
export const retireDeviceResponseSchema = z.object({ released: z.number().int().nonnegative() });
/** POST /api/users/:id/revoke-sessions: how many sign-in sessions ended. */
export const revokeSessionsResponseSchema = z.object({ revoked: z.number().int().nonnegative() });

/** A block of numbers leased to one device (the lease answer and the pull's `numberBlocks` rows). */
export const numberBlockSchema = z.object({
  id: idSchema,
  numberingId: idSchema,
  deviceId: idSchema,
  rangeFrom: z.number().int(),
  rangeTo: z.number().int(),
  /** From here on the block was given back unused (never handed out again); null = not released. */
  releasedFrom: z.number().int().nullable(),
  leasedAt: isoInstant,
  releasedAt: isoInstant.nullable(),
  version: z.number().int(),
});
export type NumberBlock = z.infer<typeof numberBlockSchema>;

export const numberRangeSchema = z.object({ from: z.number().int(), to: z.number().int() });
export type NumberRange = z.infer<typeof numberRangeSchema>;
export const numberCountsSchema = z.object({
  used: z.number().int(),
  voided: z.number().int(),
  released: z.number().int(),
  unused: z.number().int(),
});
export type NumberCounts = z.infer<typeof numberCountsSchema>;

export const numberingReportBlockSchema = z.object({
  id: idSchema,
  deviceId: idSchema,
  terminalId: idSchema.nullable(),
  terminalName: z.string().nullable(),
  rangeFrom: z.number().int(),
  rangeTo: z.number().int(),
  leasedAt: isoInstant,
  counts: numberCountsSchema,
  used: z.array(numberRangeSchema),
  voided: z.array(numberRangeSchema),
  released: z.array(numberRangeSchema),
  unused: z.array(numberRangeSchema),
});
export type NumberingReportBlock = z.infer<typeof numberingReportBlockSchema>;

/** `GET /api/numberings/:id/report`: every number of the range is exactly one of these. */
export const numberingReportSchema = z.object({
  numbering: z.object({
    id: idSchema,
    name: z.string(),
    prefix: z.string(),
    rangeFrom: z.number().int(),
    rangeTo: z.number().int(),
    nextNumber: z.number().int(),
    electronic: z.boolean(),
  }),
  totals: numberCountsSchema.extend({ notLeased: z.number().int(), total: z.number().int() }),
  usedOutsideBlocks: z.array(numberRangeSchema),
  blocks: z.array(numberingReportBlockSchema),
});
export type NumberingReport = z.infer<typeof numberingReportSchema>;

/** `POST /api/terminals/:id/release-numbers`. */
export const releaseNumbersResultSchema = z.object({
  released: z.number().int().min(0),
  blocks: z.array(z.object({ blockId: idSchema, from: z.number().int(), to: z.number().int() })),
});
export type ReleaseNumbersResult = z.infer<typeof releaseNumbersResultSchema>;

/** One upload of one revision and what the server said. */
export const invoiceAttemptSchema = z.object({
  revision: z.number().int(),
  outcome: z.string(),
  errors: z.array(invoiceRejectionSchema).nullable(),
  at: isoInstant,
  userId: idSchema.nullable(),
  deviceId: idSchema.nullable(),
  /** Who and which till, by name as they are now (null when unknown). */
  userName: z.string().nullable(),
  deviceName: z.string().nullable(),
});
export type InvoiceAttempt = z.infer<typeof invoiceAttemptSchema>;

export const invoiceRevisionInfoSchema = z.object({
  revision: z.number().int(),
  receivedAt: isoInstant,
  userId: idSchema.nullable(),
  deviceId: idSchema.nullable(),
  userName: z.string().nullable(),
  deviceName: z.string().nullable(),
  document: invoiceDocumentSchema.nullable(),
});
export type InvoiceRevisionInfo = z.infer<typeof invoiceRevisionInfoSchema>;

/** `GET /api/invoices/:id`: its summary, its amounts, every revision received and every attempt. */
export const invoiceDetailSchema = invoiceSummarySchema.extend({
  subtotal: centavosSchema,
  discount: centavosSchema,
  tax: centavosSchema,
  paid: centavosSchema,
  change: centavosSchema,
  voidReason: z.string().nullable(),
  document: invoiceDocumentSchema.nullable(),
  revisions: z.array(invoiceRevisionInfoSchema),
  attempts: z.array(invoiceAttemptSchema),
  /** Who voided it and when (null: not voided, or voided before issue 13 recorded it). */
  voidedBy: idSchema.nullable().default(null),
  voidedAt: isoInstant.nullable().default(null),
  /** Its returns, oldest first. */
  creditNotes: z.array(creditNoteSummarySchema).default([]),
});
export type InvoiceDetail = z.infer<typeof invoiceDetailSchema>;

export const invoiceListSchema = listResponseSchema(invoiceSummarySchema);

/** `GET /api/invoices/by-number`: an invoice of the company found by its printed number (returns at any till). */
export const invoiceLookupQuerySchema = z.strictObject({
  prefix: z.string().max(10),
  number: z.coerce.number().int().min(1).max(999_999_999),
});
export const invoiceLookupSchema = z.object({
  invoice: invoiceSummarySchema,
  /** The invoice's current revision as the till uploaded it (the till checks it with invoiceDocumentSchema). */
  document: z.record(z.string(), z.unknown()),
  /** The client's name, for the till that did not download this client. */
  clientName: z.string(),
});
export type InvoiceLookup = z.infer<typeof invoiceLookupSchema>;

/** An amount per payment kind (efectivo, tarjetas, transferencia, otro). */
const amountsByKind = z.array(z.object({ kind: paymentMethodKindSchema, amount: centavosSchema }));

/** The "Cierre de turno" figures (domain shifts/shiftReport zReport). */
export const zReportSchema = z.object({
  salesCount: z.number().int(),
  salesTotal: centavosSchema,
  subtotal: centavosSchema,
  discount: centavosSchema,
  tax: centavosSchema,
  byPaymentMethod: z.array(
    z.object({ paymentMethodId: z.string(), kind: paymentMethodKindSchema, amount: centavosSchema }),
  ),
  taxes: z.array(
    z.object({ kind: z.string(), rateBp: z.number().int(), base: centavosSchema, amount: centavosSchema }),
  ),
  voidedCount: z.number().int(),
  voidedTotal: centavosSchema,
  /** Credit notes of the shift (issue 13): count, total given back, of it in cash. */
  refundedCount: z.number().int().default(0),
  refundedTotal: centavosSchema.default(0),
  cashRefunded: centavosSchema.default(0),
  firstInvoice: z.object({ prefix: z.string(), number: z.number().int() }).nullable(),
  lastInvoice: z.object({ prefix: z.string(), number: z.number().int() }).nullable(),
  openingFloat: centavosSchema,
  cashReceived: centavosSchema,
  changeGiven: centavosSchema,
  cashIn: centavosSchema,
  cashOut: centavosSchema,
  expected: amountsByKind,
  counted: amountsByKind.nullable(),
  differences: z.array(
    z.object({
      kind: paymentMethodKindSchema,
      expected: centavosSchema,
      counted: centavosSchema.nullable(),
      difference: centavosSchema.nullable(),
    }),
  ),
  cashDifference: centavosSchema.nullable(),
});

/** `GET /api/shifts` rows: the stored shift with the server's expected cash beside the till's. */
export const shiftListItemSchema = shiftSummarySchema.extend({
  /** Base + cash of the shift's accepted invoices on the server − change + ingresos − retiros. */
  serverExpectedCash: centavosSchema,
  /** Counted − the server's expected cash (Sobrante > 0, Faltante < 0); null while open. */
  serverDifference: centavosSchema.nullable(),
  /** Counted − the till's expected cash at closing; null while open. */
  tillDifference: centavosSchema.nullable(),
  /** Invoices of the shift the server has accepted. */
  invoiceCount: z.number().int().min(0),
});
export type ShiftListItem = z.infer<typeof shiftListItemSchema>;
export const shiftListSchema = listResponseSchema(shiftListItemSchema);

export const shiftDetailSchema = shiftListItemSchema.extend({
  document: shiftDocumentSchema,
  revisions: z.array(z.object({ revision: z.number().int(), receivedAt: isoInstant })),
  /** What the till expected per kind when it closed (null while open). */
  tillExpected: amountsByKind.nullable(),
  /** The Z report over the invoices the server has for this shift (voided ones apart). */
  report: zReportSchema,
  invoices: z.array(invoiceSummarySchema),
});
export type ShiftDetail = z.infer<typeof shiftDetailSchema>;
