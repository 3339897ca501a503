import type { TaxKind } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { taxLabel } from "../receipt/TaxLabel";
import type { LocalInvoice, LocalShift } from "../storage/localRecords";
import { kindLabel } from "./CloseShiftForm";
import { differenceLabel } from "./differenceLabel";
import { shiftClosingFigures } from "./shiftFigures";
import "../receipt/receipt.css";

/** The printable 80 mm "Cierre de turno" (Z report); `.receipt` reuses the receipt's print CSS. */
export function ShiftReport({ shift, invoices }: { shift: LocalShift; invoices: readonly LocalInvoice[] }) {
  const i18n = useI18n();
  const { t, money, dateTime, number } = i18n;
  const { report, pendingInvoices } = shiftClosingFigures(shift, invoices);
  const doc = shift.document;
  const row = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const range = (n: { prefix: string; number: number } | null) => (n ? formatInvoiceNumber(n.prefix, n.number) : "");
  return (
    <article className="receipt shift-report" aria-label={t("shift.reportTitle")}>
      <header className="receipt__header">
        <strong className="receipt__company">{t("shift.reportTitle")}</strong>
      </header>
      <dl>
        {row(t("shift.openedAt"), dateTime(doc.openedAt))}
        {doc.closing && row(t("shift.closedAt"), dateTime(doc.closing.closedAt))}
        {row(t("shift.openingFloat"), money(report.openingFloat))}
        {row(t("shift.salesCount"), number(report.salesCount))}
        {row(t("shift.salesTotal"), money(report.salesTotal))}
      </dl>
      {report.firstInvoice && (
        <p>
          {t("shift.invoiceRange", { first: range(report.firstInvoice) ?? "", last: range(report.lastInvoice) ?? "" })}
        </p>
      )}
      <h3>{t("shift.byMethod")}</h3>
      <dl>{report.byPaymentMethod.map((m) => row(t(kindLabel(m.kind)), money(m.amount)))}</dl>
      <h3>{t("shift.taxes")}</h3>
      <dl>{report.taxes.map((x) => row(taxLabel(x.kind as TaxKind, "", x.rateBp), money(x.amount)))}</dl>
      <dl>
        {report.voidedCount > 0 && row(t("shift.voided", { count: report.voidedCount }), money(report.voidedTotal))}
        {row(t("shift.cashReceived"), money(report.cashReceived))}
        {row(t("shift.changeGiven"), money(report.changeGiven))}
        {row(t("shift.cashIn"), money(report.cashIn))}
        {row(t("shift.cashOut"), money(report.cashOut))}
      </dl>
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
      {pendingInvoices > 0 && (
        <p className="shift-report__pending">{t("shift.pendingInvoices", { count: pendingInvoices })}</p>
      )}
    </article>
  );
}
