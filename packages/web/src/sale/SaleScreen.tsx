import { Suspense, useEffect, useMemo, useState } from "react";
import { flushSync } from "react-dom";
import { useI18n } from "../i18n/i18n";
import { preloadableComponent } from "../lazyLoading/preloadableComponent";
import { afterNextFrame } from "../perf/afterNextFrame";
import { markStart } from "../perf/performanceMarks";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { checkout } from "./checkout";
import { sellingNumbering, withNumbering } from "./contingencySale";
import { SaleEditor } from "./SaleEditor";
import { type SaleSubmission, type SubmitOutcome, useSaleDraft } from "./useSaleDraft";
import type { SellingData } from "./useSellingData";

/**
 * The receipt is its own chunk, fetched right after the sale screen first shows (from the service
 * worker's cache when offline), so "Facturar" still shows it without waiting for a download.
 */
const receiptView = preloadableComponent(() => import("../receipt/ReceiptView").then((m) => m.ReceiptView));
const ReceiptView = receiptView.Component;

/**
 * The selling screen: the sale editor → "Facturar" → receipt → "Nueva venta". `shiftId`: the open
 * cash shift the sales belong to (shifts/ShiftGate decides whether the screen shows at all).
 */
export function SaleScreen({
  data,
  online,
  active,
  shiftId = null,
}: {
  data: SellingData;
  online: boolean;
  active: boolean;
  shiftId?: string | null;
}) {
  const services = useAppServices();
  const { t } = useI18n();
  // The sync a sale asks for starts once its receipt is painted: its reads and writes of the invoices
  // would otherwise share the receipt's frame. (An electronic sale's push is awaited, as before.)
  const checkoutServices = useMemo(() => {
    const { store, syncEngine } = services;
    return {
      store,
      syncEngine: {
        requestSync: (reason: string) => afterNextFrame(() => syncEngine.requestSync(reason)),
        pushPending: (options?: { ids?: readonly string[] }) => syncEngine.pushPending(options),
      },
    };
  }, [services]);
  // Offline on a DEE POS terminal with a contingency numbering: contingency tickets (issue 19).
  const numbering = sellingNumbering(data, online);
  const selling = useMemo(() => withNumbering(data, numbering), [data, numbering]);
  const draft = useSaleDraft({ data: selling, online });
  const [receipt, setReceipt] = useState<LocalInvoice | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    receiptView.preload().catch(() => undefined); // tried again when a receipt is shown
  }, []);

  async function invoice(sale: SaleSubmission): Promise<SubmitOutcome> {
    markStart("mostrador:invoice");
    markStart("mostrador:invoice-frame");
    const result = await checkout(checkoutServices, { ...sale, context: { ...selling.context, shiftId }, online });
    if (!result.ok) return result;
    // The invoice is durable now (checkout resolved after the commit). Its receipt, already in memory,
    // goes on screen at once, in this task: before the live queries the write woke up answer and ask
    // for their own renders.
    flushSync(() => {
      setReceipt(result.invoice);
      setNotice(result.notice ? t(result.notice.key, result.notice.params) : null);
    });
    return { ok: true };
  }

  function newSale() {
    draft.reset();
    setReceipt(null);
    setNotice(null);
    setTimeout(() => draft.searchRef.current?.focus(), 0);
  }

  if (receipt) {
    return (
      <div className="sale-screen sale-screen--receipt" hidden={!active}>
        <h1 className="visually-hidden">{t("sale.screenTitle")}</h1>
        <Suspense fallback={null}>
          <ReceiptView invoiceId={receipt.id} initial={receipt} notice={notice} onNewSale={newSale} />
        </Suspense>
      </div>
    );
  }
  return <SaleEditor draft={draft} data={selling} online={online} onSubmit={invoice} active={active} />;
}
