import { describe, expect, it } from "vitest";
import {
  currentWindow,
  DEFAULT_NOTICE_MS,
  dismissalKey,
  formatWindowRange,
  maintenanceNotice,
  nextWindow,
  pruneDismissed,
} from "./maintenanceSchedule";

const HOUR = 3_600_000;
const t = (iso: string) => Date.parse(iso);
// Sunday 30 November 2025, 2:00–4:00 a.m. in Bogotá (UTC−5).
const sunday = { id: "w1", startsAt: "2025-11-30T07:00:00.000Z", endsAt: "2025-11-30T09:00:00.000Z", message: "" };
const later = { id: "w2", startsAt: "2025-12-07T07:00:00.000Z", endsAt: "2025-12-07T08:00:00.000Z" };
const windows = [later, sunday];
const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("maintenance notice timing", () => {
  it("shows nothing more than 24 h before a window", () => {
    expect(maintenanceNotice(windows, t(sunday.startsAt) - DEFAULT_NOTICE_MS - 1)).toBeNull();
  });

  it("announces the next window from 24 h before it (inclusive) until it starts", () => {
    expect(maintenanceNotice(windows, t(sunday.startsAt) - DEFAULT_NOTICE_MS)).toEqual({
      window: sunday,
      phase: "upcoming",
    });
    expect(maintenanceNotice(windows, t(sunday.startsAt) - 1)?.phase).toBe("upcoming");
  });

  it("honours a configured notice period", () => {
    const now = t(sunday.startsAt) - 3 * HOUR;
    expect(maintenanceNotice(windows, now, { noticeMs: 2 * HOUR })).toBeNull();
    expect(maintenanceNotice(windows, now, { noticeMs: 4 * HOUR })?.window.id).toBe("w1");
  });

  it("is current from the start (inclusive) to the end (exclusive), then gone", () => {
    expect(maintenanceNotice(windows, t(sunday.startsAt))).toEqual({ window: sunday, phase: "current" });
    expect(maintenanceNotice(windows, t(sunday.endsAt) - 1)?.phase).toBe("current");
    expect(maintenanceNotice(windows, t(sunday.endsAt))).toBeNull();
  });

  it("a dismissed notice stays hidden before the window and comes back when it starts", () => {
    const dismissed = new Set([dismissalKey("w1", "upcoming")]);
    expect(maintenanceNotice(windows, t(sunday.startsAt) - HOUR, { dismissed })).toBeNull();
    expect(maintenanceNotice(windows, t(sunday.startsAt), { dismissed })?.phase).toBe("current");
    const both = new Set([...dismissed, dismissalKey("w1", "current")]);
    expect(maintenanceNotice(windows, t(sunday.startsAt), { dismissed: both })).toBeNull();
  });

  it("a dismissed window does not hide the next one", () => {
    const dismissed = new Set([dismissalKey("w1", "upcoming")]);
    const close = { id: "w3", startsAt: "2025-11-30T10:00:00.000Z", endsAt: "2025-11-30T11:00:00.000Z" };
    expect(maintenanceNotice([sunday, close], t(sunday.startsAt) - HOUR, { dismissed })?.window.id).toBe("w3");
  });

  it("ignores malformed windows", () => {
    const broken = [
      { id: "x", startsAt: "not a date", endsAt: "2025-11-30T09:00:00.000Z" },
      { id: "y", startsAt: "2025-11-30T09:00:00.000Z", endsAt: "2025-11-30T08:00:00.000Z" },
    ];
    expect(maintenanceNotice(broken, t(sunday.startsAt))).toBeNull();
    expect(currentWindow(broken, t("2025-11-30T08:30:00Z"))).toBeNull();
  });

  it("finds the current and next windows", () => {
    expect(currentWindow(windows, t("2025-11-30T08:00:00Z"))?.id).toBe("w1");
    expect(nextWindow(windows, t("2025-11-30T08:00:00Z"))?.id).toBe("w2");
    expect(nextWindow(windows, t("2025-12-08T00:00:00Z"))).toBeNull();
  });

  it("forgets dismissals of windows that are over", () => {
    const kept = pruneDismissed(["w1:upcoming", "w2:upcoming", "gone:current"], windows, t(sunday.endsAt));
    expect(kept).toEqual(["w2:upcoming"]);
  });
});

describe("formatWindowRange", () => {
  it("writes the window in Spanish in the company's time zone", () => {
    expect(spaces(formatWindowRange(sunday, "es-CO", "America/Bogota"))).toBe(
      "domingo 30 de noviembre, 2:00 a. m. – 4:00 a. m.",
    );
  });

  it("writes it in English", () => {
    expect(spaces(formatWindowRange(sunday, "en", "America/Bogota"))).toBe("Sunday, November 30, 2:00 AM – 4:00 AM");
  });

  it("shows seconds when a short window would read the same minute twice", () => {
    const drill = { startsAt: "2025-11-30T07:00:10.000Z", endsAt: "2025-11-30T07:00:35.000Z" };
    expect(spaces(formatWindowRange(drill, "es-CO", "America/Bogota"))).toBe(
      "domingo 30 de noviembre, 2:00:10 a. m. – 2:00:35 a. m.",
    );
  });

  it("repeats the date when the window ends another day", () => {
    const overnight = { startsAt: "2025-12-01T04:00:00.000Z", endsAt: "2025-12-01T07:30:00.000Z" };
    expect(spaces(formatWindowRange(overnight, "es-CO", "America/Bogota"))).toBe(
      "domingo 30 de noviembre, 11:00 p. m. – lunes 1 de diciembre, 2:30 a. m.",
    );
  });
});
