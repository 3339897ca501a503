import type { TerminalShift } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import "./shifts.css";

/**
 * The terminal's open shift held by another device (its cashier signed out), as the last pull
 * saw it; null when there is none, or it is this device's (taken over or closed here already).
 */
export function useShiftToTakeOver(terminalId: string, deviceId: string): TerminalShift | null | undefined {
  const { store } = useAppServices();
  return useLiveQuery(
    async () => {
      const shift = await store.getMeta("terminalShift");
      if (!shift || shift.document.terminalId !== terminalId || shift.document.deviceId === deviceId) return null;
      return (await store.getShift(shift.document.id)) ? null : shift;
    },
    [store, terminalId, deviceId],
    undefined,
  );
}

/**
 * "Turno abierto por {cajero} desde {hora}": instead of "Abrir turno" (the server would refuse a
 * second open shift), the cashier takes the shift over, or takes it over to close it at once.
 * Written here first like every shift write; the push uploads the handover.
 */
export function TakeOverShift(props: {
  shift: TerminalShift;
  deviceId: string;
  userId: string;
  onTaken: (then: "sell" | "close") => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t, money, dateTime } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { shift } = props;
  const sold = shift.soldElsewhere;

  async function takeOver(then: "sell" | "close") {
    setBusy(true);
    setError(null);
    try {
      await store.takeOverShift({ terminalShift: shift, deviceId: props.deviceId, by: props.userId });
      syncEngine.requestSync("shift");
      props.onTaken(then);
    } catch (e) {
      setError(t("shift.saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card shift-form" aria-labelledby="take-over-title">
      <h2 id="take-over-title">
        {t("shift.takeOver.title", { cashier: shift.heldByName, time: dateTime(shift.heldSince) })}
      </h2>
      <p className="muted">{t("shift.takeOver.hint")}</p>
      <p>
        {t("shift.takeOver.figures", {
          base: money(shift.document.openingFloat),
          count: sold.salesCount,
          total: money(sold.salesTotal),
        })}
      </p>
      {error && (
        <p className="message message--error" role="alert">
          {error}
        </p>
      )}
      <div className="shift-bar__row">
        <button
          type="button"
          className="button button--primary button--large"
          disabled={busy}
          onClick={() => void takeOver("sell")}
        >
          {t("shift.takeOver.take")}
        </button>
        <button type="button" className="button button--large" disabled={busy} onClick={() => void takeOver("close")}>
          {t("shift.takeOver.close")}
        </button>
      </div>
    </section>
  );
}
