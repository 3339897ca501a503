import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isValidNit, nitCheckDigit } from "./nit";

describe("NIT check digit (DIAN)", () => {
  it.each([
    // Published NITs with their check digits.
    ["860034313", 7], // Davivienda
    ["890903938", 8], // Bancolombia S.A.
    ["899999068", 1], // Ecopetrol
    ["800197268", 4], // DIAN
    ["900123456", 8],
    ["901234567", 7],
  ])("%s → %i", (base, digit) => {
    expect(nitCheckDigit(base)).toBe(digit);
    expect(isValidNit(`${base}-${digit}`)).toBe(true);
  });

  it("is 0 or 1 when the weighted sum leaves 0 or 1, else 11 minus the remainder", () => {
    expect(nitCheckDigit("0")).toBe(0); // sum 0
    expect(nitCheckDigit("4")).toBe(1); // 12 % 11 = 1
    expect(nitCheckDigit("1")).toBe(8); // 3 % 11 = 3 → 8
  });

  it("refuses text that is not 1 to 15 digits", () => {
    for (const bad of ["", "12a", "1234567890123456", "-1", "12 3"])
      expect(() => nitCheckDigit(bad)).toThrow(RangeError);
  });

  it("isValidNit wants digits, a hyphen and one check digit", () => {
    for (const bad of ["900123456", "900123456-", "900123456-88", "900.123.456-8", " 900123456-8", "NIT900123456-8"])
      expect(isValidNit(bad), bad).toBe(false);
  });

  const bases = fc.stringMatching(/^[0-9]{1,15}$/);

  it("property: every base has exactly one valid check digit", () => {
    fc.assert(
      fc.property(bases, (base) => {
        const valid = [...Array(10).keys()].filter((d) => isValidNit(`${base}-${d}`));
        expect(valid).toEqual([nitCheckDigit(base)]);
      }),
    );
  });

  it("a mistyped digit of a real NIT is caught", () => {
    expect(isValidNit("890903938-8")).toBe(true);
    expect(isValidNit("890903937-8")).toBe(false);
    expect(isValidNit("809903938-8")).toBe(false);
  });

  it("property: leading zeros do not change the digit (they weigh nothing)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,12}$/), (base) => {
        expect(nitCheckDigit(`000${base}`)).toBe(nitCheckDigit(base));
      }),
    );
  });
});
