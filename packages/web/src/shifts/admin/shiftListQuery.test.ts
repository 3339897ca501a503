import { describe, expect, it } from "vitest";
import { nextDay, noShiftFilters, shiftListPath, startOfLocalDay } from "./shiftListQuery";

const query = (path: string) => Object.fromEntries(new URL(path, "http://x").searchParams);

describe("the Turnos list query", () => {
  it("a day starts at the shop's midnight: Bogotá is UTC−5 all year; Madrid moves with DST", () => {
    expect(startOfLocalDay("2026-03-01", "America/Bogota")).toBe("2026-03-01T05:00:00.000Z");
    expect(startOfLocalDay("2026-01-15", "Europe/Madrid")).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfLocalDay("2026-07-15", "Europe/Madrid")).toBe("2026-07-14T22:00:00.000Z");
    // The day of the spring change starts before the change: still winter time.
    expect(startOfLocalDay("2026-03-29", "Europe/Madrid")).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfLocalDay("2026-06-01", "UTC")).toBe("2026-06-01T00:00:00.000Z");
    expect(() => startOfLocalDay("1/3/2026", "UTC")).toThrow(RangeError);
  });

  it("the next day crosses months and years", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });

  it("filters become the API's query: dates as instants ('Hasta' includes its day), money in centavos", () => {
    const result = shiftListPath(
      {
        terminalId: "0193a1b2-0000-7000-8000-000000000001",
        cashierId: "0193a1b2-0000-7000-8000-000000000002",
        status: "closed",
        fromDate: "2026-03-01",
        toDate: "2026-03-02",
        minDifference: "5.000",
      },
      { limit: 25, offset: 50 },
      "America/Bogota",
    );
    if (!("path" in result)) throw new Error(`unexpected problem ${result.problem}`);
    expect(result.path.startsWith("/api/shifts?")).toBe(true);
    expect(query(result.path)).toEqual({
      terminalId: "0193a1b2-0000-7000-8000-000000000001",
      cashierId: "0193a1b2-0000-7000-8000-000000000002",
      status: "closed",
      from: "2026-03-01T05:00:00.000Z",
      to: "2026-03-03T05:00:00.000Z",
      minDifference: "500000",
      limit: "25",
      offset: "50",
    });
  });

  it("no filters: only the page; bad input is named instead of sent", () => {
    const plain = shiftListPath(noShiftFilters, { limit: 25, offset: 0 }, "UTC");
    expect(plain).toEqual({ path: "/api/shifts?limit=25&offset=0" });
    expect(shiftListPath({ ...noShiftFilters, minDifference: "cinco" }, { limit: 25, offset: 0 }, "UTC")).toEqual({
      problem: "minDifference",
    });
    expect(
      shiftListPath(
        { ...noShiftFilters, fromDate: "2026-03-02", toDate: "2026-03-01" },
        { limit: 25, offset: 0 },
        "UTC",
      ),
    ).toEqual({ problem: "dates" });
  });
});
