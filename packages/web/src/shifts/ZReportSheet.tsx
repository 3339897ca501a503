import type { ShiftDocument, TaxKind, ZReport } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { taxLabel } from "../receipt/TaxLabel";
import { kindLabel } from "./CloseShiftForm";
import { denominationLabel } from "./denominations";
import { differenceLabel } from "./differenceLabel";
import "../receipt/receipt.css";

/** Who and where, when the caller knows the names (the back office does; the till knows its own). */
export interface ZReportPeople {
  company?: string;
  terminal?: string;
  openedBy?: string;
  closedBy?: string;
}

/**
 * The printable 80 mm "Cierre de turno" (Z report) from a shift document and the domain's
 * zReport figures: the till draws it over its local invoices, the back office over the server's.
 * `.receipt` reuses the receipt's print CSS.
 */
export function ZReportSheet(props: {
  document: ShiftDocument;
  report: ZReport;
  pendingInvoices: number;
  people?: ZReportPeople;
  timeZone?: string;
}) {
  const i18n = useI18n();
  const { t, money, dateTime, number } = i18n;
  const { document: doc, report, people = {}, timeZone } = props;
  const row = (label: string, value: string, key = label) => (
    <div key={key}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const range = (n: { prefix: string; number: number } | null) =>
    n ? (formatInvoiceNumber(n.prefix, n.number) ?? "") : "";
  const denominations = doc.closing?.cashDenominations?.filter((d) => d.count > 0) ?? [];
  return (
    <article className="receipt shift-report" aria-label={t("shift.reportTitle")}>
      <header className="receipt__header">
        {people.company && <strong className="receipt__company">{people.company}</strong>}
        <strong>{t("shift.reportTitle")}</strong>
        {people.terminal && <span>{people.terminal}</span>}
      </header>
      <dl>
        {row(t("shift.openedAt"), dateTime(doc.openedAt, timeZone))}
        {people.openedBy && row(t("shift.admin.openedBy"), people.openedBy)}
        {doc.closing && row(t("shift.closedAt"), dateTime(doc.closing.closedAt, timeZone))}
        {doc.closing && people.closedBy && row(t("shift.admin.closedBy"), people.closedBy)}
        {row(t("shift.openingFloat"), money(report.openingFloat))}
        {row(t("shift.salesCount"), number(report.salesCount))}
        {row(t("shift.salesTotal"), money(report.salesTotal))}
      </dl>
      {report.firstInvoice && (
        <p>{t("shift.invoiceRange", { first: range(report.firstInvoice), last: range(report.lastInvoice) })}</p>
      )}
      <h3>{t("shift.byMethod")}</h3>
      <dl className="shift-report__methods">
        {report.byPaymentMethod.map((m) =>
          row(t(kindLabel(m.kind)), money(m.amount), `${m.kind}-${m.paymentMethodId}`),
        )}
      </dl>
      <h3>{t("shift.taxes")}</h3>
      <dl>
        {report.taxes.map((x) =>
          row(taxLabel(x.kind as TaxKind, "", x.rateBp), money(x.amount), `${x.kind}${x.rateBp}`),
        )}
      </dl>
      <dl>
        {report.voidedCount > 0 && row(t("shift.voided", { count: report.voidedCount }), money(report.voidedTotal))}
        {(report.refundedCount ?? 0) > 0 &&
          row(t("shift.refunded", { count: report.refundedCount }), money(report.refundedTotal))}
        {(report.cashRefunded ?? 0) > 0 && row(t("shift.cashRefunded"), `−${money(report.cashRefunded)}`)}
        {row(t("shift.cashReceived"), money(report.cashReceived))}
        {row(t("shift.changeGiven"), money(report.changeGiven))}
        {row(t("shift.cashIn"), money(report.cashIn))}
        {row(t("shift.cashOut"), money(report.cashOut))}
      </dl>
      {doc.movements.length > 0 && (
        <ul className="shift-report__movements">
          {doc.movements.map((m) => (
            <li key={m.id}>
              {t(m.kind === "in" ? "shift.in" : "shift.out")} {money(m.amount)} · {m.reason}
            </li>
          ))}
        </ul>
      )}
      <dl>
        {report.differences.map((d) => (
          <div key={d.kind} className="shift-report__kind">
            <dt>{t(kindLabel(d.kind))}</dt>
            <dd>
              {t("shift.expected")} {money(d.expected)}
              {d.counted !== null && ` · ${t("shift.counted")} ${money(d.counted)}`}
              {d.difference !== null && ` · ${differenceLabel(i18n, d.difference)}`}
            </dd>
          </div>
        ))}
      </dl>
      {denominations.length > 0 && (
        <>
          <h3>{t("shift.admin.denominations")}</h3>
          <dl>
            {denominations.map((d) =>
              row(
                `${denominationLabel(i18n, d)} × ${number(d.count)}`,
                money(d.value * d.count),
                `${d.form}${d.value}`,
              ),
            )}
          </dl>
        </>
      )}
      {props.pendingInvoices > 0 && (
        <p className="shift-report__pending">{t("shift.pendingInvoices", { count: props.pendingInvoices })}</p>
      )}
    </article>
  );
}
