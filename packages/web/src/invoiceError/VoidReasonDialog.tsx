import { type FormEvent, useState } from "react";
import { useI18n } from "../i18n/i18n";

/**
 * The dialog of every "Anular": a required reason, Cancelar and the confirm button. What the void
 * does is the caller's: `void` answers null when done (the dialog closes) or the message to show.
 */
export function VoidReasonDialog(props: {
  title: string;
  hint: string;
  reasonLabel: string;
  confirmLabel: string;
  /** Shown above the reason, e.g. why the void cannot be made now; `blocked` disables confirming. */
  warning?: string | null;
  blocked?: boolean;
  void: (reason: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || props.blocked) return;
    if (reason.trim() === "") return setError(t("invoiceError.voidReasonRequired"));
    setBusy(true);
    setError(null);
    const problem = await props.void(reason);
    if (problem === null) return props.onClose();
    setBusy(false);
    setError(problem);
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
        <h2 id="void-title">{props.title}</h2>
        <p>{props.hint}</p>
        {props.warning && (
          <p className="message message--warning" role="alert">
            {props.warning}
          </p>
        )}
        <label className="field">
          <span>{props.reasonLabel}</span>
          <textarea
            value={reason}
            aria-required="true"
            maxLength={200}
            rows={3}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error && !props.blocked && (
          <p className="message message--error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            {t("invoiceError.cancel")}
          </button>
          <button type="submit" className="button button--danger" disabled={busy || props.blocked}>
            {busy ? t("invoiceError.voiding") : props.confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
