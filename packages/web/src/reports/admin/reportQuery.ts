import type { ReportPeriod } from "@mostrador/domain";

/** The period the screens share; custom days stay as typed until applied. */
export interface PeriodChoice {
  period: ReportPeriod;
  from: string;
  to: string;
}

export const defaultPeriod: PeriodChoice = { period: "today", from: "", to: "" };

/** The period's query string for every report endpoint; null while a custom period lacks a day. */
export function periodQuery(choice: PeriodChoice): string | null {
  if (choice.period !== "custom") return `period=${choice.period}`;
  if (!choice.from || !choice.to) return null;
  return `period=custom&from=${choice.from}&to=${choice.to}`;
}

export interface SalesFilters {
  terminalId: string;
  cashierId: string;
  clientId: string;
  paymentMethodId: string;
  status: string;
  number: string;
}

export const noSalesFilters: SalesFilters = {
  terminalId: "",
  cashierId: "",
  clientId: "",
  paymentMethodId: "",
  status: "",
  number: "",
};

/** "Ventas": the period, the filters that are set and the page. */
export function salesQuery(choice: PeriodChoice, filters: SalesFilters, page: { limit: number; offset: number }) {
  const period = periodQuery(choice);
  if (period === null) return null;
  const params = new URLSearchParams(period);
  for (const [k, v] of Object.entries(filters)) if (v.trim()) params.set(k, v.trim());
  params.set("limit", String(page.limit));
  params.set("offset", String(page.offset));
  return params.toString();
}
