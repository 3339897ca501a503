import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { parseMoneyInput } from "../sale/payment";
import { useAppServices } from "../services/appServices";
import { LocalStoreError } from "../storage/localStoreErrors";
import "./shifts.css";

/** "Abrir turno": the sale screen of a terminal that requires a shift shows this until one is open. */
export function OpenShiftForm(props: { terminalId: string; deviceId: string; userId: string }) {
  const { store, syncEngine } = useAppServices();
  const { t } = useI18n();
  const [float, setFloat] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const openingFloat = parseMoneyInput(float);
    if (openingFloat === null || float.trim() === "") {
      setError(t("shift.badAmount"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // Resolves once the shift is on disk; the live query then swaps this form for the sale.
      await store.openShift({ ...shiftOwner(props), openingFloat, note: note.trim() });
      syncEngine.requestSync("shift"); // on disk: upload it when the connection allows
    } catch (e) {
      if (e instanceof LocalStoreError && e.code === "SHIFT_ALREADY_OPEN") setError(t("shift.alreadyOpen"));
      else setError(t("shift.saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card shift-form" onSubmit={(e) => void submit(e)} aria-labelledby="open-shift-title">
      <h2 id="open-shift-title">{t("shift.openTitle")}</h2>
      <p className="muted">{t("shift.openHint")}</p>
      <label className="field">
        <span>{t("shift.openingFloat")}</span>
        <input inputMode="decimal" value={float} onChange={(e) => setFloat(e.target.value)} autoFocus required />
      </label>
      <label className="field">
        <span>{t("shift.note")}</span>
        <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary button--large" disabled={busy}>
        {t("shift.open")}
      </button>
    </form>
  );
}

function shiftOwner(props: { terminalId: string; deviceId: string; userId: string }) {
  return { terminalId: props.terminalId, deviceId: props.deviceId, openedBy: props.userId };
}
