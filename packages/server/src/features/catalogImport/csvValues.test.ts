import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatPrice,
  parseIdType,
  parsePrice,
  parseTaxSpec,
  parseYesNo,
  protectCell,
  unprotectCell,
} from "./csvValues";

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : r.message);

describe("parsePrice: pesos as people write them → centavos", () => {
  it.each([
    ["12500", 1_250_000],
    ["12.500", 1_250_000],
    ["12,500", 1_250_000],
    ["$ 12.500", 1_250_000],
    ["$12.500,50", 1_250_050],
    ["12,500.50", 1_250_050],
    ["1.234.567", 123_456_700],
    ["1,234,567.8", 123_456_780],
    ["1500,5", 150_050],
    ["1500.25", 150_025],
    ["0", 0],
    ["7 800 COP", 780_000],
  ])("%s → %i", (text, centavos) => {
    expect(value(parsePrice(text))).toBe(centavos);
  });

  it.each([
    ["", "is empty"],
    ["doce mil", "is not a price"],
    ["-500", "is not a price"],
    ["12.50.0", "is not a price"],
    ["1.2345", "more than two decimals"],
    ["12,", "is not a price"],
    ["1,5,00", "is not a price"],
    ["1.5e+4", "scientific notation"],
    ["12.345,678", "more than two decimals"],
    ["999999999999999", "too large"],
  ])("%s is refused (%s)", (text, why) => {
    const r = parsePrice(text);
    expect(r.ok).toBe(false);
    expect(value(r)).toContain(why);
  });

  it("formatPrice writes what parsePrice reads back, with either decimal mark", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000_000 }), fc.constantFrom(",", "."), (centavos, mark) => {
        expect(value(parsePrice(formatPrice(centavos, mark as "," | ".")))).toBe(centavos);
      }),
    );
    expect(formatPrice(1_250_000, ",")).toBe("12500");
    expect(formatPrice(150_005, ",")).toBe("1500,05");
  });
});

describe("yes/no, document types, taxes", () => {
  it.each([
    ["Sí", true],
    ["si", true],
    ["SI", true],
    ["yes", true],
    ["1", true],
    ["x", true],
    ["No", false],
    ["false", false],
    ["0", false],
  ])("%s → %s", (text, expected) => {
    expect(value(parseYesNo(text))).toBe(expected);
  });
  it("anything else is not yes or no", () => {
    expect(parseYesNo("quizás").ok).toBe(false);
  });

  it.each([
    ["CC", "CC"],
    ["cc", "CC"],
    ["Cédula de ciudadanía", "CC"],
    ["NIT", "NIT"],
    ["Cédula de extranjería", "CE"],
    ["Pasaporte", "PAS"],
    ["passport", "PAS"],
    ["Tarjeta de identidad", "TI"],
  ])("document type %s → %s", (text, code) => {
    expect(value(parseIdType(text))).toBe(code);
  });
  it("an unknown document type is refused", () => {
    expect(parseIdType("RUT").ok).toBe(false);
  });

  it.each([
    ["IVA 19", { kind: "IVA", rateBp: 1900 }],
    ["iva 19 %", { kind: "IVA", rateBp: 1900 }],
    ["19%", { kind: null, rateBp: 1900 }],
    ["5", { kind: null, rateBp: 500 }],
    ["INC 8%", { kind: "INC", rateBp: 800 }],
    ["Impoconsumo 8", { kind: "INC", rateBp: 800 }],
    ["Exento", { kind: "EXENTO", rateBp: 0 }],
    ["excluido", { kind: "EXENTO", rateBp: 0 }],
    ["2,5%", { kind: null, rateBp: 250 }],
  ])("tax %s", (text, spec) => {
    expect(parseTaxSpec(text)).toEqual(spec);
  });
  it("text that names no rate is no tax spec", () => {
    expect(parseTaxSpec("General")).toBeNull();
    expect(parseTaxSpec("IVA 190")).toBeNull();
  });
});

describe("spreadsheet formulas", () => {
  it("a cell starting like a formula is written as text and read back as it was", () => {
    for (const text of ["=SUM(A1)", "+57 300", "-5", "@cmd", "Normal", "'quoted"]) {
      expect(unprotectCell(protectCell(text))).toBe(text);
    }
    expect(protectCell("=1+1")).toBe("'=1+1");
    expect(protectCell("Pan")).toBe("Pan");
  });
});
