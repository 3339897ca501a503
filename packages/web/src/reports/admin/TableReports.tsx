import { productReportSchema, salesGroupReportSchema, taxReportSchema } from "@mostrador/domain";
import { useI18n } from "../../i18n/i18n";
import { ChartWithTable, GroupTable, ProductTable, TaxTable } from "./FigureTables";
import { ReportCsvButton } from "./ReportCsvButton";
import { useReport } from "./useReport";

interface TableReportProps {
  userToken: string;
  query: string | null;
}

const fileName = (name: string, range?: { from: string; to: string }) =>
  range ? `${name}-${range.from}-${range.to}.csv` : `${name}.csv`;

function Status({ problem, loading }: { problem: string | null; loading: boolean }) {
  const { t } = useI18n();
  if (problem)
    return (
      <p className="message message--error" role="alert">
        {problem}
      </p>
    );
  return loading ? <p className="muted">{t("reports.loading")}</p> : null;
}

/** "Por caja" / "Por cajero": the same figures as the dashboard's, with the total and a CSV file. */
export function GroupReport({ userToken, query, by }: TableReportProps & { by: "terminals" | "cashiers" }) {
  const { t } = useI18n();
  const path = query ? `/api/reports/${by}?${query}` : null;
  const { data, problem, loading } = useReport(salesGroupReportSchema, userToken, path);
  const title = t(by === "terminals" ? "reports.tab.terminals" : "reports.tab.cashiers");
  return (
    <div>
      <div className="report-actions">
        <ReportCsvButton
          userToken={userToken}
          path={query ? `/api/reports/${by}/csv?${query}` : null}
          fileName={fileName(by === "terminals" ? "ventas-por-caja" : "ventas-por-cajero", data?.range)}
        />
      </div>
      <Status problem={problem} loading={loading} />
      {data && (
        <ChartWithTable title={title} labels={data.rows.map((r) => r.name)} values={data.rows.map((r) => r.netSales)}>
          <GroupTable
            caption={title}
            nameHeader={t(by === "terminals" ? "reports.col.terminal" : "reports.col.cashier")}
            rows={data.rows}
            totals={data.totals}
          />
        </ChartWithTable>
      )}
    </div>
  );
}

/** "Productos vendidos": every product of the period, by net sales. */
export function ProductReport({ userToken, query }: TableReportProps) {
  const { t } = useI18n();
  const { data, problem, loading } = useReport(
    productReportSchema,
    userToken,
    query ? `/api/reports/products?${query}` : null,
  );
  return (
    <div>
      <div className="report-actions">
        <ReportCsvButton
          userToken={userToken}
          path={query ? `/api/reports/products/csv?${query}` : null}
          fileName={fileName("productos-vendidos", data?.range)}
        />
      </div>
      <Status problem={problem} loading={loading} />
      {data && (
        <ChartWithTable
          title={t("reports.topByAmount")}
          labels={data.rows.slice(0, 10).map((r) => r.name)}
          values={data.rows.slice(0, 10).map((r) => r.netSales)}
        >
          <ProductTable caption={t("reports.tab.products")} rows={data.rows} />
        </ChartWithTable>
      )}
    </div>
  );
}

/** "Impuestos": base and tax per rate, voids and returns subtracted (the IVA and INC returns). */
export function TaxReport({ userToken, query }: TableReportProps) {
  const { t } = useI18n();
  const { data, problem, loading } = useReport(
    taxReportSchema,
    userToken,
    query ? `/api/reports/taxes?${query}` : null,
  );
  return (
    <div>
      <div className="report-actions">
        <ReportCsvButton
          userToken={userToken}
          path={query ? `/api/reports/taxes/csv?${query}` : null}
          fileName={fileName("impuestos", data?.range)}
        />
      </div>
      <Status problem={problem} loading={loading} />
      {data && (
        <ChartWithTable
          title={t("reports.tab.taxes")}
          labels={data.rows.map((r) => r.name)}
          values={data.rows.map((r) => r.tax)}
        >
          <TaxTable rows={data.rows} totals={data.totals} />
        </ChartWithTable>
      )}
    </div>
  );
}
