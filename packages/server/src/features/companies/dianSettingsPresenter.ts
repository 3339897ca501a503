import type { DianEnvironment, DianSettings, DianSettingsField } from "@mostrador/domain";
import { softwarePinSet } from "../dianCertificate/softwarePinSeal";

/** Each DIAN setting's column on companies (migration 016); the PIN is written sealed (see softwarePinSeal). */
export const dianSettingColumns: Record<DianSettingsField, string> = {
  softwareId: "dian_software_id",
  softwarePin: "dian_software_pin",
  testSetId: "dian_test_set_id",
  environment: "dian_environment",
  serviceUrl: "dian_service_url",
  softwareProviderNit: "dian_software_provider_nit",
};

const textOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The DIAN settings as every answer gives them: whether a PIN is set, never the PIN itself. */
export function presentDianSettings(row: Record<string, unknown>): DianSettings {
  return {
    softwareId: textOrNull(row.dian_software_id),
    softwarePinSet: softwarePinSet(row),
    testSetId: textOrNull(row.dian_test_set_id),
    environment: (textOrNull(row.dian_environment) ?? "2") as DianEnvironment,
    serviceUrl: textOrNull(row.dian_service_url),
    softwareProviderNit: textOrNull(row.dian_software_provider_nit),
  };
}
