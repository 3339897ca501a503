import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { InvoiceEditor } from "../invoiceError/InvoiceEditor";
import { InvoiceErrorPanel } from "../invoiceError/InvoiceErrorPanel";
import { ServerInvoiceHistory } from "../invoiceError/ServerInvoiceHistory";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { ReceiptView } from "../receipt/ReceiptView";
import { InvoiceReturnsPanel } from "../returns/InvoiceReturnsPanel";
import { ReturnScreen, type ReturnView } from "../returns/ReturnScreen";
import { useSellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import { useConnectivity } from "../services/useConnectivity";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";

/** One invoice of the history: status, the server's reasons when in error, and its receipt. */
export function InvoiceDetail(props: {
  invoiceId: string;
  fallbackContext: ReceiptContext | null;
  onBack: () => void;
}) {
  const { store } = useAppServices();
  const { t } = useI18n();
  const online = useConnectivity() === "online";
  const sellingData = useSellingData();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [returnView, setReturnView] = useState<ReturnView | null>(null);
  const invoice = useLiveQuery(
    () => store.getInvoice(props.invoiceId),
    [store, props.invoiceId],
    undefined as LocalInvoice | undefined,
  );
  if (editing && invoice && invoice.status === "error" && sellingData) {
    return (
      <InvoiceEditor
        invoice={invoice}
        data={sellingData}
        online={online}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setNotice(t("invoiceError.saved", { revision: saved.document.revision }));
        }}
      />
    );
  }
  if (returnView && invoice && sellingData) {
    return (
      <section className="invoice-detail" aria-label={t("history.detail")}>
        <ReturnScreen
          invoice={invoice}
          view={returnView}
          data={sellingData}
          fallbackContext={props.fallbackContext}
          onView={setReturnView}
        />
      </section>
    );
  }
  return (
    <section className="invoice-detail" aria-label={t("history.detail")}>
      <div className="invoice-detail__bar no-print">
        <button type="button" className="button" onClick={props.onBack}>
          ← {t("history.back")}
        </button>
        {invoice && <InvoiceStatusBadge status={invoice.status} />}
      </div>
      {notice && (
        <p className="message message--info no-print" role="status">
          {notice}
        </p>
      )}
      {invoice?.status === "error" && (
        <InvoiceErrorPanel invoice={invoice} online={online} onEdit={() => setEditing(true)} />
      )}
      {invoice?.status === "voided" && invoice.voidReason && (
        <p className="message message--info no-print">
          {t("invoiceError.voidedReason", { reason: invoice.voidReason })}
        </p>
      )}
      {invoice?.voidedNumbers && invoice.voidedNumbers.length > 0 && (
        <p className="muted no-print">
          {t("invoiceError.oldNumbersVoided", {
            numbers: invoice.voidedNumbers.map((v) => formatInvoiceNumber(v.prefix, v.number)).join(", "),
          })}
        </p>
      )}
      {invoice && sellingData && invoice.status !== "error" && (
        <InvoiceReturnsPanel
          invoice={invoice}
          data={sellingData}
          fallbackContext={props.fallbackContext}
          onView={setReturnView}
        />
      )}
      {invoice && <ReceiptView invoiceId={invoice.id} initial={invoice} fallbackContext={props.fallbackContext} />}
      {invoice && <ServerInvoiceHistory invoice={invoice} online={online} />}
    </section>
  );
}
