import type { CashMovement } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import "../receipt/receipt.css";

/** Names printed on till paper: the till knows them from its session. */
export interface TillNames {
  company: string;
  terminal: string;
  cashier: string;
  cashierId: string;
}

/** The small 80 mm slip of an "Ingreso" or "Retiro" (to sign and keep with the cash). */
export function MovementSlip({ movement, names }: { movement: CashMovement; names: TillNames }) {
  const { t, money, dateTime } = useI18n();
  const kind = t(movement.kind === "in" ? "shift.in" : "shift.out");
  const row = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <article className="receipt movement-slip" aria-label={t("shift.slipTitle", { kind })}>
      <header className="receipt__header">
        <strong className="receipt__company">{names.company}</strong>
        <strong>{t("shift.slipTitle", { kind })}</strong>
      </header>
      <dl>
        {row(t("shift.slipTerminal"), names.terminal)}
        {row(t("shift.slipCashier"), names.cashier)}
        {row(t("shift.slipTime"), dateTime(movement.at))}
        {row(t("shift.movementKind"), kind)}
        {row(t("shift.amount"), money(movement.amount))}
        {row(t("shift.reason"), movement.reason)}
      </dl>
      <p className="movement-slip__signature">{t("shift.slipSignature")}: ______________________</p>
    </article>
  );
}
