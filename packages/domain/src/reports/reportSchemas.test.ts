import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportRangeQuerySchema, salesListQuerySchema } from "./reportSchemas";

describe("report query schemas", () => {
  it("any text as a day is refused with an issue, never an exception", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (from, to) => {
        const r = reportRangeQuerySchema.safeParse({ period: "custom", from, to });
        expect(typeof r.success).toBe("boolean");
      }),
    );
    for (const day of ["0000-01-01", "2026-02-30", "2026-13-01", "xxxx", "\u0000"])
      expect(reportRangeQuerySchema.safeParse({ period: "custom", from: day, to: "2026-03-01" }).success).toBe(false);
  });

  it("a custom period: both days, in order, at most a year and a day", () => {
    const ok = (q: object) => reportRangeQuerySchema.safeParse(q).success;
    expect(ok({ period: "custom", from: "2026-01-01", to: "2026-01-31" })).toBe(true);
    expect(ok({ period: "custom", from: "2026-01-31", to: "2026-01-01" })).toBe(false);
    expect(ok({ period: "custom", from: "2025-01-01", to: "2026-12-31" })).toBe(false);
    expect(ok({ period: "custom" })).toBe(false);
    expect(ok({ period: "month" })).toBe(true);
    expect(salesListQuerySchema.safeParse({ period: "today", limit: "501" }).success).toBe(false);
    expect(salesListQuerySchema.parse({ period: "today" })).toMatchObject({ limit: 50, offset: 0 });
  });
});
