import { percentChange, type SalesTotals, salesDashboardSchema } from "@mostrador/domain";
import { useI18n } from "../../i18n/i18n";
import { ChartWithTable, GroupTable, PaymentTable, ProductTable } from "./FigureTables";
import { useReport } from "./useReport";

const KPIS: { key: keyof SalesTotals; label: Parameters<ReturnType<typeof useI18n>["t"]>[0]; count?: boolean }[] = [
  { key: "netSales", label: "reports.netSales" },
  { key: "grossSales", label: "reports.grossSales" },
  { key: "discounts", label: "reports.discounts" },
  { key: "returns", label: "reports.returns" },
  { key: "tax", label: "reports.tax" },
  { key: "total", label: "reports.total" },
  { key: "invoiceCount", label: "reports.invoiceCount", count: true },
  { key: "averageTicket", label: "reports.averageTicket" },
];

/** "Resumen": the period's figures against the period before, the charts (each with its table), the top products. */
export function Dashboard({ userToken, query }: { userToken: string; query: string | null }) {
  const { t, money, number } = useI18n();
  const { data, problem, loading } = useReport(
    salesDashboardSchema,
    userToken,
    query ? `/api/reports/dashboard?${query}` : null,
  );
  if (problem)
    return (
      <p className="message message--error" role="alert">
        {problem}
      </p>
    );
  if (!data) return <p className="muted">{loading ? t("reports.loading") : ""}</p>;
  const { totals, previous, range } = data;
  const series = data.series;
  return (
    <div className="report-dashboard" aria-busy={loading}>
      <p className="muted">{t("reports.range", { ...range })}</p>
      {data.pending.devices > 0 && (
        <p className="message message--warning" role="status">
          {t("reports.pending", { devices: data.pending.devices, documents: data.pending.documents })}
        </p>
      )}
      <ul className="report-kpis">
        {KPIS.map(({ key, label, count }) => {
          const change = percentChange(totals[key], previous[key]);
          return (
            <li key={key} className="report-kpi" data-kpi={key}>
              <span className="report-kpi__label">{t(label)}</span>
              <strong className="report-kpi__value">{count ? number(totals[key]) : money(totals[key])}</strong>
              <span
                className={`report-kpi__change ${change === null ? "" : change >= 0 ? "report-kpi__change--up" : "report-kpi__change--down"}`}
                title={t("reports.vsPrevious")}
              >
                {change === null
                  ? t("reports.noComparison")
                  : `${change >= 0 ? "▲" : "▼"} ${number(Math.abs(change))} % ${t("reports.vsPrevious")}`}
              </span>
            </li>
          );
        })}
      </ul>
      {totals.invoiceCount === 0 && totals.returnCount === 0 && <p className="muted">{t("reports.empty")}</p>}
      <div className="report-grid">
        <ChartWithTable
          title={t(series.unit === "hour" ? "reports.chart.byHour" : "reports.chart.byDay")}
          labels={series.points.map((p) => p.name)}
          values={series.points.map((p) => p.netSales)}
        >
          <GroupTable
            caption={t(series.unit === "hour" ? "reports.chart.byHour" : "reports.chart.byDay")}
            nameHeader={t(series.unit === "hour" ? "reports.col.hour" : "reports.col.day")}
            rows={series.points}
            totals={totals}
          />
        </ChartWithTable>
        <ChartWithTable
          title={t("reports.chart.byPaymentMethod")}
          labels={data.byPaymentMethod.map((p) => p.name)}
          values={data.byPaymentMethod.map((p) => p.net)}
        >
          <PaymentTable rows={data.byPaymentMethod} />
        </ChartWithTable>
        <ChartWithTable
          title={t("reports.chart.byTerminal")}
          labels={data.byTerminal.map((p) => p.name)}
          values={data.byTerminal.map((p) => p.netSales)}
        >
          <GroupTable
            caption={t("reports.chart.byTerminal")}
            nameHeader={t("reports.col.terminal")}
            rows={data.byTerminal}
          />
        </ChartWithTable>
        <ChartWithTable
          title={t("reports.chart.byCashier")}
          labels={data.byCashier.map((p) => p.name)}
          values={data.byCashier.map((p) => p.netSales)}
        >
          <GroupTable
            caption={t("reports.chart.byCashier")}
            nameHeader={t("reports.col.cashier")}
            rows={data.byCashier}
          />
        </ChartWithTable>
        <ProductTable caption={t("reports.topByQuantity")} rows={data.topByQuantity} />
        <ProductTable caption={t("reports.topByAmount")} rows={data.topByAmount} />
      </div>
    </div>
  );
}
