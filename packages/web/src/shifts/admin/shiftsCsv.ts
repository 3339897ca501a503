import type { ShiftListItem } from "@mostrador/domain";
import Papa from "papaparse";

/** Column titles in the screen's language, in the order of the file. */
export interface ShiftCsvHeaders {
  terminal: string;
  openedBy: string;
  closedBy: string;
  openedAt: string;
  closedAt: string;
  status: string;
  openingFloat: string;
  serverExpected: string;
  tillExpected: string;
  counted: string;
  difference: string;
  invoices: string;
  id: string;
}

export interface ShiftCsvNames {
  terminalName: (id: string) => string;
  userName: (id: string | null) => string;
  statusLabel: (status: ShiftListItem["status"]) => string;
}

/** Centavos as a spreadsheet in Colombia reads a number: "12500" or "12500,50" (comma decimals, no grouping). */
export function csvAmount(minor: number | null): string {
  if (minor === null) return "";
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  const cents = abs % 100;
  const whole = String((abs - cents) / 100);
  return cents === 0 ? `${sign}${whole}` : `${sign}${whole},${String(cents).padStart(2, "0")}`;
}

/** "2026-03-01 08:05" in the shop's time zone: sortable, and what the owner saw on screen. */
export function csvDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return "";
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

/** Text a spreadsheet would run as a formula; a negative amount ("-5000", a Faltante) is a number, not one. */
const FORMULA_START = /^[=+@\t\r]|^-(?!\d+(?:,\d+)?$)/;

/**
 * The shifts as a CSV file for a spreadsheet: UTF-8 with a BOM (Excel's accents), ";" between
 * fields (a comma is the decimal mark here), names instead of ids, the difference against the
 * server's expected cash. Cells that a spreadsheet would run as a formula are escaped.
 */
export function shiftsCsv(
  rows: readonly ShiftListItem[],
  headers: ShiftCsvHeaders,
  names: ShiftCsvNames,
  timeZone: string,
): string {
  const order = Object.keys(headers) as (keyof ShiftCsvHeaders)[];
  const data = rows.map((s) => {
    const cells: Record<keyof ShiftCsvHeaders, string> = {
      terminal: names.terminalName(s.terminalId),
      openedBy: names.userName(s.openedBy),
      closedBy: names.userName(s.closedBy),
      openedAt: csvDateTime(s.openedAt, timeZone),
      closedAt: csvDateTime(s.closedAt, timeZone),
      status: names.statusLabel(s.status),
      openingFloat: csvAmount(s.openingFloat),
      serverExpected: csvAmount(s.serverExpectedCash),
      tillExpected: csvAmount(s.tillExpectedCash),
      counted: csvAmount(s.countedCash),
      difference: csvAmount(s.serverDifference),
      invoices: String(s.invoiceCount),
      id: s.id,
    };
    return order.map((k) => cells[k]);
  });
  const body = Papa.unparse(
    { fields: order.map((k) => headers[k]), data },
    { delimiter: ";", newline: "\r\n", escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${body}\r\n`;
}
