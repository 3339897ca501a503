import { useI18n } from "../i18n/i18n";
import {
  DENOMINATION_SLOTS,
  type DenominationForm,
  denominationLabel,
  slotKey,
  type TypedCounts,
} from "./denominations";

/** "Contar por denominación": pieces per COP bill and coin; the form sums them into the counted cash. */
export function DenominationCount(props: { typed: TypedCounts; onChange: (typed: TypedCounts) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const group = (form: DenominationForm) => (
    <fieldset className="denominations__group">
      <legend>{t(form === "bill" ? "shift.bills" : "shift.coins")}</legend>
      {DENOMINATION_SLOTS.filter((s) => s.form === form).map((slot) => {
        const key = slotKey(slot);
        const label = denominationLabel(i18n, slot);
        return (
          <label key={key} className="denominations__slot">
            <span>{i18n.money(slot.value)}</span>
            <input
              inputMode="numeric"
              aria-label={t("shift.piecesOf", { label })}
              value={props.typed[key] ?? ""}
              onChange={(e) => props.onChange({ ...props.typed, [key]: e.target.value })}
            />
          </label>
        );
      })}
    </fieldset>
  );
  return (
    <div className="denominations">
      {group("bill")}
      {group("coin")}
    </div>
  );
}
