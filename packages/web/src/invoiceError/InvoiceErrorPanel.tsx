import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { resendInvoice } from "./invoiceActions";
import { rejectionText } from "./rejectionText";
import { VoidInvoiceDialog } from "./VoidInvoiceDialog";
import "./invoiceError.css";

/**
 * An invoice the server rejected: its reasons and what the cashier can do — "Editar",
 * "Sincronizar de nuevo" (the cause was fixed on the server) and "Anular".
 */
export function InvoiceErrorPanel(props: { invoice: LocalInvoice; online: boolean; onEdit: () => void }) {
  const { invoice, online } = props;
  const services = useAppServices();
  const { t, locale } = useI18n();
  const [voiding, setVoiding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const number = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "—";

  async function resend() {
    setBusy(true);
    setMessage(null);
    try {
      await resendInvoice(services, invoice);
      setMessage(t("invoiceError.resent"));
    } catch (error) {
      setMessage(t("invoiceError.actionFailed", { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="invoice-error no-print">
      <div className="message message--error" role="alert">
        <strong>{t("history.errors")}</strong>
        <ul>
          {invoice.errors.map((error, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the server's list of reasons is fixed
            <li key={`${error.code}-${i}`}>{rejectionText(error, locale)}</li>
          ))}
        </ul>
      </div>
      <p className="muted">{t("invoiceError.actionsHint")}</p>
      <div className="invoice-error__actions">
        <button type="button" className="button button--primary" onClick={props.onEdit} disabled={busy}>
          {t("invoiceError.edit")}
        </button>
        <button type="button" className="button" onClick={() => void resend()} disabled={busy}>
          {t("invoiceError.resend")}
        </button>
        <button type="button" className="button button--danger" onClick={() => setVoiding(true)} disabled={busy}>
          {t("invoiceError.void")}
        </button>
      </div>
      {message && (
        <p className="message message--info" role="status">
          {message}
        </p>
      )}
      {voiding && (
        <VoidInvoiceDialog invoice={invoice} number={number} online={online} onClose={() => setVoiding(false)} />
      )}
    </div>
  );
}
