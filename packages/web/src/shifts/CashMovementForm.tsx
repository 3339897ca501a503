import type { CashMovement, CashMovementKind } from "@mostrador/domain";
import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { parseMoneyInput } from "../sale/payment";
import { useAppServices } from "../services/appServices";

/** "Movimientos de efectivo": an Ingreso or a Retiro with its amount and reason. */
export function CashMovementForm(props: {
  shiftId: string;
  userId: string;
  /** The notice to show and the movement just recorded (for its slip). */
  onDone: (notice: string, movement: CashMovement) => void;
  onCancel: () => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t, money } = useI18n();
  const [kind, setKind] = useState<CashMovementKind>("out");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = parseMoneyInput(amount);
    if (value === null || value <= 0) return setError(t("shift.badAmount"));
    if (reason.trim() === "") return setError(t("shift.reasonRequired"));
    setBusy(true);
    try {
      const shift = await store.addCashMovement(props.shiftId, { kind, amount: value, reason, by: props.userId });
      syncEngine.requestSync("shift"); // on disk: upload it when the connection allows
      const movement = shift.document.movements[shift.document.movements.length - 1] as CashMovement;
      props.onDone(
        t("shift.recorded", { kind: t(kind === "in" ? "shift.in" : "shift.out"), amount: money(value) }),
        movement,
      );
    } catch (e) {
      setError(t("shift.saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card shift-form" onSubmit={(e) => void submit(e)} aria-labelledby="movement-title">
      <h2 id="movement-title">{t("shift.movements")}</h2>
      <label className="field">
        <span>{t("shift.movementKind")}</span>
        <select value={kind} onChange={(e) => setKind(e.target.value as CashMovementKind)}>
          <option value="in">{t("shift.in")}</option>
          <option value="out">{t("shift.out")}</option>
        </select>
      </label>
      <label className="field">
        <span>{t("shift.amount")}</span>
        <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} autoFocus />
      </label>
      <label className="field">
        <span>{t("shift.reason")}</span>
        <input
          value={reason}
          maxLength={200}
          placeholder={t("shift.reasonPlaceholder")}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={props.onCancel}>
          {t("shift.cancel")}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t("shift.record")}
        </button>
      </div>
    </form>
  );
}
