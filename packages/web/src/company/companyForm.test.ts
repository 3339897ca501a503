import type { CompanySettings } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { fieldErrorsFromServer, formValuesOf, planCompanyPatch } from "./companyForm";

const loaded: CompanySettings = {
  id: "00000000-0000-4000-8000-000000000001",
  name: "Empresa Ejemplar S.A.S.",
  nit: "900123456-7", // a stored NIT with the wrong check digit
  address: "",
  phone: "",
  taxRegime: "responsable_iva",
  receiptHeader: "",
  receiptFooter: "",
  timeZone: "America/Bogota",
  currency: "COP",
  maxOfflineAgeDays: 7,
  deviceSilentMinutes: 30,
  dian: {
    softwareId: null,
    softwarePinSet: false,
    testSetId: null,
    environment: "2",
    serviceUrl: null,
    softwareProviderNit: null,
  },
  blockSaleAtZeroStock: false,
  version: 4,
};

describe("the Empresa form", () => {
  it("sends only the changed fields, numbers as numbers; untouched fields are not re-checked", () => {
    const values = { ...formValuesOf(loaded), phone: "601 555 1234", maxOfflineAgeDays: "14", currency: "COP" };
    expect(planCompanyPatch(loaded, values)).toEqual({
      patch: { phone: "601 555 1234", maxOfflineAgeDays: 14 },
      errors: {},
    });
    expect(planCompanyPatch(loaded, formValuesOf(loaded))).toEqual({ patch: {}, errors: {} });
  });

  it("the zero-stock warning (issue 14) is a yes/no sent as a boolean, only when changed", () => {
    const values = { ...formValuesOf(loaded), blockSaleAtZeroStock: "true" };
    expect(planCompanyPatch(loaded, values)).toEqual({ patch: { blockSaleAtZeroStock: true }, errors: {} });
    expect(formValuesOf(loaded).blockSaleAtZeroStock).toBe("false");
  });

  it("marks each field that breaks the shared rule, before anything is sent", () => {
    const values = {
      ...formValuesOf(loaded),
      nit: "900123456-7 ",
      timeZone: "Bogota",
      currency: "pesos",
      maxOfflineAgeDays: "1,5",
      deviceSilentMinutes: "",
      name: " ",
    };
    const { errors } = planCompanyPatch(loaded, { ...values, nit: "800197268-4" });
    expect(errors).toEqual({
      timeZone: true,
      currency: true,
      maxOfflineAgeDays: true,
      deviceSilentMinutes: true,
      name: true,
    });
    expect(planCompanyPatch(loaded, { ...values, nit: "800197268-5" }).errors.nit).toBe(true);
  });

  it("reads the server's field errors by path", () => {
    expect(
      fieldErrorsFromServer([
        { path: "nit", message: "bad" },
        { path: "", message: "unknown field(s): x" },
        { path: "currency", message: "bad" },
      ]),
    ).toEqual({ nit: true, currency: true });
    expect(fieldErrorsFromServer(undefined)).toEqual({});
  });
});
