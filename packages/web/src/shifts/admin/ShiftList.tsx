import { shiftListSchema } from "@mostrador/domain";
import { type FormEvent, useEffect, useState } from "react";
import type { z } from "zod";
import { useI18n } from "../../i18n/i18n";
import { OffsetPager } from "../../paging/OffsetPager";
import { useAppServices } from "../../services/appServices";
import { DifferenceCell } from "./DifferenceCell";
import { DifferenceChart } from "./DifferenceChart";
import { ShiftExportButton } from "./ShiftExportButton";
import { noShiftFilters, SHIFT_PAGE_SIZE, type ShiftListFilters, shiftListPath } from "./shiftListQuery";
import type { ShiftLookups } from "./useShiftLookups";

type ShiftListPage = z.infer<typeof shiftListSchema>;

/** The list of shifts: filters (till, status, days, minimum difference), the table and paging. */
export function ShiftList(props: {
  userToken: string;
  timeZone: string;
  lookups: ShiftLookups;
  filters: ShiftListFilters;
  offset: number;
  onFilters: (filters: ShiftListFilters) => void;
  onPage: (offset: number) => void;
  onOpen: (id: string) => void;
}) {
  const { transport } = useAppServices();
  const { t, money, number, dateTime } = useI18n();
  const { lookups, timeZone } = props;
  const [draft, setDraft] = useState(props.filters);
  const [page, setPage] = useState<ShiftListPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const query = shiftListPath(props.filters, { limit: SHIFT_PAGE_SIZE, offset: props.offset }, timeZone);
  const path = "path" in query ? query.path : null;

  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    transport
      .send(shiftListSchema, "shifts", "GET", path, { token: props.userToken })
      .then((answer) => {
        if (!live) return;
        setPage(answer);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (live)
          setProblem(t("shift.admin.failed", { message: error instanceof Error ? error.message : String(error) }));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [transport, path, props.userToken, t]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const check = shiftListPath(draft, { limit: SHIFT_PAGE_SIZE, offset: 0 }, timeZone);
    if ("problem" in check)
      return setProblem(t(check.problem === "dates" ? "shift.admin.badDates" : "shift.admin.badMinDifference"));
    setProblem(null);
    props.onFilters(draft);
  }
  const set = <K extends keyof ShiftListFilters>(key: K, value: ShiftListFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const total = page?.total ?? 0;

  return (
    <section className="admin-page shift-admin" aria-labelledby="shift-admin-title">
      <h1 id="shift-admin-title">{t("shift.admin.title")}</h1>
      <p className="muted">{t("shift.admin.hint")}</p>
      <form className="admin-form" onSubmit={apply} aria-label={t("shift.admin.filters")}>
        <label className="field">
          <span>{t("shift.admin.filterTerminal")}</span>
          <select value={draft.terminalId} onChange={(e) => set("terminalId", e.target.value)}>
            <option value="">{t("shift.admin.allTerminals")}</option>
            {lookups.terminals.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("shift.admin.filterCashier")}</span>
          <select value={draft.cashierId} onChange={(e) => set("cashierId", e.target.value)}>
            <option value="">{t("shift.admin.allCashiers")}</option>
            {lookups.users.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("shift.admin.filterStatus")}</span>
          <select value={draft.status} onChange={(e) => set("status", e.target.value as ShiftListFilters["status"])}>
            <option value="">{t("shift.admin.all")}</option>
            <option value="open">{t("shift.admin.status.open")}</option>
            <option value="closed">{t("shift.admin.status.closed")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("shift.admin.filterFrom")}</span>
          <input type="date" value={draft.fromDate} onChange={(e) => set("fromDate", e.target.value)} />
        </label>
        <label className="field">
          <span>{t("shift.admin.filterTo")}</span>
          <input type="date" value={draft.toDate} onChange={(e) => set("toDate", e.target.value)} />
        </label>
        <label className="field">
          <span>{t("shift.admin.filterMinDifference")}</span>
          <input
            inputMode="decimal"
            value={draft.minDifference}
            placeholder="5.000"
            onChange={(e) => set("minDifference", e.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary">
          {t("shift.admin.apply")}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(noShiftFilters);
            setProblem(null);
            props.onFilters(noShiftFilters);
          }}
        >
          {t("shift.admin.clear")}
        </button>
        <ShiftExportButton
          userToken={props.userToken}
          timeZone={timeZone}
          filters={props.filters}
          lookups={lookups}
          onError={setProblem}
        />
      </form>
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {loading && !page && <p className="muted">{t("shift.admin.loading")}</p>}
      {page && page.items.length === 0 && <p className="muted">{t("shift.admin.none")}</p>}
      {page && page.items.length > 0 && (
        <table className="admin-table shift-admin__table">
          <thead>
            <tr>
              <th>{t("shift.admin.terminal")}</th>
              <th>{t("shift.admin.cashier")}</th>
              <th>{t("shift.admin.opened")}</th>
              <th>{t("shift.admin.closed")}</th>
              <th>{t("shift.admin.status")}</th>
              <th className="numeric">{t("shift.admin.invoices")}</th>
              <th className="numeric">{t("shift.admin.expected")}</th>
              <th className="numeric">{t("shift.admin.counted")}</th>
              <th className="numeric">{t("shift.admin.difference")}</th>
              <th>
                <span className="visually-hidden">{t("shift.admin.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((s) => {
              const tillDiffers = s.tillExpectedCash !== null && s.tillExpectedCash !== s.serverExpectedCash;
              return (
                <tr key={s.id} data-testid={`shift-${s.id}`}>
                  <td>{lookups.terminalName(s.terminalId)}</td>
                  <td>
                    {lookups.userName(s.openedBy)}
                    {s.closedBy && s.closedBy !== s.openedBy && ` → ${lookups.userName(s.closedBy)}`}
                  </td>
                  <td>{dateTime(s.openedAt, timeZone)}</td>
                  <td>{s.closedAt ? dateTime(s.closedAt, timeZone) : ""}</td>
                  <td>{t(s.status === "open" ? "shift.admin.status.open" : "shift.admin.status.closed")}</td>
                  <td className="numeric">{number(s.invoiceCount)}</td>
                  <td className="numeric">
                    {money(s.serverExpectedCash)}
                    {tillDiffers && (
                      <div className="muted">
                        {t("shift.admin.tillFigure", { amount: money(s.tillExpectedCash as number) })}
                      </div>
                    )}
                  </td>
                  <td className="numeric">{s.countedCash === null ? "" : money(s.countedCash)}</td>
                  <DifferenceCell
                    difference={s.serverDifference}
                    tillDifference={tillDiffers ? s.tillDifference : null}
                  />
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`${t("shift.admin.open")} ${lookups.terminalName(s.terminalId)} ${dateTime(s.openedAt, timeZone)}`}
                      onClick={() => props.onOpen(s.id)}
                    >
                      {t("shift.admin.open")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {page && total > 0 && (
        <OffsetPager
          className="shift-admin__paging"
          offset={props.offset}
          pageSize={SHIFT_PAGE_SIZE}
          total={total}
          onPage={props.onPage}
          summary={t("shift.admin.page", {
            from: number(props.offset + 1),
            to: number(Math.min(props.offset + SHIFT_PAGE_SIZE, total)),
            total: number(total),
          })}
          previous={t("shift.admin.previous")}
          next={t("shift.admin.next")}
        />
      )}
      <DifferenceChart userToken={props.userToken} timeZone={timeZone} filters={props.filters} lookups={lookups} />
    </section>
  );
}
