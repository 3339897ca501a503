import { describe, expect, it } from "vitest";
import { newClientSchema } from "../invoice/invoiceSchemas";
import { clientInputSchema } from "./catalogSchemas";

describe("clientInputSchema: a NIT needs its check digit (the till's new-client form and the back office)", () => {
  it("accepts a NIT with the right digit; any other id type is not held to the NIT rule", () => {
    expect(clientInputSchema.safeParse({ name: "Tienda", idType: "NIT", idNumber: "900123456-8" }).success).toBe(true);
    expect(clientInputSchema.safeParse({ name: "Ana", idType: "CC", idNumber: "900123456-7" }).success).toBe(true);
    expect(clientInputSchema.safeParse({ name: "Ana", idType: "CC", idNumber: "52123456" }).success).toBe(true);
  });

  it.each([
    ["900123456-7", /check digit is wrong: 900123456 ends in -8/],
    ["900123456", /digits, '-' and its check digit/],
    ["ABC-1", /digits, '-' and its check digit/],
  ])("refuses NIT %s on idNumber, saying what is expected", (idNumber, message) => {
    const result = clientInputSchema.safeParse({ name: "Tienda", idType: "NIT", idNumber });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["idNumber"], message: expect.stringMatching(message) }),
    ]);
  });

  it("an uploaded invoice's new client is not refused over the check digit (an older till may have made it)", () => {
    const client = {
      id: "0190a5b4-0000-7000-8000-000000000001",
      name: "Tienda",
      idType: "NIT",
      idNumber: "900123456-7",
    };
    expect(newClientSchema.safeParse(client).success).toBe(true);
  });
});
