import { z } from "zod";
import { paymentMethodKindSchema } from "../catalog/catalogSchemas";
import { centavosSchema, idSchema, isoDateTimeSchema, moneySchema, nameSchema, textSchema } from "../catalog/common";
import { UUID_V7_PATTERN } from "../ids/uuidv7";
import {
  invoiceIdSchema,
  invoiceLineSchema,
  invoiceSummarySchema,
  taxBreakdownSchema,
} from "../invoice/invoiceSchemas";
import { QUANTITY_SCALE } from "../money/quantity";
import { returnRejectionCodes } from "./returnRejections";

const returnedQuantitySchema = z
  .number()
  .min(0)
  .max(1_000_000)
  .refine((v) => Math.abs(Math.round(v * QUANTITY_SCALE) - v * QUANTITY_SCALE) < 1e-6, {
    message: "at most three decimals",
  });

/**
 * A returned line: the invoice line it comes from (by position) with that line's product, price,
 * discount and tax copied as sold, so totals recompute with the invoices' code; the quantity
 * returned now and what earlier credit notes had returned of it (see computeCreditNoteTotals).
 */
export const creditNoteLineSchema = invoiceLineSchema.extend({
  invoiceLineIndex: z.number().int().min(0).max(499),
  returnedBefore: returnedQuantitySchema.default(0),
  /** The invoice line's quantity: required when the line has a fixed or spread discount (prorated). */
  soldQuantity: returnedQuantitySchema.optional(),
});
export type CreditNoteLine = z.infer<typeof creditNoteLineSchema>;

/** Money given back, per method: cash from the open shift, or the invoice's original method. */
export const refundSchema = z.strictObject({
  paymentMethodId: idSchema,
  kind: paymentMethodKindSchema,
  amount: moneySchema.refine((v) => v > 0, { message: "refund amount must be greater than 0" }),
});
export type Refund = z.infer<typeof refundSchema>;

export const creditNoteTotalsSchema = z.strictObject({
  subtotal: centavosSchema,
  discount: centavosSchema,
  tax: centavosSchema,
  total: centavosSchema,
  taxes: z.array(taxBreakdownSchema).max(50),
});

/**
 * A credit note ("nota crédito") as the till stores and uploads it: its own numbering (leased in
 * blocks per device like invoice numbers), referencing the invoice it returns goods of. Idempotent
 * by id and revision like an invoice; a rejected one is edited and sent again as a new revision.
 */
export const creditNoteDocumentSchema = z
  .strictObject({
    id: z.string().regex(UUID_V7_PATTERN, { message: "credit note id must be a UUIDv7" }),
    revision: z.number().int().min(1).max(1000),
    terminalId: idSchema,
    deviceId: idSchema,
    cashierId: idSchema,
    /** The cash shift the refund was paid from; absent on tills without shifts. */
    shiftId: idSchema.nullable().optional(),
    numberingId: idSchema,
    prefix: textSchema(10),
    number: z.number().int().min(1).max(999_999_999),
    invoiceId: invoiceIdSchema,
    /** As printed on the invoice: the server checks them against the invoice it finds by id. */
    invoicePrefix: textSchema(10),
    invoiceNumber: z.number().int().min(1).max(999_999_999),
    issuedAt: isoDateTimeSchema,
    lines: z.array(creditNoteLineSchema).min(1, { message: "return at least one line" }).max(500),
    refunds: z.array(refundSchema).min(1, { message: "choose how the money is given back" }).max(10),
    reason: nameSchema,
    totals: creditNoteTotalsSchema,
  })
  .superRefine((doc, ctx) => {
    // One entry per invoice line: two would both claim the same "returned before".
    const seen = new Set<number>();
    doc.lines.forEach((line, i) => {
      const amountOff = (line.discountAmount ?? 0) > 0 || (line.ticketDiscountShare ?? 0) > 0;
      if (amountOff && !line.soldQuantity)
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "soldQuantity"],
          message: "a line with a discount amount needs the quantity sold (its discount is prorated)",
        });
      if (seen.has(line.invoiceLineIndex))
        ctx.addIssue({
          code: "custom",
          path: ["lines", i, "invoiceLineIndex"],
          message: "an invoice line appears twice",
        });
      seen.add(line.invoiceLineIndex);
    });
  });
export type CreditNoteDocument = z.infer<typeof creditNoteDocumentSchema>;
export type CreditNoteDocumentInput = z.input<typeof creditNoteDocumentSchema>;

/**
 * The void ("anulación") of a synced invoice, made on a till (also offline) and pushed like a
 * document. Its id makes it idempotent; an invoice is voided once, whatever void arrives first.
 */
export const invoiceVoidDocumentSchema = z.strictObject({
  id: z.string().regex(UUID_V7_PATTERN, { message: "void id must be a UUIDv7" }),
  invoiceId: invoiceIdSchema,
  deviceId: idSchema,
  /** The admin, or the cashier of the open shift in which the invoice was made. */
  voidedBy: idSchema,
  voidedAt: isoDateTimeSchema,
  reason: nameSchema,
});
export type InvoiceVoidDocument = z.infer<typeof invoiceVoidDocumentSchema>;

export const returnRejectionSchema = z.object({
  code: z.enum(returnRejectionCodes),
  field: z.string().optional(),
  message: z.string(),
  messageEs: z.string(),
});

/** A credit note as the server stores it (push answers, the pull, the invoice detail). */
export const creditNoteSummarySchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  numberingId: z.string(),
  prefix: z.string(),
  number: z.number().int(),
  invoiceId: z.string(),
  terminalId: z.string(),
  deviceId: z.string(),
  cashierId: z.string(),
  shiftId: z.string().nullable(),
  issuedAt: z.string(),
  receivedAt: z.string(),
  reason: z.string(),
  subtotal: centavosSchema,
  discount: centavosSchema,
  tax: centavosSchema,
  total: centavosSchema,
  lines: z.array(z.object({ invoiceLineIndex: z.number().int(), quantity: z.number() })),
  refunds: z.array(z.object({ paymentMethodId: z.string(), kind: paymentMethodKindSchema, amount: centavosSchema })),
  version: z.number().int(),
});
export type CreditNoteSummary = z.infer<typeof creditNoteSummarySchema>;

/** One answer per pushed credit note, in the order sent. */
export const creditNotePushResultSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("accepted"),
    id: z.string(),
    revision: z.number().int(),
    duplicate: z.boolean(),
    creditNote: creditNoteSummarySchema,
    /** The invoice as it stands now (returned quantities and status). */
    invoice: invoiceSummarySchema,
  }),
  z.object({
    outcome: z.literal("rejected"),
    id: z.string(),
    revision: z.number().int(),
    errors: z.array(returnRejectionSchema).min(1),
  }),
  z.object({ outcome: z.literal("retry"), id: z.string(), revision: z.number().int(), reason: z.string() }),
]);
export type CreditNotePushResult = z.infer<typeof creditNotePushResultSchema>;

/** One answer per pushed void; accepted also when the invoice was already voided by another void. */
export const voidPushResultSchema = z.discriminatedUnion("outcome", [
  z.object({
    outcome: z.literal("accepted"),
    id: z.string(),
    duplicate: z.boolean(),
    invoice: invoiceSummarySchema,
  }),
  z.object({ outcome: z.literal("rejected"), id: z.string(), errors: z.array(returnRejectionSchema).min(1) }),
  z.object({ outcome: z.literal("retry"), id: z.string(), reason: z.string() }),
]);
export type VoidPushResult = z.infer<typeof voidPushResultSchema>;
