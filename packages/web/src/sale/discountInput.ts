import type { Minor } from "@mostrador/domain";
import { formatMoneyInput, parseMoneyInput } from "./payment";

/** A discount as the cashier enters it: a percentage, or an amount in minor units. */
export type DiscountEntry = { mode: "percent"; percent: number } | { mode: "amount"; amount: Minor };
export type DiscountMode = DiscountEntry["mode"];

/**
 * Reads a discount field: "10 %" or "12,5%" is a percentage, "$ 2.000" an amount (Colombian
 * grouping, as the payment fields read it); a bare number is read in the field's current mode.
 * Empty is no discount; null when the text is not a discount (or a percentage above 100).
 */
export function parseDiscountInput(text: string, mode: DiscountMode): DiscountEntry | null {
  const trimmed = text.trim();
  const percentSign = trimmed.endsWith("%");
  const moneySign = trimmed.startsWith("$");
  if (percentSign && moneySign) return null;
  const as: DiscountMode = percentSign ? "percent" : moneySign ? "amount" : mode;
  if (as === "amount") {
    const amount = parseMoneyInput(trimmed);
    return amount === null ? null : { mode: "amount", amount };
  }
  const number = trimmed.replace(/%$/, "").trim().replace(",", ".");
  if (number === "") return { mode: "percent", percent: 0 };
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(number)) return null;
  const percent = Number(number);
  return percent <= 100 ? { mode: "percent", percent } : null;
}

/** The discount as the field shows it back: "10 %", "12,5 %", "$ 2.000"; empty when there is none. */
export function formatDiscountInput(entry: DiscountEntry | null): string {
  if (!entry) return "";
  if (entry.mode === "amount") return entry.amount > 0 ? `$ ${formatMoneyInput(entry.amount)}` : "";
  return entry.percent > 0 ? `${String(entry.percent).replace(".", ",")} %` : "";
}
