import { z } from "zod";
import { clientFieldsSchema, paymentMethodKindSchema, taxKindSchema } from "../catalog/catalogSchemas";
import {
  centavosSchema,
  idSchema,
  isoDateTimeSchema,
  MAX_MONEY,
  moneySchema,
  multilineTextSchema,
  nameSchema,
  percentSchema,
  quantitySchema,
  textSchema,
} from "../catalog/common";
import { invoiceRejectionCodes } from "../errors/errorCodes";
import { UUID_V7_PATTERN } from "../ids/uuidv7";
import { localInvoiceStatuses, serverInvoiceStatuses } from "./invoiceStatus";

export const invoiceIdSchema = z.string().regex(UUID_V7_PATTERN, { message: "invoice id must be a UUIDv7" });

/** A line keeps what the product was sold at: later catalog changes never alter it. */
export const invoiceLineSchema = z.strictObject({
  productId: idSchema,
  description: nameSchema,
  quantity: quantitySchema,
  unitPrice: moneySchema,
  priceIncludesTax: z.boolean(),
  discountPercent: percentSchema.default(0),
  /** A fixed discount on the whole line, stated like the price (optional: tills before it send none). */
  discountAmount: moneySchema.optional(),
  /** The line's share of the ticket discount, spread by the domain code (ticketDiscount.ts). */
  ticketDiscountShare: moneySchema.optional(),
  taxId: idSchema,
  taxName: textSchema(100),
  taxKind: taxKindSchema,
  taxRateBp: z.number().int().min(0).max(10_000),
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export const invoicePaymentSchema = z.strictObject({
  paymentMethodId: idSchema,
  kind: paymentMethodKindSchema,
  /** Amount tendered in this method; cash may exceed what is owed (change). */
  amount: moneySchema.refine((v) => v > 0, { message: "payment amount must be greater than 0" }),
});
export type InvoicePayment = z.infer<typeof invoicePaymentSchema>;

export const taxBreakdownSchema = z.strictObject({
  taxId: idSchema,
  name: textSchema(100),
  kind: taxKindSchema,
  rateBp: z.number().int().min(0).max(10_000),
  base: centavosSchema,
  amount: centavosSchema,
});

export const invoiceTotalsSchema = z.strictObject({
  subtotal: centavosSchema,
  discount: centavosSchema,
  tax: centavosSchema,
  total: centavosSchema,
  paid: centavosSchema,
  change: centavosSchema,
  taxes: z.array(taxBreakdownSchema).max(50),
});
export type InvoiceTotalsSnapshot = z.infer<typeof invoiceTotalsSchema>;

/**
 * A client created at the till (also offline): it travels with its first invoice. The till's form
 * checks it with clientInputSchema (a NIT's check digit too), but an upload is parsed without the
 * cross-field rules: a sale made by an older till is never refused over its client's check digit.
 */
export const newClientSchema = clientFieldsSchema.extend({ id: idSchema });
export type NewClient = z.infer<typeof newClientSchema>;

/**
 * A discount on the whole ticket: the amount off what the customer pays (tax included), and the
 * percentage when the cashier typed one. The lines carry its spread (ticketDiscountShare).
 */
export const ticketDiscountSchema = z.strictObject({
  amount: moneySchema,
  percent: percentSchema.optional(),
});

/** The invoice as the device stores and uploads it; one schema for till and server. */
export const invoiceDocumentSchema = z.strictObject({
  id: invoiceIdSchema,
  revision: z.number().int().min(1).max(1000),
  terminalId: idSchema,
  deviceId: idSchema,
  cashierId: idSchema,
  numberingId: idSchema,
  prefix: textSchema(10),
  /** null only for electronic numberings: the server assigns the number when it accepts the invoice. */
  number: z.number().int().min(1).max(999_999_999).nullable(),
  issuedAt: isoDateTimeSchema,
  clientId: idSchema,
  newClient: newClientSchema.optional(),
  lines: z
    .array(invoiceLineSchema)
    .min(1, { message: "an invoice needs at least one line" })
    .max(500)
    // Price × quantity per line and for the whole invoice stay within MAX_MONEY (float is exact
    // enough here: both factors are bounded), so no total can overflow on till or server.
    .superRefine((lines, ctx) => {
      let sum = 0;
      lines.forEach((line, i) => {
        const gross = line.unitPrice * line.quantity;
        sum += gross;
        if (gross > MAX_MONEY)
          ctx.addIssue({ code: "custom", path: [i, "quantity"], message: "price × quantity is too large" });
      });
      if (sum > MAX_MONEY) ctx.addIssue({ code: "custom", message: "the invoice total is too large" });
    }),
  payments: z.array(invoicePaymentSchema).min(1, { message: "choose a payment method" }).max(10),
  notes: multilineTextSchema(1000).default(""),
  /** Optional (sync schema 2): documents of older tills have none. */
  ticketDiscount: ticketDiscountSchema.optional(),
  totals: invoiceTotalsSchema,
  /** The cash shift the sale was made in; absent on tills without shifts (and older tills). */
  shiftId: idSchema.nullable().optional(),
});
export type InvoiceDocument = z.infer<typeof invoiceDocumentSchema>;
export type InvoiceDocumentInput = z.input<typeof invoiceDocumentSchema>;

/** Server-side states. On the device: pending (not yet accepted), synced, error, voided. */
export const serverInvoiceStatusSchema = z.enum(serverInvoiceStatuses);
export const localInvoiceStatusSchema = z.enum(localInvoiceStatuses);
// The statuses and their mapping live in a module without zod (the till's storage reads them at once).
export {
  isServerInvoiceStatus,
  type LocalInvoiceStatus,
  localInvoiceStatuses,
  localInvoiceStatusOf,
  type ServerInvoiceStatus,
  serverInvoiceStatuses,
} from "./invoiceStatus";

export const invoiceRejectionSchema = z.object({
  code: z.enum(invoiceRejectionCodes),
  field: z.string().optional(),
  message: z.string(),
  messageEs: z.string(),
});

/** What came back of an invoice through credit notes: "Devuelta parcialmente" / "Devuelta". */
export const invoiceReturnStatusSchema = z.enum(["none", "partially_returned", "returned"]);
export type InvoiceReturnStatus = z.infer<typeof invoiceReturnStatusSchema>;

export const invoiceSummarySchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  /** null while an electronic invoice has not been numbered (it was rejected before). */
  number: z.number().int().nullable(),
  prefix: z.string(),
  numberingId: z.string(),
  status: serverInvoiceStatusSchema,
  terminalId: z.string(),
  deviceId: z.string(),
  cashierId: z.string(),
  clientId: z.string(),
  total: centavosSchema,
  issuedAt: z.string(),
  receivedAt: z.string(),
  errors: z.array(invoiceRejectionSchema),
  version: z.number().int(),
  /** Returns (credit notes) so far; defaults for answers of servers before issue 13. */
  returnStatus: invoiceReturnStatusSchema.default("none"),
  /** Quantity returned per invoice line (by position), summed over every till's credit notes. */
  returnedQuantities: z.array(z.number()).max(500).default([]),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

export const voidInvoiceSchema = z.strictObject({ reason: nameSchema });
