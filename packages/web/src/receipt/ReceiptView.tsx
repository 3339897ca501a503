import { useLiveQuery } from "dexie-react-hooks";
import { useEffect, useRef } from "react";
import { useI18n } from "../i18n/i18n";
import { markEnd } from "../perf/performanceMarks";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { Receipt } from "./Receipt";

interface ReceiptViewProps {
  invoiceId: string;
  initial: LocalInvoice;
  notice?: string | null;
  fallbackContext?: ReceiptContext | null;
  onNewSale?: () => void;
}

/** The saved invoice's ticket with "Imprimir" and "Nueva venta"; follows the invoice live (number, status). */
export function ReceiptView({ invoiceId, initial, notice, fallbackContext = null, onNewSale }: ReceiptViewProps) {
  const { store } = useAppServices();
  const { t } = useI18n();
  const newSaleButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    markEnd("mostrador:invoice");
    // "Nueva venta" takes the focus in the frame that shows the receipt, not in the commit (autoFocus
    // there forces a layout of the whole page before anything can paint).
    const frame = requestAnimationFrame(() => {
      newSaleButton.current?.focus();
      setTimeout(() => markEnd("mostrador:invoice-frame"), 0);
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  const invoice = useLiveQuery(async () => (await store.getInvoice(invoiceId)) ?? initial, [store, invoiceId], initial);
  return (
    <section className="receipt-view">
      {notice && <p className="message message--info no-print">{notice}</p>}
      {invoice.status === "pending" && <p className="muted no-print">{t("receipt.savedOffline")}</p>}
      <Receipt invoice={invoice} fallbackContext={fallbackContext} />
      <div className="receipt-view__actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("receipt.print")}
        </button>
        {onNewSale && (
          <button
            ref={newSaleButton}
            type="button"
            className="button button--primary button--large"
            onClick={onNewSale}
          >
            {t("receipt.newSale")}
          </button>
        )}
      </div>
    </section>
  );
}
