import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { SellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { LocalStoreError } from "../storage/localStoreErrors";

/** "Anular" of a synced invoice with a required reason: recorded here (also offline) and synced like a document. */
export function VoidSyncedInvoiceDialog(props: {
  invoice: LocalInvoice;
  number: string;
  data: SellingData;
  onClose: () => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (reason.trim() === "") return setError(t("invoiceError.voidReasonRequired"));
    setBusy(true);
    setError(null);
    try {
      await store.returns.voidInvoice({
        invoiceId: props.invoice.id,
        deviceId: props.data.context.device.deviceId,
        voidedBy: props.data.session.user.id,
        role: props.data.session.user.role,
        reason,
      });
      syncEngine.requestSync("void");
      props.onClose();
    } catch (e) {
      setBusy(false);
      setError(
        e instanceof LocalStoreError && e.code === "VOID_REFUSED"
          ? t("void.refused.VOID_NOT_ALLOWED")
          : t("invoiceError.voidFailed", { message: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="void-synced-title"
        onSubmit={(e) => void submit(e)}
      >
        <h2 id="void-synced-title">{t("void.title", { number: props.number })}</h2>
        <p>{t("void.hint")}</p>
        <label className="field">
          <span>{t("void.reason")}</span>
          <textarea
            value={reason}
            aria-required="true"
            maxLength={200}
            rows={3}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error && (
          <p className="message message--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            {t("invoiceError.cancel")}
          </button>
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? t("invoiceError.voiding") : t("void.confirm")}
          </button>
        </div>
      </form>
    </div>
  );
}
