import { reportPeriods } from "@mostrador/domain";
import { useState } from "react";
import { useLocation, useRoute } from "wouter";
import { type MessageKey, registerMessages, useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { useShiftLookups } from "../../shifts/admin/useShiftLookups";
import { REPORTS_PATH, REPORTS_SALES_PATH } from "../reportsPath";
import { Dashboard } from "./Dashboard";
import { defaultPeriod, noSalesFilters, type PeriodChoice, periodQuery, type SalesFilters } from "./reportQuery";
import { SaleDetail } from "./SaleDetail";
import { SalesScreen } from "./SalesScreen";
import { GroupReport, ProductReport, TaxReport } from "./TableReports";
import "../../admin/admin.css";
import "./reports.css";
import { reportMessagesEn, reportMessagesEs } from "./reportMessages";

// The reports' texts join when this chunk loads (reports builds on the back office, never the reverse).
registerMessages({ "es-CO": reportMessagesEs, en: reportMessagesEn });

const TABS: { path: string; label: MessageKey }[] = [
  { path: "", label: "reports.tab.summary" },
  { path: "ventas", label: "reports.tab.sales" },
  { path: "impuestos", label: "reports.tab.taxes" },
  { path: "productos", label: "reports.tab.products" },
  { path: "cajas", label: "reports.tab.terminals" },
  { path: "cajeros", label: "reports.tab.cashiers" },
];

/**
 * Back office "Reportes": Resumen, Ventas, Impuestos, Productos vendidos, Por caja, Por cajero,
 * for one period in the company's time zone (kept while moving between the tabs).
 */
export default function ReportsAdmin({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const { t } = useI18n();
  const [location] = useLocation();
  const [isDetail, params] = useRoute<{ id: string }>("/ventas/:id");
  const lookups = useShiftLookups(userToken);
  const [choice, setChoice] = useState<PeriodChoice>(defaultPeriod);
  const [draft, setDraft] = useState<PeriodChoice>(defaultPeriod);
  const [filters, setFilters] = useState<SalesFilters>(noSalesFilters);
  const [offset, setOffset] = useState(0);
  const tab = location.replace(/^\//, "").split("/")[0] ?? "";
  const query = periodQuery(choice);
  const pick = (next: PeriodChoice) => {
    setDraft(next);
    if (next.period !== "custom" || periodQuery(next)) {
      setChoice(next);
      setOffset(0);
    }
  };

  return (
    <section className="admin-page reports" aria-labelledby="reports-title">
      <h1 id="reports-title">{t("reports.title")}</h1>
      <nav className="report-tabs" aria-label={t("reports.title")}>
        {TABS.map((x) => (
          <button
            key={x.path}
            type="button"
            className={`report-tab${tab === x.path ? " report-tab--active" : ""}`}
            aria-current={tab === x.path ? "page" : undefined}
            onClick={() => goTo(x.path ? `${REPORTS_PATH}/${x.path}` : REPORTS_PATH)}
          >
            {t(x.label)}
          </button>
        ))}
      </nav>
      <fieldset className="report-period">
        <legend>{t("reports.period")}</legend>
        <select
          aria-label={t("reports.period")}
          value={draft.period}
          onChange={(e) => pick({ ...draft, period: e.target.value as PeriodChoice["period"] })}
        >
          {reportPeriods.map((p) => (
            <option key={p} value={p}>
              {t(`reports.period.${p}`)}
            </option>
          ))}
        </select>
        {draft.period === "custom" && (
          <>
            <label className="field">
              <span>{t("reports.from")}</span>
              <input type="date" value={draft.from} onChange={(e) => pick({ ...draft, from: e.target.value })} />
            </label>
            <label className="field">
              <span>{t("reports.to")}</span>
              <input type="date" value={draft.to} onChange={(e) => pick({ ...draft, to: e.target.value })} />
            </label>
          </>
        )}
      </fieldset>
      {isDetail && params ? (
        <SaleDetail
          id={params.id}
          userToken={userToken}
          timeZone={timeZone}
          lookups={lookups}
          onBack={() => goTo(REPORTS_SALES_PATH)}
        />
      ) : tab === "ventas" ? (
        <SalesScreen
          userToken={userToken}
          timeZone={timeZone}
          period={choice}
          lookups={lookups}
          filters={filters}
          offset={offset}
          onFilters={(next) => {
            setFilters(next);
            setOffset(0);
          }}
          onPage={setOffset}
          onOpen={(id) => goTo(`${REPORTS_SALES_PATH}/${id}`)}
        />
      ) : tab === "impuestos" ? (
        <TaxReport userToken={userToken} query={query} />
      ) : tab === "productos" ? (
        <ProductReport userToken={userToken} query={query} />
      ) : tab === "cajas" ? (
        <GroupReport userToken={userToken} query={query} by="terminals" />
      ) : tab === "cajeros" ? (
        <GroupReport userToken={userToken} query={query} by="cashiers" />
      ) : (
        <Dashboard userToken={userToken} query={query} />
      )}
    </section>
  );
}
