import { describe, expect, it } from "vitest";
import { formatInvoiceNumber, formatIsoDate, formatReceiptDateTime } from "./invoiceNumber";

describe("what the receipt prints", () => {
  it("the sale's moment in the shop's zone: four-digit year, 24-hour clock (23:30 in Bogotá is still that day)", () => {
    expect(formatReceiptDateTime("2026-12-02T04:30:05.000Z", "America/Bogota")).toBe("01/12/2026 23:30:05");
    expect(formatReceiptDateTime("2026-01-05T13:07:00.000Z", "America/Bogota")).toBe("05/01/2026 08:07:00");
  });

  it("numbers and numbering dates", () => {
    expect(formatInvoiceNumber("POS", 12)).toBe("POS-12");
    expect(formatInvoiceNumber("", 12)).toBe("12");
    expect(formatInvoiceNumber("FE", null)).toBeNull();
    expect(formatIsoDate("2027-12-31")).toBe("31/12/2027");
  });
});
