import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divRoundHalfUp, formatMoney, minorToDecimalString, toMinor } from "./money";

describe("divRoundHalfUp", () => {
  it("rounds halves away from zero", () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(4n, 3n)).toBe(1n);
    expect(divRoundHalfUp(5n, 3n)).toBe(2n);
    expect(divRoundHalfUp(7n, -2n)).toBe(-4n);
  });

  it("is never more than half a unit from the exact quotient", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (a, b) => {
          const q = divRoundHalfUp(a, b);
          const diff2 = (q * b - a) * 2n; // 2·(q − a/b)·b
          expect(diff2 <= b && diff2 >= -b).toBe(true);
        },
      ),
    );
  });

  it("refuses division by zero", () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe("money text", () => {
  it("parses and prints decimal strings exactly", () => {
    expect(toMinor("12500")).toBe(1_250_000);
    expect(toMinor("0.1")).toBe(10);
    expect(toMinor("-3.05")).toBe(-305);
    expect(minorToDecimalString(1_250_050)).toBe("12500.50");
    expect(() => toMinor("1.234")).toThrow(RangeError);
    expect(() => toMinor("abc")).toThrow(RangeError);
  });

  it("round-trips any amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }).map(Number), (m) => {
        expect(toMinor(minorToDecimalString(m))).toBe(m);
      }),
    );
  });

  it("formats pesos the Colombian way", () => {
    expect(formatMoney(1_250_000)).toBe("$ 12.500");
    expect(formatMoney(1_250_050)).toBe("$ 12.500,50");
  });
});
