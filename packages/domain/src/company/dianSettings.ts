import { z } from "zod";
import { isValidNit } from "../catalog/nit";
import { type DianEnvironment, dianEnvironments } from "../dian/dianEnvironment";

/** The DIAN's web service (WcfDianCustomerServices) per environment: the default when no URL is set. */
export const DIAN_SERVICE_URLS: Record<DianEnvironment, string> = {
  "1": "https://vpfe.dian.gov.co/WcfDianCustomerServices.svc",
  "2": "https://vpfe-hab.dian.gov.co/WcfDianCustomerServices.svc",
};

// The DIAN's portal gives the software id and the test-set id as GUIDs.
const guidSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: "must be the GUID the DIAN's portal shows (8-4-4-4-12 hexadecimal digits)",
  });

/**
 * The company's DIAN settings for the electronic POS document ("Facturación electrónica POS"),
 * each with the rule the server enforces. The PIN is write-only: no answer ever carries it.
 */
export const dianSettingsFields = {
  /** "Identificador del software" from the DIAN's software registration. */
  softwareId: guidSchema,
  /** The PIN chosen when registering the software: it enters the CUDE and the software security code. */
  softwarePin: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{4,20}$/, { message: "must be the software's PIN: 4 to 20 letters or digits" }),
  /** "TestSetId" of habilitación (SendTestSetAsync). */
  testSetId: guidSchema.nullable(),
  /** cbc:ProfileExecutionID: "2" test (habilitación), "1" production. */
  environment: z.enum(dianEnvironments, { message: "must be 1 (production) or 2 (test)" }),
  /** The web service's URL; null: the DIAN's own for the environment (DIAN_SERVICE_URLS). */
  serviceUrl: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).nullable(),
  /** The software provider's NIT (sts:SoftwareProvider); null: the company's own (own software). */
  softwareProviderNit: z
    .string()
    .trim()
    .refine((nit) => /^\d{6,15}-\d$/.test(nit) && isValidNit(nit), {
      message: "must be the NIT digits, a dash and the right check digit",
    })
    .nullable(),
};
export type DianSettingsField = keyof typeof dianSettingsFields;

/** PATCH /api/company `dian`: only the fields sent change. */
export const dianSettingsPatchSchema = z.strictObject({
  softwareId: dianSettingsFields.softwareId.optional(),
  softwarePin: dianSettingsFields.softwarePin.optional(),
  testSetId: dianSettingsFields.testSetId.optional(),
  environment: dianSettingsFields.environment.optional(),
  serviceUrl: dianSettingsFields.serviceUrl.optional(),
  softwareProviderNit: dianSettingsFields.softwareProviderNit.optional(),
});
export type DianSettingsPatch = z.infer<typeof dianSettingsPatchSchema>;

/** The DIAN settings as answered: whether a PIN is set, never the PIN. */
export const dianSettingsSchema = z.object({
  softwareId: z.string().nullable(),
  softwarePinSet: z.boolean(),
  testSetId: z.string().nullable(),
  environment: z.enum(dianEnvironments),
  serviceUrl: z.string().nullable(),
  softwareProviderNit: z.string().nullable(),
});
export type DianSettings = z.infer<typeof dianSettingsSchema>;
