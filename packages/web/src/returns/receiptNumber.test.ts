import { describe, expect, it } from "vitest";
import { parseReceiptNumber } from "./ReceiptLookup";

describe("parseReceiptNumber (typed or scanned receipt numbers)", () => {
  it("reads the printed forms", () => {
    expect(parseReceiptNumber("POS-12")).toEqual({ prefix: "POS", number: 12 });
    expect(parseReceiptNumber(" pos 12 ")).toEqual({ prefix: "POS", number: 12 });
    expect(parseReceiptNumber("POS12")).toEqual({ prefix: "POS", number: 12 });
    expect(parseReceiptNumber("77")).toEqual({ prefix: "", number: 77 });
  });

  it("refuses what is not a receipt number", () => {
    for (const text of ["", "POS-", "POS-12a", "P0S-1", "POS-1234567890", "12-POS"])
      expect(parseReceiptNumber(text)).toBeNull();
  });
});
