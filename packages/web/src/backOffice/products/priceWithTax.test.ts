import { describe, expect, it } from "vitest";
import { moneyInputText, parseMoneyInput, priceBothWays } from "./priceWithTax";

describe("price with and without tax", () => {
  it("a price with IVA 19 % included shows the base and the tax", () => {
    // $ 11.900 with tax: base $ 10.000, IVA $ 1.900.
    expect(priceBothWays(1_190_000, true, 1900)).toEqual({ withTax: 1_190_000, withoutTax: 1_000_000, tax: 190_000 });
  });

  it("a price before tax shows what the customer pays", () => {
    expect(priceBothWays(1_000_000, false, 1900)).toEqual({ withTax: 1_190_000, withoutTax: 1_000_000, tax: 190_000 });
  });

  it("rounds half up as the invoice does", () => {
    // 1000 centavos with 19 % included: base 840.336… → 840, tax 160.
    expect(priceBothWays(1000, true, 1900)).toEqual({ withTax: 1000, withoutTax: 840, tax: 160 });
    expect(priceBothWays(333, false, 500)).toEqual({ withTax: 350, withoutTax: 333, tax: 17 });
  });

  it("exempt: both the same", () => {
    expect(priceBothWays(450_000, true, 0)).toEqual({ withTax: 450_000, withoutTax: 450_000, tax: 0 });
  });
});

describe("money as typed in pesos", () => {
  it.each([
    ["12500", 1_250_000],
    ["12.500", 1_250_000],
    ["$ 12.500", 1_250_000],
    ["1.250.000", 125_000_000],
    ["12.500,5", 1_250_050],
    ["12500,50", 1_250_050],
    ["12500.5", 1_250_050],
    ["0", 0],
  ])("%s → %i centavos", (text, minor) => {
    expect(parseMoneyInput(text)).toBe(minor);
  });

  it.each(["", "abc", "12,345,6", "-5", "1.2.3", "12,999"])("%s is not an amount", (text) => {
    expect(parseMoneyInput(text)).toBeNull();
  });

  it("the edit text re-parses to the same amount", () => {
    for (const minor of [0, 5, 1_250_000, 1_250_050]) expect(parseMoneyInput(moneyInputText(minor))).toBe(minor);
  });
});
