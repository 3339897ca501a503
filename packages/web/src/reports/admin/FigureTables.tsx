import type { PaymentMethodFigures, ProductFigures, SalesGroup, SalesTotals, TaxFigures } from "@mostrador/domain";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n";
import { BarChart } from "./BarChart";

/** A chart with its table under it: the table is the figure, the chart its picture. */
export function ChartWithTable(props: { title: string; labels: string[]; values: number[]; children: ReactNode }) {
  const { money } = useI18n();
  return (
    <figure className="report-chart">
      <figcaption>{props.title}</figcaption>
      {props.labels.length > 0 && (
        <BarChart title={props.title} labels={props.labels} values={props.values} format={(v) => money(v)} />
      )}
      {props.children}
    </figure>
  );
}

/** Sales by terminal, cashier, day or hour, with the period's total row. */
export function GroupTable(props: { caption: string; nameHeader: string; rows: SalesGroup[]; totals?: SalesTotals }) {
  const { t, money, number } = useI18n();
  const row = (name: string, r: SalesTotals, key: string, total = false) => (
    <tr key={key} className={total ? "report-table__total" : undefined}>
      <th scope="row">{name}</th>
      <td className="numeric">{number(r.invoiceCount)}</td>
      <td className="numeric">{money(r.grossSales)}</td>
      <td className="numeric">{money(r.discounts)}</td>
      <td className="numeric">{money(r.returns)}</td>
      <td className="numeric">{money(r.netSales)}</td>
      <td className="numeric">{money(r.tax)}</td>
      <td className="numeric">{money(r.total)}</td>
      <td className="numeric">{money(r.averageTicket)}</td>
      <td className="numeric">{number(r.voidCount)}</td>
    </tr>
  );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="report-table__scroll" tabIndex={0} aria-label={props.caption}>
      <table className="admin-table report-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.nameHeader}</th>
            <th scope="col" className="numeric">
              {t("reports.invoiceCount")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.grossSales")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.discounts")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.returns")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.netSales")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.tax")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.total")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.averageTicket")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.voids")}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => row(r.name, r, r.id))}
          {props.totals && row(t("reports.totalRow"), props.totals, "total", true)}
        </tbody>
      </table>
    </section>
  );
}

export function PaymentTable({ rows }: { rows: PaymentMethodFigures[] }) {
  const { t, money } = useI18n();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="report-table__scroll" tabIndex={0} aria-label={t("reports.chart.byPaymentMethod")}>
      <table className="admin-table report-table">
        <thead>
          <tr>
            <th scope="col">{t("reports.col.method")}</th>
            <th scope="col" className="numeric">
              {t("reports.col.received")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.refunded")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.net")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.name}</th>
              <td className="numeric">{money(r.received)}</td>
              <td className="numeric">{money(r.refunded)}</td>
              <td className="numeric">{money(r.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ProductTable({ caption, rows }: { caption: string; rows: ProductFigures[] }) {
  const { t, money, number } = useI18n();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="report-table__scroll" tabIndex={0} aria-label={caption}>
      <table className="admin-table report-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.col.product")}</th>
            <th scope="col" className="numeric">
              {t("reports.col.quantity")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.returnedQuantity")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.netSales")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.productId}>
              <th scope="row">{r.name}</th>
              <td className="numeric">{number(r.quantity)}</td>
              <td className="numeric">{number(r.returnedQuantity)}</td>
              <td className="numeric">{money(r.netSales)}</td>
              <td className="numeric">{money(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function TaxTable({ rows, totals }: { rows: TaxFigures[]; totals: { base: number; tax: number } }) {
  const { t, money, number } = useI18n();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
    <section className="report-table__scroll" tabIndex={0} aria-label={t("reports.tab.taxes")}>
      <table className="admin-table report-table">
        <thead>
          <tr>
            <th scope="col">{t("reports.col.taxName")}</th>
            <th scope="col" className="numeric">
              {t("reports.col.rate")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.soldBase")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.soldTax")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.returnedBase")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.returnedTax")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.base")}
            </th>
            <th scope="col" className="numeric">
              {t("reports.col.taxAmount")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.kind}|${r.rateBp}|${r.name}`}>
              <th scope="row">{r.name}</th>
              <td className="numeric">{number(r.rateBp / 100)} %</td>
              <td className="numeric">{money(r.soldBase)}</td>
              <td className="numeric">{money(r.soldTax)}</td>
              <td className="numeric">{money(r.returnedBase)}</td>
              <td className="numeric">{money(r.returnedTax)}</td>
              <td className="numeric">{money(r.base)}</td>
              <td className="numeric">{money(r.tax)}</td>
            </tr>
          ))}
          <tr className="report-table__total">
            <th scope="row" colSpan={6}>
              {t("reports.totalRow")}
            </th>
            <td className="numeric">{money(totals.base)}</td>
            <td className="numeric">{money(totals.tax)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
