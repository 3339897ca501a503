import { z } from "zod";
import { isoDateTimeSchema, textSchema } from "../catalog/common";
import { pullStockSchema } from "../inventory/inventorySchemas";
import {
  invoiceDocumentSchema,
  invoiceRejectionSchema,
  invoiceSummarySchema,
  newClientSchema,
} from "../invoice/invoiceSchemas";
import {
  creditNoteDocumentSchema,
  creditNotePushResultSchema,
  invoiceVoidDocumentSchema,
  voidPushResultSchema,
} from "../returns/creditNoteSchemas";
import { shiftDocumentSchema, shiftRejectionSchema, shiftSummarySchema } from "../shifts/shiftSchemas";
import { terminalShiftSchema } from "../shifts/terminalShift";
import { MAX_PUSH_BATCH, syncedEntities } from "./syncConstants";

// The constants live in a module without zod, so the till's first chunk can use them without the schemas.
export {
  MAX_PUSH_BATCH,
  NEXT_PULL_HEADER,
  SCHEMA_VERSION_HEADER,
  SYNC_SCHEMA_VERSION,
  type SyncedEntity,
  syncedEntities,
} from "./syncConstants";

/**
 * What a till says about its queue (every kind of record not uploaded, not invoices alone); bounded like every
 * other input (it is stored on the device's row).
 */
export const deviceReportSchema = z.strictObject({
  pending: z.number().int().min(0).max(10_000_000),
  errors: z.number().int().min(0).max(10_000_000),
  oldestPendingAt: isoDateTimeSchema.nullable(),
  appVersion: textSchema(50).optional(),
});
export type DeviceReport = z.infer<typeof deviceReportSchema>;

export const pushRequestSchema = z.strictObject({
  /**
   * Clients created at the till ("Nuevo cliente"), each its own record (schema 2): written before
   * the invoices of the same request, so an invoice naming one finds it; answered in `clientResults`.
   */
  clients: z.array(newClientSchema).max(MAX_PUSH_BATCH).optional(),
  invoices: z.array(invoiceDocumentSchema).max(MAX_PUSH_BATCH),
  /** Cash shifts (optional: tills without shifts send none); answered in `shiftResults`. */
  shifts: z.array(shiftDocumentSchema).max(MAX_PUSH_BATCH).optional(),
  /** Credit notes (returns), after the invoices they refer to; answered in `creditNoteResults`. */
  creditNotes: z.array(creditNoteDocumentSchema).max(MAX_PUSH_BATCH).optional(),
  /** Voids of synced invoices; answered in `voidResults`. */
  voids: z.array(invoiceVoidDocumentSchema).max(MAX_PUSH_BATCH).optional(),
  report: deviceReportSchema.optional(),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("accepted"),
    id: z.string(),
    revision: z.number().int(),
    duplicate: z.boolean(),
    invoice: invoiceSummarySchema,
  }),
  z.object({
    outcome: z.literal("rejected"),
    id: z.string(),
    revision: z.number().int(),
    errors: z.array(invoiceRejectionSchema).min(1),
  }),
  z.object({ outcome: z.literal("retry"), id: z.string(), revision: z.number().int(), reason: z.string() }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

/** One answer per pushed shift, in the order sent; like invoices: accepted, rejected or retry. */
export const shiftPushResultSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("accepted"),
    id: z.string(),
    revision: z.number().int(),
    duplicate: z.boolean(),
    /** The shift's current state on the server (its newest revision, maybe newer than this one). */
    shift: shiftSummarySchema,
  }),
  z.object({
    outcome: z.literal("rejected"),
    id: z.string(),
    revision: z.number().int(),
    errors: z.array(shiftRejectionSchema).min(1),
  }),
  z.object({ outcome: z.literal("retry"), id: z.string(), revision: z.number().int(), reason: z.string() }),
]);
export type ShiftPushResult = z.infer<typeof shiftPushResultSchema>;

/** Why the server refused a client pushed by a till: only a malformed one is (`field`: the first bad field). */
export const clientRejectionCodes = ["CLIENT_INVALID"] as const;
export const clientRejectionSchema = z.object({
  code: z.enum(clientRejectionCodes),
  field: z.string().optional(),
  message: z.string(),
  messageEs: z.string(),
});
export type ClientRejection = z.infer<typeof clientRejectionSchema>;

/**
 * One answer per pushed client, in the order sent. Accepted also when the server already had it
 * (`duplicate`); `sameAs` names the client that already holds its id type and number, when another
 * one does (two tills made the same customer): the server keeps that one.
 */
export const clientPushResultSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("accepted"),
    id: z.string(),
    duplicate: z.boolean(),
    sameAs: z.string().optional(),
  }),
  z.object({ outcome: z.literal("rejected"), id: z.string(), errors: z.array(clientRejectionSchema).min(1) }),
  z.object({ outcome: z.literal("retry"), id: z.string(), reason: z.string() }),
]);
export type ClientPushResult = z.infer<typeof clientPushResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  /** Present when the request carried `clients`. */
  clientResults: z.array(clientPushResultSchema).optional(),
  /** Present when the request carried `shifts`. */
  shiftResults: z.array(shiftPushResultSchema).optional(),
  /** Present when the request carried `creditNotes`. */
  creditNoteResults: z.array(creditNotePushResultSchema).optional(),
  /** Present when the request carried `voids`. */
  voidResults: z.array(voidPushResultSchema).optional(),
  serverTime: z.string(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.strictObject({
  cursor: z.coerce.number().int().min(0).default(0),
  /** This device's invoices and shifts have their own version counter (see devices.invoice_version). */
  invoiceCursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(2000),
  counts: z.enum(["0", "1"]).default("0"),
  /**
   * Inventory (issue 14): the stock cursor of the pull's `stock` section and the warehouse it is
   * for. A till that sends no stockCursor (one older than the section) gets no stock section.
   */
  stockCursor: z.coerce.number().int().min(0).optional(),
  stockWarehouseId: z.uuid().optional(),
});

export const pullChangeSchema = z.object({
  entity: z.enum(syncedEntities),
  id: z.string(),
  version: z.number().int(),
  /** Present for upserts: the row as `GET /api/{entity}/:id` presents it. Absent for deletions (tombstones). */
  data: z.record(z.string(), z.unknown()).optional(),
  deleted: z.boolean().optional(),
});
export type PullChange = z.infer<typeof pullChangeSchema>;

export const pullResponseSchema = z.object({
  /** The version to send next time. */
  cursor: z.number().int().min(0),
  /** The device's invoice version to send next time (as `invoiceCursor`). */
  invoiceCursor: z.number().int().min(0),
  hasMore: z.boolean(),
  /** The client's cursor was too old or its schema changed: drop the local copy and reload from 0. */
  reset: z.boolean(),
  changes: z.array(pullChangeSchema),
  /** With counts=1: how many rows of each entity are still to come after the given cursor. */
  remaining: z.partialRecord(z.enum(syncedEntities), z.number().int().min(0)).optional(),
  /** The open shift of the device's terminal (null: none), whoever holds it: "Tomar turno". */
  terminalShift: terminalShiftSchema.nullable().optional(),
  /** Inventory (issue 14): changed stock balances of the device's terminal's warehouse. */
  stock: pullStockSchema.optional(),
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
