import { z } from "zod";
import { idSchema, multilineTextSchema, nameSchema, textSchema } from "../catalog/common";
import { isValidNit } from "../catalog/nit";
import { dianSettingsPatchSchema, dianSettingsSchema } from "./dianSettings";
import { taxRegimeSchema } from "./taxRegime";

export const MAX_OFFLINE_AGE_DAYS = { min: 1, max: 60 } as const;
export const DEVICE_SILENT_MINUTES = { min: 5, max: 1440 } as const;

/** A company NIT written `<digits>-<check digit>` (6 to 15 digits) with DIAN's check digit (`isValidNit`). */
export function isWellFormedCompanyNit(text: string): boolean {
  return /^\d{6,15}-\d$/.test(text) && isValidNit(text);
}

/** An IANA zone name the runtime knows ("America/Bogota", "UTC"); offsets like "+05:00" are not zones. */
export function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 4217 code (three capital letters) that Intl can format, when the runtime lists them. */
export function isIsoCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported("currency").includes(code) : true;
}

/** The editable fields, each with the rule the server enforces and the form checks before sending. */
export const companySettingsFields = {
  name: nameSchema,
  nit: textSchema(20, 1).refine(isWellFormedCompanyNit, {
    message: "must be the NIT digits, a dash and the right check digit (900123456-8)",
  }),
  address: textSchema(200),
  phone: textSchema(40).refine((s) => /^[0-9+()\-. ]*$/.test(s), {
    message: "may contain only digits, spaces and + ( ) - .",
  }),
  taxRegime: taxRegimeSchema,
  receiptHeader: multilineTextSchema(500),
  receiptFooter: multilineTextSchema(500),
  timeZone: z.string().refine(isIanaTimeZone, { message: "must be an IANA time zone such as America/Bogota" }),
  currency: z.string().refine(isIsoCurrency, { message: "must be an ISO 4217 currency code such as COP" }),
  maxOfflineAgeDays: z
    .number()
    .int({ message: "must be a whole number of days" })
    .min(MAX_OFFLINE_AGE_DAYS.min)
    .max(MAX_OFFLINE_AGE_DAYS.max),
  deviceSilentMinutes: z
    .number()
    .int({ message: "must be a whole number of minutes" })
    .min(DEVICE_SILENT_MINUTES.min)
    .max(DEVICE_SILENT_MINUTES.max),
  /** Inventory (issue 14): a warning at the till before adding an item at zero stock (never a server refusal). */
  blockSaleAtZeroStock: z.boolean(),
};
export type CompanySettingsField = keyof typeof companySettingsFields;

/**
 * PATCH /api/company: only the fields sent change. With `expectedVersion` (the version the form
 * loaded) a company changed meanwhile answers 409 CONFLICT with the current settings.
 */
export const companySettingsPatchSchema = z.strictObject({
  name: companySettingsFields.name.optional(),
  nit: companySettingsFields.nit.optional(),
  address: companySettingsFields.address.optional(),
  phone: companySettingsFields.phone.optional(),
  taxRegime: companySettingsFields.taxRegime.optional(),
  receiptHeader: companySettingsFields.receiptHeader.optional(),
  receiptFooter: companySettingsFields.receiptFooter.optional(),
  timeZone: companySettingsFields.timeZone.optional(),
  currency: companySettingsFields.currency.optional(),
  maxOfflineAgeDays: companySettingsFields.maxOfflineAgeDays.optional(),
  deviceSilentMinutes: companySettingsFields.deviceSilentMinutes.optional(),
  /** The DIAN settings of the electronic POS document (its own nested object; only the fields sent change). */
  dian: dianSettingsPatchSchema.optional(),
  blockSaleAtZeroStock: companySettingsFields.blockSaleAtZeroStock.optional(),
  expectedVersion: z.number().int().min(0).optional(),
});
export type CompanySettingsPatch = z.infer<typeof companySettingsPatchSchema>;

/** GET/PATCH /api/company: the settings as stored, with the row's change version. */
export const companySettingsSchema = z.object({
  id: idSchema,
  name: z.string(),
  nit: z.string(),
  address: z.string(),
  phone: z.string(),
  taxRegime: taxRegimeSchema,
  receiptHeader: z.string(),
  receiptFooter: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  maxOfflineAgeDays: z.number().int(),
  deviceSilentMinutes: z.number().int(),
  dian: dianSettingsSchema,
  blockSaleAtZeroStock: z.boolean().default(false),
  version: z.number().int(),
});
export type CompanySettings = z.infer<typeof companySettingsSchema>;
