import type { DeviceReport } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { QueueReporter, REPORT_REFRESH_MS } from "./queueReporter";

/** A reporter on a clock the test moves; what it sent, at which clock time. */
function reporterOnClock(start: string) {
  const report: DeviceReport = { pending: 2, errors: 0, oldestPendingAt: "2026-12-01T10:00:00.000Z" };
  const clock = { at: Date.parse(start) };
  const sent: number[] = [];
  const reporter = new QueueReporter({
    store: { deviceReport: async () => report },
    transport: {
      reportDevice: async () => {
        sent.push(clock.at);
        return { reportedAt: new Date(clock.at).toISOString() };
      },
    },
    now: () => new Date(clock.at),
  });
  return { reporter, clock, sent };
}

describe("QueueReporter: an unchanged report is sent again every REPORT_REFRESH_MS", () => {
  it("not before, and again once that much time has passed", async () => {
    const { reporter, clock, sent } = reporterOnClock("2026-12-01T12:00:00.000Z");
    await reporter.report("token");
    clock.at += REPORT_REFRESH_MS - 1000;
    await reporter.report("token");
    expect(sent).toHaveLength(1);
    clock.at += 2000;
    await reporter.report("token");
    expect(sent).toHaveLength(2);
  });

  // Found by a review (session 28): a clock corrected back an hour kept the back office's view of the till
  // stale for 65 minutes.
  it("after the till's clock was set back, at once and then every REPORT_REFRESH_MS of the new clock", async () => {
    const { reporter, clock, sent } = reporterOnClock("2026-12-01T12:00:00.000Z");
    await reporter.report("token");
    clock.at -= 60 * 60_000; // NTP, or a wrong time zone fixed
    clock.at += 60_000;
    await reporter.report("token");
    expect(sent).toHaveLength(2);
    clock.at += 60_000;
    await reporter.report("token");
    expect(sent).toHaveLength(2);
  });
});
