import { z } from "zod";

export const idSchema = z.uuid({ message: "must be a UUID" });

/**
 * The largest amount anywhere (a price, a line, an invoice): 10^13 centavos, 100,000 million pesos.
 * Bounding it here, in the one schema till and server share, keeps every sum far inside PostgreSQL's
 * bigint, so an absurd number is a validation error and never a database error.
 */
export const MAX_MONEY = 10_000_000_000_000;
export const moneySchema = z
  .number()
  .int({ message: "money must be an integer number of minor units (centavos)" })
  .min(0)
  .max(MAX_MONEY)
  .describe("Amount in minor units (centavos): 1250000 = $ 12.500");
/**
 * A computed or stated amount (totals, taxes, breakdowns) in centavos; integer, may be signed.
 * Bounded far above any real invoice (lines are bounded by MAX_MONEY, taxes add at most 100 %,
 * payments are at most 10 × MAX_MONEY) and far below what PostgreSQL's bigint holds.
 */
export const centavosSchema = z
  .number()
  .int({ message: "must be an integer number of centavos" })
  .min(-100 * MAX_MONEY)
  .max(100 * MAX_MONEY)
  .describe("Amount in minor units (centavos): 1250000 = $ 12.500");

// C0 controls (NUL included: PostgreSQL refuses it in text and jsonb), DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL_CHARS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Half of a UTF-16 surrogate pair alone: not a character, and PostgreSQL refuses it in jsonb. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text is refused (never silently altered) when it holds control characters or broken
 * characters: the sender gets a field error and can fix it, and what is stored is what was sent.
 */
export const textSchema = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, { message: "is required" })
    .max(max)
    .refine((s) => !CONTROL_CHARS.test(s), { message: "must not contain control characters" })
    .refine((s) => !LONE_SURROGATE.test(s), { message: "contains an invalid character" });
/** Like textSchema, but line breaks and tabs are allowed (notes, addresses). */
export const multilineTextSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !CONTROL_CHARS_BUT_LINE_BREAKS.test(s), { message: "must not contain control characters" })
    .refine((s) => !LONE_SURROGATE.test(s), { message: "contains an invalid character" });
export const nameSchema = textSchema(200, 1);
// Dates outside these years are typing or clock mistakes, and some (year 0) PostgreSQL cannot store.
const EARLIEST = Date.parse("2000-01-01T00:00:00Z");
const LATEST = Date.parse("2200-01-01T00:00:00Z");
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, message: "must be an ISO 8601 date-time" })
  .refine((s) => {
    const t = Date.parse(s);
    return t >= EARLIEST && t < LATEST;
  }, "must be between the years 2000 and 2199");
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
  .refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, { message: "at most three decimals" })
  // 0.0000001 passes "three decimals" within the tolerance but is 0 thousandths: nothing sold.
  .refine((v) => Math.round(v * 1000) >= 1, { message: "quantity must be at least 0.001" });

/** Every synced row carries the company's change version at its last write. */
export const versionedFields = {
  id: idSchema,
  version: z.number().int().nonnegative(),
};

/**
 * Optimistic concurrency: the `version` the editor loaded. When the row has moved on since, the
 * server answers 409 CONFLICT with the current row and writes nothing; without it the patch applies.
 */
export const expectedVersionSchema = z.number().int().nonnegative().optional();

/**
 * A PATCH body (it may carry `expectedVersion`): every field optional and without its default, so a field not sent is never
 * overwritten by a default (`.partial()` keeps defaults and would fill them in).
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  );
  return z.strictObject({ ...shape, expectedVersion: expectedVersionSchema }) as unknown as z.ZodType<
    Partial<z.output<z.ZodObject<S>>> & { expectedVersion?: number }
  >;
}
