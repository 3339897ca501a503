import { useI18n } from "../i18n/i18n";
import { rejectionText } from "../invoiceError/rejectionText";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import type { LocalInvoice } from "../storage/localRecords";
import { InvoiceStatusBadge } from "./InvoiceStatusBadge";

/** The sales history on a phone: one card per invoice (number, status, date, client, total); a tap opens it. */
export function InvoiceCards(props: {
  invoices: readonly LocalInvoice[];
  timeZone: string | undefined;
  onOpen: (invoiceId: string) => void;
}) {
  const { t, money, dateTime, locale } = useI18n();
  return (
    <ul className="invoice-cards" aria-label={t("history.title")}>
      {props.invoices.map((invoice) => {
        const number = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "—";
        return (
          <li key={invoice.id} className="invoice-card" data-status={invoice.status}>
            <button
              type="button"
              className="invoice-card__open"
              aria-label={t("history.open", { number })}
              onClick={() => props.onOpen(invoice.id)}
            >
              <span className="invoice-card__head">
                <strong className="invoice-card__number">{number}</strong>
                <InvoiceStatusBadge status={invoice.status} />
              </span>
              <span className="invoice-card__row">
                <span className="muted">{dateTime(invoice.issuedAt, invoice.receipt?.timeZone ?? props.timeZone)}</span>
                <strong className="invoice-card__total">{money(invoice.total)}</strong>
              </span>
              {invoice.clientName && <span className="invoice-card__client">{invoice.clientName}</span>}
              {invoice.status === "error" && invoice.errors.length > 0 && (
                <span className="history__reasons">
                  {t("invoiceError.rowReasons", {
                    reasons: invoice.errors.map((e) => rejectionText(e, locale)).join(" · "),
                  })}
                </span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
