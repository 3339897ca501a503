import { describe, expect, it } from "vitest";
import { companySettingsPatchSchema, isIanaTimeZone, isIsoCurrency, isWellFormedCompanyNit } from "./companySettings";

describe("company settings rules", () => {
  it("checks the NIT's check digit (DIAN weights)", () => {
    expect(isWellFormedCompanyNit("800197268-4")).toBe(true); // DIAN's own NIT
    expect(isWellFormedCompanyNit("900123456-8")).toBe(true);
    expect(isWellFormedCompanyNit("900123456-7")).toBe(false);
    expect(isWellFormedCompanyNit("900123456")).toBe(false);
    expect(isWellFormedCompanyNit("90012A456-8")).toBe(false);
  });

  it("takes IANA zones only, and ISO 4217 codes Intl knows", () => {
    expect(isIanaTimeZone("America/Bogota")).toBe(true);
    expect(isIanaTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isIanaTimeZone("UTC")).toBe(true);
    expect(isIanaTimeZone("America/Atlantis")).toBe(false);
    expect(isIanaTimeZone("+05:00")).toBe(false);
    expect(isIanaTimeZone("")).toBe(false);
    expect(isIsoCurrency("COP")).toBe(true);
    expect(isIsoCurrency("USD")).toBe(true);
    expect(isIsoCurrency("cop")).toBe(false);
    expect(isIsoCurrency("XYZ")).toBe(false);
  });

  it("a patch is strict and bounded", () => {
    expect(companySettingsPatchSchema.safeParse({ maxOfflineAgeDays: 60, deviceSilentMinutes: 5 }).success).toBe(true);
    expect(companySettingsPatchSchema.safeParse({ maxOfflineAgeDays: 61 }).success).toBe(false);
    expect(companySettingsPatchSchema.safeParse({ deviceSilentMinutes: 1441 }).success).toBe(false);
    expect(companySettingsPatchSchema.safeParse({ clockSkewSeconds: 1 }).success).toBe(false);
  });
});
