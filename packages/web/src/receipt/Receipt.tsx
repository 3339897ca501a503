import { amountBeforeTicketDiscount } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { formatInvoiceNumber, formatIsoDate, formatReceiptDateTime } from "./invoiceNumber";
import { ReceiptTenders, ReceiptTotals } from "./ReceiptTotals";
import "./receipt.css";

interface ReceiptProps {
  invoice: LocalInvoice;
  /** Used when the invoice was not made here (imported or downloaded) and has no frozen context. */
  fallbackContext: ReceiptContext | null;
}

/** The Colombian POS ticket ("tirilla"), 80 mm wide when printed. */
export function Receipt({ invoice, fallbackContext }: ReceiptProps) {
  const { t, money, number: formatNumber } = useI18n();
  const context = invoice.receipt ?? fallbackContext;
  const doc = invoice.document;
  // Each line as sold after its own discount; the ticket discount is one row of the totals.
  const lineAmounts = doc.lines.map(amountBeforeTicketDiscount);
  const invoiceNumber = formatInvoiceNumber(invoice.prefix, invoice.number) ?? t("receipt.numberPending");
  const issued = formatReceiptDateTime(doc.issuedAt, context?.timeZone);
  return (
    <article className="receipt" aria-label={t("receipt.title", { number: invoiceNumber })}>
      <header className="receipt__header">
        <strong className="receipt__company">{context?.companyName}</strong>
        {context && <span>{t("receipt.nit", { nit: context.companyNit })}</span>}
        {context?.taxRegime && <span>{t(`receipt.taxRegime.${context.taxRegime}`)}</span>}
        {context?.companyAddress && <span>{context.companyAddress}</span>}
        {context?.companyPhone && <span>{t("receipt.phone", { phone: context.companyPhone })}</span>}
        {context?.receiptHeader && <p className="receipt__text">{context.receiptHeader}</p>}
        <strong className="receipt__number">
          {context?.electronic
            ? t("receipt.electronicNumber", { number: invoiceNumber })
            : t("receipt.invoiceNumber", { number: invoiceNumber })}
        </strong>
        {invoice.status === "voided" && <strong className="receipt__voided">{t("receipt.voided")}</strong>}
        {context && (
          <small className="receipt__authorization">
            {context.resolution && <>{context.resolution}. </>}
            {t("receipt.authorization", {
              prefix: invoice.prefix,
              from: context.rangeFrom,
              to: context.rangeTo,
              validFrom: formatIsoDate(context.validFrom),
              validUntil: formatIsoDate(context.validUntil),
            })}
          </small>
        )}
      </header>
      <dl className="receipt__facts">
        <div>
          <dt>{t("receipt.date")}</dt>
          <dd>{issued}</dd>
        </div>
        <div>
          <dt>{t("receipt.terminal")}</dt>
          <dd>{context?.terminalName}</dd>
        </div>
        <div>
          <dt>{t("receipt.cashier")}</dt>
          <dd>{context?.cashierName}</dd>
        </div>
        <div>
          <dt>{t("receipt.client")}</dt>
          <dd>
            {invoice.clientName || context?.clientName}
            {context?.clientIdNumber && (
              <>
                {" "}
                · {context.clientIdType} {context.clientIdNumber}
              </>
            )}
          </dd>
        </div>
      </dl>
      <table className="receipt__lines">
        <thead>
          <tr>
            <th scope="col">{t("receipt.qty")}</th>
            <th scope="col">{t("receipt.description")}</th>
            <th scope="col">{t("receipt.value")}</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a saved invoice's lines never reorder
            <tr key={`${line.productId}-${i}`}>
              <td>{formatNumber(line.quantity)}</td>
              <td>
                {line.description}
                <br />
                <small>
                  @ {money(line.unitPrice)}
                  {line.discountPercent > 0 && <> · {t("receipt.discountLine", { percent: line.discountPercent })}</>}
                  {(line.discountAmount ?? 0) > 0 && (
                    <> · {t("receipt.discountAmountLine", { amount: money(line.discountAmount ?? 0) })}</>
                  )}
                </small>
              </td>
              <td>{money(lineAmounts[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReceiptTotals
        totals={doc.totals}
        ticketDiscount={
          doc.ticketDiscount
            ? {
                linesSum: lineAmounts.reduce((sum, a) => sum + a, 0),
                amount: lineAmounts.reduce((sum, a) => sum + a, 0) - doc.totals.total,
                percent: doc.ticketDiscount.percent,
              }
            : undefined
        }
      />
      <ReceiptTenders
        id={`receipt-payments-${invoice.id}`}
        title={t("receipt.payments")}
        tenders={doc.payments}
        methodNames={context?.paymentMethodNames}
        change={doc.totals.change}
      />
      <footer className="receipt__footer">
        {context?.receiptFooter ? <p className="receipt__text">{context.receiptFooter}</p> : t("receipt.thanks")}
      </footer>
    </article>
  );
}
