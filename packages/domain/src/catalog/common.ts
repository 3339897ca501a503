import { z } from "zod";

export const idSchema = z.uuid({ message: "must be a UUID" });
export const moneySchema = z
  .number()
  .int({ message: "money must be an integer number of minor units (centavos)" })
  .min(0)
  .max(10_000_000_000_000)
  .describe("Amount in minor units (centavos): 1250000 = $ 12.500");
/** A computed amount (totals, taxes) in centavos; integer, may be signed in breakdowns. */
export const centavosSchema = z.number().int().describe("Amount in minor units (centavos): 1250000 = $ 12.500");
export const nameSchema = z.string().trim().min(1, { message: "is required" }).max(200);
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" });
export const isoDateSchema = z.iso.date({ message: "must be a date YYYY-MM-DD" });
export const percentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(Math.round(v * 100) - v * 100) < 1e-6, {
    message: "at most two decimals",
  });
export const quantitySchema = z
  .number()
  .positive({ message: "quantity must be greater than 0" })
  .max(1_000_000)
  .refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, { message: "at most three decimals" });

/** Every synced row carries the company's change version at its last write. */
export const versionedFields = {
  id: idSchema,
  version: z.number().int().nonnegative(),
};

/**
 * A PATCH body: every field optional and without its default, so a field not sent is never
 * overwritten by a default (`.partial()` keeps defaults and would fill them in).
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  );
  return z.strictObject(shape) as unknown as z.ZodType<Partial<z.output<z.ZodObject<S>>>>;
}
