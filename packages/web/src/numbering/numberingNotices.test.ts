import { describe, expect, it } from "vitest";
import { numberingExpired, numberingNotices } from "./numberingNotices";

const pos = {
  name: "POS",
  electronic: false,
  rangeFrom: 1,
  rangeTo: 1000,
  nextNumber: 201,
  validFrom: "2025-01-01",
  validUntil: "2027-12-31",
};
const base = { numbering: pos, numbersLeft: 100, online: true, today: "2026-11-28" };
const keys = (input: Parameters<typeof numberingNotices>[0]) => numberingNotices(input).map((n) => n.key);

describe("numberingNotices", () => {
  it("says nothing when all is well", () => {
    expect(numberingNotices(base)).toEqual([]);
  });

  it("warns when fewer than 20 numbers are left on the device", () => {
    expect(keys({ ...base, numbersLeft: 20 })).toEqual([]);
    expect(numberingNotices({ ...base, numbersLeft: 19 })).toEqual([
      { key: "numbering.fewLeft", params: { count: 19 }, tone: "warning" },
    ]);
    expect(keys({ ...base, numbersLeft: 5, online: false })).toEqual(["numbering.fewLeftOffline"]);
  });

  it("leaves none left to the checkout blocker, and ignores electronic numberings", () => {
    expect(keys({ ...base, numbersLeft: 0 })).toEqual([]);
    expect(keys({ ...base, numbering: { ...pos, electronic: true }, numbersLeft: null })).toEqual([]);
  });

  it("warns when under 10 % of the range is left", () => {
    expect(keys({ ...base, numbering: { ...pos, nextNumber: 901 } })).toEqual([]);
    const notices = numberingNotices({ ...base, numbering: { ...pos, nextNumber: 902 } });
    expect(notices).toEqual([
      { key: "numbering.rangeNearlyUsed", params: { name: "POS", count: 99, percent: 9.9 }, tone: "warning" },
    ]);
    expect(keys({ ...base, numbering: { ...pos, nextNumber: 1001 } })).toEqual(["numbering.rangeUsedUp"]);
  });

  it("warns within 30 days of the end of validity", () => {
    expect(keys({ ...base, today: "2027-11-30" })).toEqual([]);
    expect(numberingNotices({ ...base, today: "2027-12-01" })).toEqual([
      { key: "numbering.expiresSoon", params: { name: "POS", date: "2027-12-31", days: 30 }, tone: "warning" },
    ]);
    expect(keys({ ...base, today: "2027-12-31" })).toEqual(["numbering.expiresToday"]);
  });

  it("once expired says only that, and blocks", () => {
    expect(numberingNotices({ ...base, today: "2028-01-01", numbersLeft: 3 })).toEqual([
      { key: "numbering.expired", params: { name: "POS", date: "2027-12-31" }, tone: "error" },
    ]);
    expect(numberingExpired(pos, "2028-01-01")).toBe(true);
    expect(numberingExpired(pos, "2027-12-31")).toBe(false);
  });
});
