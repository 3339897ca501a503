import { type CashDenomination, COP_BILLS, COP_COINS } from "@mostrador/domain";
import type { I18n } from "../i18n/i18n";

export type DenominationForm = "bill" | "coin";

/** One box of the count: a bill or a coin of a value (centavos). */
export interface DenominationSlot {
  value: number;
  form: DenominationForm;
}

/** Billetes then monedas, largest first, as the drawer is counted. */
export const DENOMINATION_SLOTS: readonly DenominationSlot[] = [
  ...COP_BILLS.map((value) => ({ value, form: "bill" as const })),
  ...COP_COINS.map((value) => ({ value, form: "coin" as const })),
];

export const slotKey = (slot: DenominationSlot) => `${slot.form}-${slot.value}`;

/** What the cashier typed per slot (a count of pieces), by slotKey. */
export type TypedCounts = Readonly<Record<string, string>>;

export const MAX_PIECES = 1_000_000;

/**
 * The count by denomination: the cash it makes and the closing's entries (pieces > 0 only), or
 * the first slot whose text is not a whole number of pieces. Empty boxes are 0.
 */
export function countDenominations(
  typed: TypedCounts,
): { cash: number; entries: CashDenomination[] } | { problem: DenominationSlot } {
  let cash = 0;
  const entries: CashDenomination[] = [];
  for (const slot of DENOMINATION_SLOTS) {
    const text = (typed[slotKey(slot)] ?? "").trim();
    if (text === "") continue;
    if (!/^\d{1,7}$/.test(text) || Number(text) > MAX_PIECES) return { problem: slot };
    const count = Number(text);
    if (count === 0) continue;
    cash += slot.value * count;
    entries.push({ value: slot.value, form: slot.form, count });
  }
  return { cash, entries };
}

/** "Billete $ 50.000", "Moneda $ 500"; a closing written before forms were kept shows the value alone. */
export function denominationLabel(i18n: Pick<I18n, "t" | "money">, d: { value: number; form?: DenominationForm }) {
  if (!d.form) return i18n.money(d.value);
  return i18n.t(d.form === "bill" ? "shift.bill" : "shift.coin", { amount: i18n.money(d.value) });
}
