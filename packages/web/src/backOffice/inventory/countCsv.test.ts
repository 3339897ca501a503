import { describe, expect, it } from "vitest";
import { parseCountCsv, parseCountQuantity } from "./countCsv";

describe("counted-stock CSV", () => {
  it("reads the code and quantity columns by header, with ; or , and decimal commas", () => {
    expect(parseCountCsv("\uFEFFReferencia;Cantidad contada\r\nREF-001;10\r\nREF-002;2,5\r\n\r\n")).toEqual([
      { line: 2, code: "REF-001", quantity: 10, raw: "10" },
      { line: 3, code: "REF-002", quantity: 2.5, raw: "2,5" },
    ]);
    expect(parseCountCsv("barcode,count\n7701,3")).toEqual([{ line: 2, code: "7701", quantity: 3, raw: "3" }]);
    expect(parseCountCsv("nombre;precio\nx;1")).toBeNull();
  });

  it("refuses what is not a quantity (negative, text, more than three decimals)", () => {
    expect(["-1", "diez", "1,2345", ""].map(parseCountQuantity)).toEqual([null, null, null, null]);
    expect(parseCountQuantity("1.234,5")).toBe(1234.5);
  });
});
