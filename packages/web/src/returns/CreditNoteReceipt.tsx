import { computeCreditNoteTotals } from "@mostrador/domain";
import "./registerReturnsMessages";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { ReceiptTenders, ReceiptTotals } from "../receipt/ReceiptTotals";
import type { LocalCreditNote, ReceiptContext } from "../storage/localRecords";
import "../receipt/receipt.css";

/** The 80 mm "Nota crédito" ticket: the same layout and print CSS as the invoice's receipt. */
export function CreditNoteReceipt({
  note,
  fallbackContext,
}: {
  note: LocalCreditNote;
  fallbackContext: ReceiptContext | null;
}) {
  const { t, money, number: formatNumber } = useI18n();
  const context = note.receipt ?? fallbackContext;
  const doc = note.document;
  const lineTotals = computeCreditNoteTotals(doc.lines).lines;
  const number = formatInvoiceNumber(note.prefix, note.number) ?? "";
  const invoiceNumber = formatInvoiceNumber(doc.invoicePrefix, doc.invoiceNumber) ?? "";
  const issued = new Intl.DateTimeFormat("es-CO", {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: context?.timeZone,
  }).format(new Date(doc.issuedAt));
  return (
    <article className="receipt" aria-label={t("returns.creditNote", { number })}>
      <header className="receipt__header">
        <strong className="receipt__company">{context?.companyName}</strong>
        {context && <span>{t("receipt.nit", { nit: context.companyNit })}</span>}
        {context?.companyAddress && <span>{context.companyAddress}</span>}
        <strong className="receipt__number">{t("returns.creditNote", { number })}</strong>
        <span>{t("returns.ofInvoice", { number: invoiceNumber })}</span>
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
        {context?.clientName && (
          <div>
            <dt>{t("receipt.client")}</dt>
            <dd>{context.clientName}</dd>
          </div>
        )}
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
            <tr key={line.invoiceLineIndex}>
              <td>{formatNumber(line.quantity)}</td>
              <td>
                {line.description}
                <br />
                <small>@ {money(line.unitPrice)}</small>
              </td>
              <td>{money(lineTotals[i]?.total ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReceiptTotals totals={doc.totals} />
      <ReceiptTenders
        id={`credit-note-refunds-${note.id}`}
        title={t("returns.refunded")}
        tenders={doc.refunds}
        methodNames={context?.paymentMethodNames}
      />
      <footer className="receipt__footer">{t("returns.reasonLabel", { reason: doc.reason })}</footer>
    </article>
  );
}
