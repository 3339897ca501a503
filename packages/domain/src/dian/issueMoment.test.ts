import { describe, expect, it } from "vitest";
import { issueMoment } from "./issueMoment";

describe("issueMoment", () => {
  it("writes the shop's local date and time with its offset", () => {
    expect(issueMoment("2019-01-12T12:00:00.000Z", "America/Bogota")).toEqual({
      date: "2019-01-12",
      time: "07:00:00-05:00",
    });
    // 02:30 UTC is still the previous day in Bogotá.
    expect(issueMoment("2024-03-06T02:30:59.999Z", "America/Bogota")).toEqual({
      date: "2024-03-05",
      time: "21:30:59-05:00",
    });
    expect(issueMoment("2024-03-06T02:30:00Z", "UTC")).toEqual({ date: "2024-03-06", time: "02:30:00+00:00" });
    expect(issueMoment("2024-01-01T00:00:00Z", "Asia/Kolkata").time).toBe("05:30:00+05:30");
  });
  it("refuses what is not an instant", () => {
    expect(() => issueMoment("yesterday", "America/Bogota")).toThrow(RangeError);
  });
});
