import { z } from "zod";
import { amountByKindSchema, shiftDocumentSchema } from "./shiftSchemas";

/**
 * What the invoices of a shift sold on other devices of the terminal (the server's figures): the
 * device that takes a shift over adds them to its own invoices of the shift, so nothing is
 * counted twice (the server leaves the asking device's own invoices out).
 */
export const soldElsewhereSchema = z.object({
  salesCount: z.number().int().min(0),
  salesTotal: z.number().int(),
  cashReceived: z.number().int(),
  changeGiven: z.number().int(),
  /** Payments with kinds other than cash ("cash" is cashReceived − changeGiven). */
  otherKinds: amountByKindSchema,
});
export type SoldElsewhere = z.infer<typeof soldElsewhereSchema>;

export const noSalesElsewhere: SoldElsewhere = {
  salesCount: 0,
  salesTotal: 0,
  cashReceived: 0,
  changeGiven: 0,
  otherKinds: [],
};

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
