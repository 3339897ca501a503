import { describe, expect, it } from "vitest";
import { noSalesFilters, periodQuery, salesQuery } from "./reportQuery";

describe("report queries", () => {
  it("a named period, or a custom one only with both days", () => {
    expect(periodQuery({ period: "month", from: "", to: "" })).toBe("period=month");
    expect(periodQuery({ period: "custom", from: "2026-11-01", to: "" })).toBeNull();
    expect(periodQuery({ period: "custom", from: "2026-11-01", to: "2026-11-30" })).toBe(
      "period=custom&from=2026-11-01&to=2026-11-30",
    );
  });

  it("Ventas sends only the filters that are set", () => {
    const q = salesQuery(
      { period: "today", from: "", to: "" },
      { ...noSalesFilters, status: "voided", number: " POS-12 " },
      { limit: 50, offset: 100 },
    );
    expect(q).toBe("period=today&status=voided&number=POS-12&limit=50&offset=100");
  });
});
