import { describe, expect, it } from "vitest";
import { caja1, feNumbering, posNumbering } from "../testing/demoCatalog";
import { contingencyNumberingFor, sellingNumbering } from "./contingencySale";

const contingency = {
  ...posNumbering,
  id: "0190a000-0000-7000-8000-000000000099",
  name: "Contingencia",
  prefix: "CONT",
  kind: "contingency" as const,
  dianAuthorization: "18760000002",
};
const deePos = {
  ...feNumbering,
  kind: "dee_pos" as const,
  dianAuthorization: "18760000001",
  contingencyNumberingId: contingency.id,
};

describe("the contingency numbering of a DEE POS till", () => {
  it("is the one its DEE POS numbering names, unless the terminal blocks offline electronic invoicing", () => {
    expect(contingencyNumberingFor(deePos, caja1, contingency)).toBe(contingency);
    expect(contingencyNumberingFor(deePos, { blockOfflineElectronic: true }, contingency)).toBeNull();
  });

  it("is none for other numberings, a missing or inactive one, or one of another kind", () => {
    expect(contingencyNumberingFor(posNumbering, caja1, contingency)).toBeNull();
    expect(contingencyNumberingFor({ ...deePos, contingencyNumberingId: null }, caja1, contingency)).toBeNull();
    expect(contingencyNumberingFor(deePos, caja1, undefined)).toBeNull();
    expect(contingencyNumberingFor(deePos, caja1, { ...contingency, active: false })).toBeNull();
    expect(contingencyNumberingFor(deePos, caja1, { ...contingency, kind: "invoice" })).toBeNull();
  });

  it("numbers the sale offline only; online the server numbers it", () => {
    const data = { numbering: deePos, contingencyNumbering: contingency };
    expect(sellingNumbering(data, true)).toBe(deePos);
    expect(sellingNumbering(data, false)).toBe(contingency);
    expect(sellingNumbering({ numbering: deePos, contingencyNumbering: null }, false)).toBe(deePos);
  });

  it("keeps a contingency ticket in error on its numbering when it is edited, online too", () => {
    const data = { numbering: deePos, contingencyNumbering: contingency };
    expect(sellingNumbering(data, true, contingency.id)).toBe(contingency);
    expect(sellingNumbering(data, true, deePos.id)).toBe(deePos);
    expect(sellingNumbering(data, false, deePos.id)).toBe(contingency);
  });
});
