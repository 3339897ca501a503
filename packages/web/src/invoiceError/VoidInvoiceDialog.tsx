import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { voidInvoiceOnServer } from "./invoiceActions";

/** "Anular" with a required reason; online only (the server records the void). */
export function VoidInvoiceDialog(props: {
  invoice: LocalInvoice;
  number: string;
  online: boolean;
  onClose: () => void;
}) {
  const services = useAppServices();
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const outcome = await voidInvoiceOnServer(services, props.invoice, reason, props.online);
    setBusy(false);
    if (outcome.ok) {
      props.onClose();
      return;
    }
    if (outcome.problem === "reason_required") setError(t("invoiceError.voidReasonRequired"));
    else if (outcome.problem === "offline") setError(t("invoiceError.voidOffline"));
    else setError(t("invoiceError.voidFailed", { message: outcome.message ?? "" }));
  }

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="void-title"
        onSubmit={(e) => void submit(e)}
      >
        <h2 id="void-title">{t("invoiceError.voidTitle", { number: props.number })}</h2>
        <p>{t("invoiceError.voidHint")}</p>
        {!props.online && (
          <p className="message message--warning" role="alert">
            {t("invoiceError.voidOffline")}
          </p>
        )}
        <label className="field">
          <span>{t("invoiceError.voidReason")}</span>
          <textarea
            value={reason}
            aria-required="true"
            maxLength={200}
            rows={3}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error && props.online && (
          <p className="message message--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            {t("invoiceError.cancel")}
          </button>
          <button type="submit" className="button button--danger" disabled={busy || !props.online}>
            {busy ? t("invoiceError.voiding") : t("invoiceError.voidConfirm")}
          </button>
        </div>
      </form>
    </div>
  );
}
