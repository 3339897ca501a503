import type { LocalInvoiceStatus } from "@mostrador/domain";
import { useLiveQuery } from "dexie-react-hooks";
import { type ChangeEvent, useDeferredValue, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { rejectionText } from "../invoiceError/rejectionText";
import { usePhoneLayout } from "../layout/useMediaQuery";
import { goTo } from "../navigation/appLocation";
import { PendingFileError } from "../pending/pendingInvoicesFile";
import { importResultText } from "../pending/unsyncedSummary";
import { usePendingInvoicesFile } from "../pending/usePendingInvoicesFile";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { ReceiptLookup } from "../returns/ReceiptLookup";
import { ReturnsInErrorList } from "../returns/ReturnsInErrorList";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { InvoiceCards } from "./InvoiceCards";
import { InvoiceDetail } from "./InvoiceDetail";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";

const statuses: LocalInvoiceStatus[] = ["pending", "synced", "error", "voided"];

/** "Ingresos → Historial de ventas": this device's invoices, newest first. */
export default function SalesHistory({
  fallbackContext,
  allSalesPath,
}: {
  fallbackContext: ReceiptContext | null;
  /** Admins: where every till's invoices are (Reportes → Ventas). */
  allSalesPath?: string;
}) {
  const { store } = useAppServices();
  const i18n = useI18n();
  const { t, money, dateTime, locale } = i18n;
  const { importPending } = usePendingInvoicesFile();
  const [status, setStatus] = useState<LocalInvoiceStatus | "">("");
  const [text, setText] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const deferredText = useDeferredValue(text);
  const invoices = useLiveQuery(
    () => store.listInvoices({ status: status || undefined, text: deferredText, limit: 500 }),
    [store, status, deferredText],
    [] as LocalInvoice[],
  );

  const phone = usePhoneLayout();
  // Everything in error the «Con error» view lists: invoices, and the credit notes and voids below them.
  const errorCount = useLiveQuery(
    async () => {
      const [invoices, others] = await Promise.all([
        store.countInvoicesByStatus(),
        store.countUnsyncedBesideInvoices(),
      ]);
      return invoices.error + others.creditNotes.error + others.voids.error;
    },
    [store],
    0,
  );

  if (openId) {
    return <InvoiceDetail invoiceId={openId} fallbackContext={fallbackContext} onBack={() => setOpenId(null)} />;
  }

  async function onImport(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    try {
      setMessage(importResultText(i18n, await importPending(file)));
    } catch (error) {
      const message =
        error instanceof PendingFileError
          ? t(`pending.fileError.${error.code}`)
          : error instanceof Error
            ? error.message
            : String(error);
      setMessage(t("history.importFailed", { message }));
    }
  }

  return (
    <section className="history" aria-labelledby="history-title">
      <div className="history__toolbar">
        <h1 id="history-title">{t("history.title")}</h1>
        <label className="field field--grow">
          <span className="visually-hidden">{t("history.search")}</span>
          <input
            type="search"
            aria-label={t("history.search")}
            placeholder={t("history.search")}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="visually-hidden">{t("history.status")}</span>
          <select
            aria-label={t("history.status")}
            value={status}
            onChange={(e) => setStatus(e.target.value as LocalInvoiceStatus | "")}
          >
            <option value="">{t("history.allStatuses")}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={`button${status === "error" ? " button--primary" : ""}`}
          aria-pressed={status === "error"}
          onClick={() => setStatus((current) => (current === "error" ? "" : "error"))}
        >
          {t("invoiceError.filterErrors", { count: errorCount })}
        </button>
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          {t("history.import")}
        </button>
        <input ref={fileInput} type="file" accept="application/json,.json" hidden onChange={(e) => void onImport(e)} />
      </div>
      <ReceiptLookup onOpen={setOpenId} />
      {message && (
        <p className="message message--info" role="status">
          {message}
        </p>
      )}
      {phone && (
        <InvoiceCards invoices={invoices} timeZone={fallbackContext?.timeZone} onOpen={(id) => setOpenId(id)} />
      )}
      {/* On a phone the cards above replace the table (layout/breakpoints.ts). */}
      <table className="history__table" hidden={phone}>
        <thead>
          <tr>
            <th scope="col">{t("history.number")}</th>
            <th scope="col">{t("history.date")}</th>
            <th scope="col">{t("history.client")}</th>
            <th scope="col" className="numeric">
              {t("history.total")}
            </th>
            <th scope="col">{t("history.status")}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => {
            const number = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "—";
            return (
              <tr key={invoice.id} data-status={invoice.status}>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={t("history.open", { number })}
                    onClick={() => setOpenId(invoice.id)}
                  >
                    {number}
                  </button>
                </td>
                <td>{dateTime(invoice.issuedAt, invoice.receipt?.timeZone ?? fallbackContext?.timeZone)}</td>
                <td>
                  {invoice.clientName}
                  {invoice.status === "error" && invoice.errors.length > 0 && (
                    <div className="history__reasons">
                      {t("invoiceError.rowReasons", {
                        reasons: invoice.errors.map((e) => rejectionText(e, locale)).join(" · "),
                      })}
                    </div>
                  )}
                </td>
                <td className="numeric">{money(invoice.total)}</td>
                <td>
                  <InvoiceStatusBadge status={invoice.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {invoices.length === 0 && <p className="muted">{t("history.empty")}</p>}
      {status === "error" && <ReturnsInErrorList onOpenInvoice={setOpenId} />}
      {allSalesPath && (
        <a
          href={allSalesPath}
          onClick={(e) => {
            e.preventDefault();
            goTo(allSalesPath);
          }}
        >
          {t("reports.link.allSales")}
        </a>
      )}
    </section>
  );
}
