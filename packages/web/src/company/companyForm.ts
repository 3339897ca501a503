import {
  type CompanySettings,
  type CompanySettingsField,
  type CompanySettingsPatch,
  companySettingsFields,
} from "@mostrador/domain";

/** The form's fields, in screen order; every value is kept as typed (text), so nothing typed is lost. */
export const companyFormFields = [
  "name",
  "nit",
  "address",
  "phone",
  "taxRegime",
  "receiptHeader",
  "receiptFooter",
  "timeZone",
  "currency",
  "maxOfflineAgeDays",
  "deviceSilentMinutes",
  "blockSaleAtZeroStock",
] as const satisfies readonly CompanySettingsField[];

export type CompanyFormValues = Record<CompanySettingsField, string>;
/** Fields with an error (the field's own explanation is shown next to it). */
export type CompanyFieldErrors = Partial<Record<CompanySettingsField, true>>;

const numericFields = new Set<CompanySettingsField>(["maxOfflineAgeDays", "deviceSilentMinutes"]);

export function formValuesOf(settings: CompanySettings): CompanyFormValues {
  return Object.fromEntries(companyFormFields.map((f) => [f, String(settings[f])])) as CompanyFormValues;
}

/** A typed number stays text until saved: "1,5" or "" is sent as is to fail the shared rule, never guessed. */
function typedValue(field: CompanySettingsField, text: string): unknown {
  if (field === "blockSaleAtZeroStock") return text === "true";
  if (!numericFields.has(field)) return text;
  const trimmed = text.trim();
  return trimmed !== "" && /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Only what the admin changed (an untouched field is not re-validated: a NIT stored before the
 * check-digit rule can stay as it is), each checked with the same schema the server applies.
 */
export function planCompanyPatch(
  loaded: CompanySettings,
  values: CompanyFormValues,
): { patch: Omit<CompanySettingsPatch, "expectedVersion">; errors: CompanyFieldErrors } {
  const patch: Record<string, unknown> = {};
  const errors: CompanyFieldErrors = {};
  for (const field of companyFormFields) {
    const value = typedValue(field, values[field]);
    if (value === loaded[field] || (typeof value === "string" && value.trim() === String(loaded[field]))) continue;
    const parsed = companySettingsFields[field].safeParse(value);
    if (parsed.success) patch[field] = parsed.data;
    else errors[field] = true;
  }
  return { patch: patch as Omit<CompanySettingsPatch, "expectedVersion">, errors };
}

/** The server's 400 VALIDATION_FAILED details ([{ path, message }]) as the form's field errors. */
export function fieldErrorsFromServer(details: unknown): CompanyFieldErrors {
  const errors: CompanyFieldErrors = {};
  if (!Array.isArray(details)) return errors;
  for (const d of details) {
    const path = (d as { path?: unknown })?.path;
    if (typeof path === "string" && (companyFormFields as readonly string[]).includes(path))
      errors[path as CompanySettingsField] = true;
  }
  return errors;
}
