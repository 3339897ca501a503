import { z } from "zod";
import { paymentMethodKindSchema } from "../catalog/catalogSchemas";
import {
  centavosSchema,
  idSchema,
  isoDateTimeSchema,
  moneySchema,
  multilineTextSchema,
  textSchema,
} from "../catalog/common";
import { shiftRejectionCodes } from "../errors/errorCodes";
import { UUID_V7_PATTERN } from "../ids/uuidv7";
import { COP_BILLS, COP_COINS, COP_DENOMINATIONS } from "./copDenominations";

export const shiftIdSchema = z.string().regex(UUID_V7_PATTERN, { message: "shift id must be a UUIDv7" });

/** "Ingreso" (in) or "Retiro" (out) of cash during a shift. */
export const cashMovementKindSchema = z.enum(["in", "out"]);
export type CashMovementKind = z.infer<typeof cashMovementKindSchema>;

export const cashMovementSchema = z.strictObject({
  id: z.string().regex(UUID_V7_PATTERN, { message: "movement id must be a UUIDv7" }),
  kind: cashMovementKindSchema,
  amount: moneySchema.refine((v) => v > 0, { message: "amount must be greater than 0" }),
  reason: textSchema(200, 1),
  at: isoDateTimeSchema,
  by: idSchema,
});
export type CashMovement = z.infer<typeof cashMovementSchema>;

/**
 * "Tomar turno": another device of the terminal (after the cashier signed out) takes the open
 * shift over. The shift's deviceId becomes `deviceId`; the server checks the chain of handovers.
 */
export const shiftHandoverSchema = z.strictObject({
  at: isoDateTimeSchema,
  /** The cashier who took the shift over. */
  by: idSchema,
  /** The device that holds the shift from now on. */
  deviceId: idSchema,
  fromDeviceId: idSchema,
  /** Who held the shift before (the opener or the previous taker). */
  fromUserId: idSchema,
});
export type ShiftHandover = z.infer<typeof shiftHandoverSchema>;

// The denominations live in a module without zod (the till counts with them before the schemas load).
export { COP_BILLS, COP_COINS, COP_DENOMINATIONS } from "./copDenominations";

export const cashDenominationSchema = z
  .strictObject({
    value: z
      .number()
      .int()
      .refine((v) => (COP_DENOMINATIONS as readonly number[]).includes(v), { message: "not a COP bill or coin" }),
    /** Bill or coin (the $ 1.000 exists as both); absent in closings written before it was recorded. */
    form: z.enum(["bill", "coin"]).optional(),
    count: z.number().int().min(0).max(1_000_000),
  })
  .refine(
    (d) => d.form === undefined || ((d.form === "bill" ? COP_BILLS : COP_COINS) as readonly number[]).includes(d.value),
    { message: "no COP bill or coin of that value", path: ["form"] },
  );
export type CashDenomination = z.infer<typeof cashDenominationSchema>;

/**
 * An amount per payment method kind (efectivo, tarjeta débito/crédito, transferencia, otro): the
 * drawer is counted per kind, and the base and the cash movements belong to "cash".
 */
export const amountByKindSchema = z
  .array(z.strictObject({ kind: paymentMethodKindSchema, amount: centavosSchema }))
  .max(5)
  .refine((a) => new Set(a.map((x) => x.kind)).size === a.length, { message: "one amount per kind" });
export type AmountByKind = z.infer<typeof amountByKindSchema>;

export const shiftClosingSchema = z.strictObject({
  closedAt: isoDateTimeSchema,
  closedBy: idSchema,
  counted: amountByKindSchema,
  /** Optional: the cash counted bill by bill; its sum is the counted cash. */
  cashDenominations: z
    .array(cashDenominationSchema)
    .max(COP_BILLS.length + COP_COINS.length)
    .refine((list) => new Set(list.map((d) => `${d.form ?? ""}${d.value}`)).size === list.length, {
      message: "a bill or coin appears twice",
    })
    .optional(),
  /** What the till expected when it closed (it may not have had every invoice's answer yet). */
  expected: amountByKindSchema,
});
export type ShiftClosing = z.infer<typeof shiftClosingSchema>;

/**
 * A cash shift ("turno") as the till stores and uploads it: one document with revisions (opened,
 * each movement, closed), idempotent by id and revision like an invoice.
 */
export const shiftDocumentSchema = z
  .strictObject({
    id: shiftIdSchema,
    revision: z.number().int().min(1).max(1000),
    terminalId: idSchema,
    deviceId: idSchema,
    openedBy: idSchema,
    openedAt: isoDateTimeSchema,
    /** "Base inicial": cash in the drawer when the shift opens. */
    openingFloat: moneySchema,
    note: multilineTextSchema(500).default(""),
    status: z.enum(["open", "closed"]),
    movements: z.array(cashMovementSchema).max(500).default([]),
    closing: shiftClosingSchema.nullable().default(null),
    /** Absent until the shift is first taken over (so older revisions keep their stored content). */
    handovers: z.array(shiftHandoverSchema).max(50).optional(),
  })
  .superRefine((doc, ctx) => {
    if ((doc.status === "closed") !== (doc.closing !== null))
      ctx.addIssue({ code: "custom", path: ["closing"], message: "a closed shift has a closing, an open one none" });
    const ids = new Set(doc.movements.map((m) => m.id));
    if (ids.size !== doc.movements.length)
      ctx.addIssue({ code: "custom", path: ["movements"], message: "a movement id appears twice" });
    const lastHandover = doc.handovers?.[doc.handovers.length - 1];
    if (lastHandover && lastHandover.deviceId !== doc.deviceId)
      ctx.addIssue({ code: "custom", path: ["handovers"], message: "the last handover must be to the shift's device" });
    const denominations = doc.closing?.cashDenominations;
    if (denominations) {
      const sum = denominations.reduce((s, d) => s + d.value * d.count, 0);
      const cash = doc.closing?.counted.find((c) => c.kind === "cash")?.amount ?? 0;
      if (sum !== cash)
        ctx.addIssue({
          code: "custom",
          path: ["closing", "cashDenominations"],
          message: "the bills and coins do not add up to the counted cash",
        });
    }
  });
export type ShiftDocument = z.infer<typeof shiftDocumentSchema>;
export type ShiftDocumentInput = z.input<typeof shiftDocumentSchema>;

export const shiftRejectionSchema = z.object({
  code: z.enum(shiftRejectionCodes),
  field: z.string().optional(),
  message: z.string(),
  messageEs: z.string(),
});

/** A shift as the server stores it (push answers, the pull, the admin list). */
export const shiftSummarySchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  status: z.enum(["open", "closed"]),
  terminalId: z.string(),
  deviceId: z.string(),
  openedBy: z.string(),
  openedAt: z.string(),
  openingFloat: centavosSchema,
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  /** The till's expected and counted cash at closing; null while open. */
  tillExpectedCash: centavosSchema.nullable(),
  countedCash: centavosSchema.nullable(),
  receivedAt: z.string(),
  version: z.number().int(),
});
export type ShiftSummary = z.infer<typeof shiftSummarySchema>;
