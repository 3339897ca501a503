import { listResponseSchema, paymentMethodSchema, salesListSchema } from "@mostrador/domain";
import { type FormEvent, useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { OffsetPager } from "../../paging/OffsetPager";
import { useAppServices } from "../../services/appServices";
import type { ShiftLookups } from "../../shifts/admin/useShiftLookups";
import { ReportCsvButton } from "./ReportCsvButton";
import { type PeriodChoice, type SalesFilters, salesQuery } from "./reportQuery";
import { useReport } from "./useReport";

export const SALES_PAGE_SIZE = 50;
const paymentMethodListSchema = listResponseSchema(paymentMethodSchema);

/** "Ventas": every invoice of the company (all tills), with filters and pages; a row opens its detail. */
export function SalesScreen(props: {
  userToken: string;
  timeZone: string;
  period: PeriodChoice;
  lookups: ShiftLookups;
  filters: SalesFilters;
  offset: number;
  onFilters: (filters: SalesFilters) => void;
  onPage: (offset: number) => void;
  onOpen: (id: string) => void;
}) {
  const { transport } = useAppServices();
  const { t, money, number, dateTime } = useI18n();
  const [draft, setDraft] = useState(props.filters);
  const [methods, setMethods] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    transport
      .send(paymentMethodListSchema, "payment methods", "GET", "/api/payment-methods?limit=500", {
        token: props.userToken,
      })
      .then((page) => {
        if (live) setMethods(page.items.map((m) => ({ id: m.id, name: m.name })));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [transport, props.userToken]);
  const query = salesQuery(props.period, props.filters, { limit: SALES_PAGE_SIZE, offset: props.offset });
  const { data, problem, loading } = useReport(
    salesListSchema,
    props.userToken,
    query ? `/api/reports/sales?${query}` : null,
  );
  const csvQuery = salesQuery(props.period, props.filters, { limit: 1, offset: 0 });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    props.onFilters(draft);
  };
  const set = (k: keyof SalesFilters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [k]: e.target.value });
  const select = (k: keyof SalesFilters, label: string, options: { id: string; name: string }[]) => (
    <label className="field">
      <span>{label}</span>
      <select value={draft[k]} onChange={set(k)}>
        <option value="">{t("reports.filter.all")}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
  const statuses = (["accepted", "rejected", "voided"] as const).map((s) => ({
    id: s,
    name: t(`reports.status.${s}`),
  }));
  return (
    <div>
      <form className="admin-form report-filters" onSubmit={apply} aria-label={t("reports.tab.sales")}>
        {select("terminalId", t("reports.filter.terminal"), props.lookups.terminals)}
        {select("cashierId", t("reports.filter.cashier"), props.lookups.users)}
        {select("paymentMethodId", t("reports.filter.paymentMethod"), methods)}
        {select("status", t("reports.filter.status"), statuses)}
        <label className="field">
          <span>{t("reports.filter.number")}</span>
          <input value={draft.number} onChange={set("number")} inputMode="text" placeholder="POS-12" />
        </label>
        <label className="field">
          <span>{t("reports.filter.client")}</span>
          <input value={draft.clientId} onChange={set("clientId")} />
        </label>
        <button type="submit" className="button button--primary">
          {t("reports.filter.apply")}
        </button>
        <ReportCsvButton
          userToken={props.userToken}
          path={csvQuery ? `/api/reports/sales/csv?${csvQuery.replace(/&?(limit|offset)=\d+/g, "")}` : null}
          fileName={data ? `ventas-${data.range.from}-${data.range.to}.csv` : "ventas.csv"}
        />
      </form>
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {loading && !data && <p className="muted">{t("reports.loading")}</p>}
      {data && (
        <>
          <p className="muted">{t("reports.salesCount", { count: number(data.total) })}</p>
          {data.items.length === 0 ? (
            <p className="muted">{t("reports.empty")}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
            <section className="report-table__scroll" tabIndex={0} aria-label={t("reports.tab.sales")}>
              <table className="admin-table report-table report-sales">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.col.date")}</th>
                    <th scope="col">{t("reports.col.number")}</th>
                    <th scope="col">{t("reports.col.status")}</th>
                    <th scope="col">{t("reports.col.terminal")}</th>
                    <th scope="col">{t("reports.col.cashier")}</th>
                    <th scope="col">{t("reports.col.client")}</th>
                    <th scope="col">{t("reports.col.payment")}</th>
                    <th scope="col" className="numeric">
                      {t("reports.total")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((i) => (
                    <tr key={i.id}>
                      <td>{dateTime(i.issuedAt, props.timeZone)}</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => props.onOpen(i.id)}>
                          {`${i.prefix}-${i.number ?? "?"}`}
                        </button>
                      </td>
                      <td>{t(`reports.status.${i.status}`)}</td>
                      <td>{i.terminalName}</td>
                      <td>{i.cashierName}</td>
                      <td>{i.clientName}</td>
                      <td>{i.paymentMethods.join(", ")}</td>
                      <td className="numeric">{money(i.total)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <OffsetPager
            className="report-paging"
            offset={props.offset}
            pageSize={SALES_PAGE_SIZE}
            total={data.total}
            onPage={props.onPage}
            previous={t("reports.previousPage")}
            next={t("reports.nextPage")}
          />
        </>
      )}
    </div>
  );
}
