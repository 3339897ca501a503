import { z } from "zod";
import { paymentMethodKindSchema } from "../catalog/catalogSchemas";
import { shiftDocumentSchema } from "./shiftSchemas";

/**
 * What the invoices of a shift sold on other devices of the terminal (the server's figures): the
 * device that takes a shift over adds them to its own invoices of the shift, so nothing is
 * counted twice (the server leaves the asking device's own invoices out).
 */
export const soldElsewhereSchema = z.object({
  salesCount: z.number().int().min(0),
  salesTotal: z.number().int(),
  subtotal: z.number().int(),
  discount: z.number().int(),
  tax: z.number().int(),
  changeGiven: z.number().int(),
  byPaymentMethod: z.array(
    z.object({ paymentMethodId: z.string(), kind: paymentMethodKindSchema, amount: z.number().int() }),
  ),
  taxes: z.array(
    z.object({ kind: z.string(), rateBp: z.number().int(), base: z.number().int(), amount: z.number().int() }),
  ),
  voidedCount: z.number().int().min(0),
  voidedTotal: z.number().int(),
  firstInvoice: z.object({ prefix: z.string(), number: z.number().int() }).nullable(),
  lastInvoice: z.object({ prefix: z.string(), number: z.number().int() }).nullable(),
});
export type SoldElsewhere = z.infer<typeof soldElsewhereSchema>;

/**
 * The open shift of the device's terminal, as the pull brings it: its current document (base,
 * movements, handovers), who holds it, and what was sold in it on other devices.
 */
export const terminalShiftSchema = z.object({
  document: shiftDocumentSchema,
  openedByName: z.string(),
  /** The cashier holding the shift now: the opener or the last who took it over. */
  heldBy: z.string(),
  heldByName: z.string(),
  /** Since when the current holder has it (openedAt, or the last handover's time). */
  heldSince: z.string(),
  soldElsewhere: soldElsewhereSchema,
});
export type TerminalShift = z.infer<typeof terminalShiftSchema>;
