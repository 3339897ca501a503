import { describe, expect, test } from "vitest";
import { cartArticleCount } from "./SaleViewBar";

describe("cartArticleCount (the phone's 'Ver venta (n)')", () => {
  test("counts units of counted lines and a weighed line as one article", () => {
    expect(cartArticleCount({ lines: [] })).toBe(0);
    const lines = [{ quantity: 2 }, { quantity: 1 }, { quantity: 1.25 }] as never[];
    expect(cartArticleCount({ lines })).toBe(4);
  });
});
