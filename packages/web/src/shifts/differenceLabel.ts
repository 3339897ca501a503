import type { I18n } from "../i18n/i18n";

/** counted − expected as the cashier reads it: "Sobrante $ X", "Faltante $ X" or "Sin diferencia". */
export function differenceLabel(i18n: Pick<I18n, "t" | "money">, difference: number): string {
  if (difference > 0) return i18n.t("shift.over", { amount: i18n.money(difference) });
  if (difference < 0) return i18n.t("shift.short", { amount: i18n.money(-difference) });
  return i18n.t("shift.even");
}
