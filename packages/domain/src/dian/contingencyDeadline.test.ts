import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONTINGENCY_DEADLINE_HOURS,
  contingencyDeadlineAt,
  contingencyDeadlineStatus,
  contingencyHoursLeft,
} from "./contingencyDeadline";

const HOUR = 3_600_000;
const at = (base: string, hours: number) => new Date(Date.parse(base) + hours * HOUR).toISOString();

describe("contingency deadline (48 h from the end of the outage)", () => {
  const ended = "2026-12-01T15:30:00.000Z";

  it("is the end of the outage plus 48 hours", () => {
    expect(contingencyDeadlineAt(ended)).toBe("2026-12-03T15:30:00.000Z");
    expect(contingencyDeadlineAt("2026-12-01T10:30:00-05:00")).toBe("2026-12-03T15:30:00.000Z");
  });

  it("refuses what is not an instant", () => {
    expect(() => contingencyDeadlineAt("yesterday")).toThrow(RangeError);
  });

  it("is on time, then due soon with 24 h or less left, then overdue", () => {
    const deadlineAt = contingencyDeadlineAt(ended);
    expect(contingencyDeadlineStatus({ deadlineAt, now: at(ended, 1) })).toBe("on_time");
    expect(contingencyDeadlineStatus({ deadlineAt, now: at(ended, 23.99) })).toBe("on_time");
    expect(contingencyDeadlineStatus({ deadlineAt, now: at(ended, 24) })).toBe("due_soon");
    expect(contingencyDeadlineStatus({ deadlineAt, now: at(ended, 48) })).toBe("due_soon");
    expect(contingencyDeadlineStatus({ deadlineAt, now: at(ended, 48.001) })).toBe("overdue");
  });

  it("is done when transmitted before the deadline, overdue when transmitted after it", () => {
    const deadlineAt = contingencyDeadlineAt(ended);
    const now = at(ended, 60);
    expect(contingencyDeadlineStatus({ deadlineAt, now, transmittedAt: at(ended, 47) })).toBe("done");
    expect(contingencyDeadlineStatus({ deadlineAt, now, transmittedAt: at(ended, 49) })).toBe("overdue");
    expect(contingencyDeadlineStatus({ deadlineAt, now, transmittedAt: null })).toBe("overdue");
  });

  it("counts whole hours left, negative once overdue", () => {
    const deadlineAt = contingencyDeadlineAt(ended);
    expect(contingencyHoursLeft(deadlineAt, at(ended, 42.5))).toBe(5);
    expect(contingencyHoursLeft(deadlineAt, at(ended, 50.5))).toBe(-3);
  });

  it("warns exactly in the last 24 hours, for any end of outage and any moment", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2024-01-01"), max: Date.parse("2030-01-01") }),
        fc.integer({ min: 0, max: 100 * HOUR }),
        (endedMs, elapsed) => {
          const endedAt = new Date(endedMs).toISOString();
          const deadlineAt = contingencyDeadlineAt(endedAt);
          const status = contingencyDeadlineStatus({ deadlineAt, now: new Date(endedMs + elapsed) });
          const expected =
            elapsed > CONTINGENCY_DEADLINE_HOURS * HOUR ? "overdue" : elapsed >= 24 * HOUR ? "due_soon" : "on_time";
          expect(status).toBe(expected);
        },
      ),
    );
  });
});
