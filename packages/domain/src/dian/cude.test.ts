import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CudeFields, cude, cudeInput, dianAmount, softwareSecurityCode } from "./cude";
import { sha384Hex } from "./sha384";

// The vectors of ../shared/dian/README.md (issue 19's reference material).
const cudeVector: CudeFields = {
  number: "8110007871",
  issueDate: "2019-01-12",
  issueTime: "07:00:00-05:00",
  lineExtensionAmount: 500_000,
  ivaAmount: 95_000,
  incAmount: 0,
  icaAmount: 0,
  payableAmount: 595_000,
  issuerNit: "900373076",
  buyerId: "8355990",
  softwarePin: "12301",
  environment: "1",
};
const cufeVector: CudeFields = {
  number: "323200000129",
  issueDate: "2019-01-16",
  issueTime: "10:53:10-05:00",
  lineExtensionAmount: 150_000_000,
  ivaAmount: 28_500_000,
  incAmount: 0,
  icaAmount: 0,
  payableAmount: 178_500_000,
  issuerNit: "700085371",
  buyerId: "800199436",
  // The CUFE's technical key takes the place of the software PIN: the same algorithm.
  softwarePin: "693ff6f2a553c3646a063436fd4dd9ded0311471",
  environment: "1",
};

describe("CUDE", () => {
  it("gives the README's CUDE vector (software PIN path)", () => {
    expect(cudeInput(cudeVector)).toBe(
      "81100078712019-01-1207:00:00-05:005000.00" +
        "01950.00" +
        "040.00" +
        "030.00" +
        "5950.00900373076835599012301" +
        "1",
    );
    expect(cude(cudeVector)).toBe(
      "907e4444decc9e59c160a2fb3b6659b33dc5b632a5008922b9a62f83f757b1c448e47f5867f2b50dbdb96f48c7681168",
    );
  });

  it("gives the README's CUFE vector (technical key path)", () => {
    expect(cude(cufeVector)).toBe(
      "8bb918b19ba22a694f1da11c643b5e9de39adf60311cf179179e9b33381030bcd4c3c3f156c506ed5908f9276f5bd9b4",
    );
  });

  it("writes amounts with exactly two decimals", () => {
    expect(dianAmount(0)).toBe("0.00");
    expect(dianAmount(5)).toBe("0.05");
    expect(dianAmount(500_000)).toBe("5000.00");
    expect(dianAmount(123_456_789)).toBe("1234567.89");
    expect(() => dianAmount(-1)).toThrow(RangeError);
    expect(() => dianAmount(1.5)).toThrow(RangeError);
  });

  it("refuses malformed fields instead of hashing them", () => {
    expect(() => cude({ ...cudeVector, issueDate: "2019-1-12" })).toThrow(/issueDate/);
    expect(() => cude({ ...cudeVector, issueTime: "07:00:00" })).toThrow(/issueTime/);
    expect(() => cude({ ...cudeVector, issuerNit: "900373076-1" })).toThrow(/issuerNit/);
    expect(() => cude({ ...cudeVector, buyerId: "83 55990" })).toThrow(/buyerId/);
    expect(() => cude({ ...cudeVector, environment: "3" as "1" })).toThrow(/environment/);
  });

  const token = fc.stringMatching(/^[0-9A-Z]{1,14}$/);
  const amount = fc.integer({ min: 0, max: 10_000_000_000_000 });
  const fieldsArb: fc.Arbitrary<CudeFields> = fc.record({
    number: token,
    issueDate: fc
      .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    issueTime: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m, s]) => `${[h, m, s].map((n) => String(n).padStart(2, "0")).join(":")}-05:00`),
    lineExtensionAmount: amount,
    ivaAmount: amount,
    incAmount: amount,
    icaAmount: amount,
    payableAmount: amount,
    issuerNit: fc.stringMatching(/^[0-9]{6,15}$/),
    buyerId: token,
    softwarePin: fc.stringMatching(/^[0-9]{5}$/),
    environment: fc.constantFrom("1" as const, "2" as const),
  });
  /** Each field, changed to another valid value. */
  const changes: Record<keyof CudeFields, (f: CudeFields) => CudeFields> = {
    number: (f) => ({ ...f, number: `${f.number}1` }),
    issueDate: (f) => ({
      ...f,
      issueDate: f.issueDate.endsWith("-01") ? `${f.issueDate.slice(0, 8)}02` : `${f.issueDate.slice(0, 8)}01`,
    }),
    issueTime: (f) => ({ ...f, issueTime: f.issueTime.replace("-05:00", "+00:00") }),
    lineExtensionAmount: (f) => ({ ...f, lineExtensionAmount: f.lineExtensionAmount + 1 }),
    ivaAmount: (f) => ({ ...f, ivaAmount: f.ivaAmount + 1 }),
    incAmount: (f) => ({ ...f, incAmount: f.incAmount + 1 }),
    icaAmount: (f) => ({ ...f, icaAmount: f.icaAmount + 1 }),
    payableAmount: (f) => ({ ...f, payableAmount: f.payableAmount + 1 }),
    issuerNit: (f) => ({ ...f, issuerNit: `${f.issuerNit.slice(0, -1)}${f.issuerNit.endsWith("0") ? "1" : "0"}` }),
    buyerId: (f) => ({ ...f, buyerId: `${f.buyerId}0` }),
    softwarePin: (f) => ({ ...f, softwarePin: f.softwarePin === "00000" ? "00001" : "00000" }),
    environment: (f) => ({ ...f, environment: f.environment === "1" ? "2" : "1" }),
  };

  it("changes when any one field changes", () => {
    const fieldNames = Object.keys(changes) as (keyof CudeFields)[];
    fc.assert(
      fc.property(fieldsArb, fc.constantFrom(...fieldNames), (fields, field) => {
        const changed = changes[field](fields);
        expect(changed[field]).not.toEqual(fields[field]);
        expect(cude(changed)).not.toBe(cude(fields));
      }),
      { numRuns: 300 },
    );
  });

  it("is 96 lowercase hex digits and the SHA-384 of its input", () => {
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const code = cude(fields);
        expect(code).toMatch(/^[0-9a-f]{96}$/);
        expect(code).toBe(sha384Hex(cudeInput(fields)));
      }),
      { numRuns: 50 },
    );
  });
});

describe("softwareSecurityCode", () => {
  it("is SHA-384 of software id + PIN + document number", () => {
    const softwareId = "56f2ae4e-9812-4fad-9255-08fcfcd5ccb0";
    expect(softwareSecurityCode(softwareId, "12345", "SETP990000002")).toBe(
      sha384Hex(`${softwareId}12345SETP990000002`),
    );
    expect(softwareSecurityCode(softwareId, "12345", "SETP990000002")).not.toBe(
      softwareSecurityCode(softwareId, "12345", "SETP990000003"),
    );
  });
});
