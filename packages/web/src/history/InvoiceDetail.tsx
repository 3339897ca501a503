import { useAppServices } from "../app/appServices";
import { useLiveQuery } from "../hooks/useLiveQuery";
import { useI18n } from "../i18n/i18n";
import { ReceiptView } from "../receipt/ReceiptView";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";

/** One invoice of the history: status, the server's reasons when in error, and its receipt. */
export function InvoiceDetail(props: {
  invoiceId: string;
  fallbackContext: ReceiptContext | null;
  onBack: () => void;
}) {
  const { store } = useAppServices();
  const { t, locale } = useI18n();
  const invoice = useLiveQuery(
    () => store.getInvoice(props.invoiceId),
    [store, props.invoiceId],
    undefined as LocalInvoice | undefined,
  );
  return (
    <section className="invoice-detail" aria-label={t("history.detail")}>
      <div className="invoice-detail__bar no-print">
        <button type="button" className="button" onClick={props.onBack}>
          ← {t("history.back")}
        </button>
        {invoice && <InvoiceStatusBadge status={invoice.status} />}
      </div>
      {invoice && invoice.errors.length > 0 && (
        <div className="message message--error no-print" role="alert">
          <strong>{t("history.errors")}</strong>
          <ul>
            {invoice.errors.map((error, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the server's list of reasons is fixed
              <li key={`${error.code}-${i}`}>{locale === "en" ? error.message : error.messageEs}</li>
            ))}
          </ul>
        </div>
      )}
      {invoice && <ReceiptView invoiceId={invoice.id} initial={invoice} fallbackContext={props.fallbackContext} />}
    </section>
  );
}
