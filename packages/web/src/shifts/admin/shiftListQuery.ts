import { instantOfWallClock } from "@mostrador/domain";
import { parseMoneyInput } from "../../sale/payment";

/** The "Turnos" filters as the owner types them (dates are the shop's calendar days). */
export interface ShiftListFilters {
  terminalId: string;
  /** Shifts this user opened or closed; "" = anyone. */
  cashierId: string;
  status: "" | "open" | "closed";
  /** YYYY-MM-DD, first day included; "" = no bound. */
  fromDate: string;
  /** YYYY-MM-DD, last day included; "" = no bound. */
  toDate: string;
  /** Money as typed ("5.000"); "" = any difference. */
  minDifference: string;
}

export const noShiftFilters: ShiftListFilters = {
  terminalId: "",
  cashierId: "",
  status: "",
  fromDate: "",
  toDate: "",
  minDifference: "",
};

export const SHIFT_PAGE_SIZE = 25;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a calendar day starts in the shop's time zone, as the API's `from`/`to` want it:
 * the owner filters by the shop's days, not by UTC days. Two passes settle a DST change.
 */
export function startOfLocalDay(date: string, timeZone: string): string {
  const m = DAY.exec(date);
  if (!m) throw new RangeError(`not a calendar day: ${date}`);
  const day = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const instant = instantOfWallClock({ ...day, hour: 0, minute: 0, second: 0 }, timeZone);
  return new Date(instant).toISOString();
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const m = DAY.exec(date);
  if (!m) throw new RangeError(`not a calendar day: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/**
 * `GET /api/shifts` for the filters and page, or the problem with the filters: an unreadable
 * minimum difference, or a "Hasta" before the "Desde".
 */
export function shiftListPath(
  filters: ShiftListFilters,
  page: { limit: number; offset: number },
  timeZone: string,
): { path: string } | { problem: "minDifference" | "dates" } {
  const q = new URLSearchParams();
  if (filters.terminalId) q.set("terminalId", filters.terminalId);
  if (filters.cashierId) q.set("cashierId", filters.cashierId);
  if (filters.status) q.set("status", filters.status);
  if (filters.fromDate && filters.toDate && filters.toDate < filters.fromDate) return { problem: "dates" };
  if (filters.fromDate) q.set("from", startOfLocalDay(filters.fromDate, timeZone));
  // "Hasta" includes its whole day: the API's `to` is exclusive.
  if (filters.toDate) q.set("to", startOfLocalDay(nextDay(filters.toDate), timeZone));
  if (filters.minDifference.trim() !== "") {
    const min = parseMoneyInput(filters.minDifference);
    if (min === null) return { problem: "minDifference" };
    q.set("minDifference", String(min));
  }
  q.set("limit", String(page.limit));
  q.set("offset", String(page.offset));
  return { path: `/api/shifts?${q.toString()}` };
}
