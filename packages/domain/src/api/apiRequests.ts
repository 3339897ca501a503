import { z } from "zod";
import { idSchema, isoDateTimeSchema, multilineTextSchema, textSchema } from "../catalog/common";

/** Request bodies the till sends outside sync; the server validates them with these same schemas. */

export const loginRequestSchema = z.strictObject({
  email: z.email({ message: "must be an email address" }).transform((e) => e.toLowerCase()),
  password: z.string().min(1, { message: "is required" }).max(200),
});

export const registerDeviceRequestSchema = z.strictObject({
  terminalId: idSchema,
  name: textSchema(100).optional(),
});
export type RegisterDeviceRequest = z.input<typeof registerDeviceRequestSchema>;

export const leaseRequestSchema = z.strictObject({
  numberingId: idSchema,
  /** Numbers wanted; the server decides the size when absent. */
  size: z.number().int().min(1).max(5000).optional(),
});
export type LeaseRequest = z.input<typeof leaseRequestSchema>;

export const maintenanceWindowInputSchema = z
  .strictObject({
    startsAt: isoDateTimeSchema,
    endsAt: isoDateTimeSchema,
    message: multilineTextSchema(500).default(""),
  })
  .refine((w) => new Date(w.endsAt) > new Date(w.startsAt), {
    message: "endsAt must be after startsAt",
    path: ["endsAt"],
  })
  .refine((w) => new Date(w.endsAt).getTime() - new Date(w.startsAt).getTime() <= 48 * 3_600_000, {
    message: "a window lasts at most 48 hours",
    path: ["endsAt"],
  })
  .refine((w) => new Date(w.endsAt).getTime() > Date.now(), {
    message: "the window is already over",
    path: ["endsAt"],
  });
export type NewMaintenanceWindow = z.input<typeof maintenanceWindowInputSchema>;
