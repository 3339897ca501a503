import { addDays, daysBetween } from "../dates/calendarDay";

export const reportPeriods = ["today", "yesterday", "week", "month", "custom"] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

/** A report's days in the shop's calendar, both ends included (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

/** The longest custom range a report accepts (a year and a day). */
export const MAX_REPORT_DAYS = 367;

/**
 * The days of a period, given the shop's today: this week starts on Monday and this month on
 * the 1st, both up to today; a custom range is taken as given.
 */
export function resolveReportRange(period: ReportPeriod, today: string, custom?: Partial<DayRange>): DayRange {
  switch (period) {
    case "today":
      return { from: today, to: today };
    case "yesterday": {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case "week": {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      return { from: addDays(today, -weekday), to: today };
    }
    case "month":
      return { from: `${today.slice(0, 8)}01`, to: today };
    case "custom":
      return { from: custom?.from ?? today, to: custom?.to ?? custom?.from ?? today };
  }
}

/** The range of the same length just before: what a report compares with. */
export function previousRange(range: DayRange): DayRange {
  const days = daysBetween(range.from, range.to);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** Percentage change from `before` to `now`, one decimal; null when there is nothing to compare with. */
export function percentChange(now: number, before: number): number | null {
  if (before === 0) return null;
  return Math.round(((now - before) / Math.abs(before)) * 1000) / 10;
}
