import { type FormEvent, useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { OffsetPager } from "../../paging/OffsetPager";
import { useAppServices } from "../../services/appServices";
import { ContingencyNotices } from "./ContingencyNotices";
import { DeadlineCell } from "./DeadlineCell";
import { ElectronicDocumentsExportButton } from "./ElectronicDocumentsExportButton";
import {
  ELECTRONIC_DOCUMENTS_PAGE_SIZE,
  type ElectronicDocumentFilters,
  electronicDocumentsPath,
  noElectronicDocumentFilters,
} from "./electronicDocumentsQuery";
import { type ScreenList, screenListSchema } from "./electronicDocumentsSchemas";

const STATES = ["not_generated", "generated", "sent", "accepted", "rejected"] as const;

/** The outbox: the deadline counts at the top, filters, the table with states and deadlines, paging, the notices. */
export function ElectronicDocumentList(props: {
  userToken: string;
  timeZone: string;
  filters: ElectronicDocumentFilters;
  offset: number;
  onFilters: (filters: ElectronicDocumentFilters) => void;
  onPage: (offset: number) => void;
  onOpen: (id: string) => void;
}) {
  const { transport } = useAppServices();
  const { t, number, dateTime } = useI18n();
  const { timeZone } = props;
  const [draft, setDraft] = useState(props.filters);
  const [page, setPage] = useState<ScreenList | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const query = electronicDocumentsPath(props.filters, { limit: ELECTRONIC_DOCUMENTS_PAGE_SIZE, offset: props.offset });
  const path = "path" in query ? query.path : null;
  const now = new Date();

  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    transport
      .send(screenListSchema, "electronic documents", "GET", path, { token: props.userToken })
      .then((answer) => {
        if (!live) return;
        setPage(answer);
        setProblem(null);
      })
      .catch((error: unknown) => {
        if (live) setProblem(t("edoc.failed", { message: error instanceof Error ? error.message : String(error) }));
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
    const check = electronicDocumentsPath(draft, { limit: ELECTRONIC_DOCUMENTS_PAGE_SIZE, offset: 0 });
    if ("problem" in check) return setProblem(t("edoc.badDates"));
    setProblem(null);
    props.onFilters(draft);
  }
  const set = <K extends keyof ElectronicDocumentFilters>(key: K, value: ElectronicDocumentFilters[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const total = page?.total ?? 0;
  const overdue = page?.contingencyOverdue ?? 0;
  const dueSoon = page?.contingencyDueSoon ?? 0;

  return (
    <section className="admin-page edoc-admin" aria-labelledby="edoc-title">
      <h1 id="edoc-title">{t("edoc.title")}</h1>
      <p className="muted">{t("edoc.hint")}</p>
      {overdue > 0 && (
        <p className="message message--error edoc-admin__count" role="alert" data-testid="edoc-overdue">
          {t(overdue === 1 ? "edoc.overdueCount.one" : "edoc.overdueCount.other", { count: number(overdue) })}{" "}
          <button
            type="button"
            className="button"
            onClick={() => {
              const next = { ...noElectronicDocumentFilters, deadline: "overdue" as const };
              setDraft(next);
              props.onFilters(next);
            }}
          >
            {t("edoc.showOverdue")}
          </button>
        </p>
      )}
      {dueSoon > 0 && (
        <p className="message message--warning edoc-admin__count" data-testid="edoc-due-soon">
          {t(dueSoon === 1 ? "edoc.dueSoonCount.one" : "edoc.dueSoonCount.other", { count: number(dueSoon) })}
        </p>
      )}
      <form className="admin-form" onSubmit={apply} aria-label={t("edoc.filters")}>
        <label className="field">
          <span>{t("edoc.filterState")}</span>
          <select
            value={draft.state}
            onChange={(e) => set("state", e.target.value as ElectronicDocumentFilters["state"])}
          >
            <option value="">{t("edoc.all")}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`edoc.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("edoc.filterContingency")}</span>
          <select
            value={draft.contingency}
            onChange={(e) => set("contingency", e.target.value as ElectronicDocumentFilters["contingency"])}
          >
            <option value="">{t("edoc.all")}</option>
            <option value="true">{t("edoc.contingencyOnly")}</option>
            <option value="false">{t("edoc.contingencyNone")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("edoc.filterDeadline")}</span>
          <select
            value={draft.deadline}
            onChange={(e) => set("deadline", e.target.value as ElectronicDocumentFilters["deadline"])}
          >
            <option value="">{t("edoc.all")}</option>
            <option value="due_soon">{t("edoc.deadline.due_soon")}</option>
            <option value="overdue">{t("edoc.deadline.overdue")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("edoc.filterFrom")}</span>
          <input type="date" value={draft.from} onChange={(e) => set("from", e.target.value)} />
        </label>
        <label className="field">
          <span>{t("edoc.filterTo")}</span>
          <input type="date" value={draft.to} onChange={(e) => set("to", e.target.value)} />
        </label>
        <button type="submit" className="button button--primary">
          {t("edoc.apply")}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setDraft(noElectronicDocumentFilters);
            setProblem(null);
            props.onFilters(noElectronicDocumentFilters);
          }}
        >
          {t("edoc.clear")}
        </button>
        <ElectronicDocumentsExportButton
          userToken={props.userToken}
          timeZone={timeZone}
          filters={props.filters}
          onError={setProblem}
        />
      </form>
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {loading && !page && <p className="muted">{t("edoc.loading")}</p>}
      {page && page.items.length === 0 && <p className="muted">{t("edoc.none")}</p>}
      {page && page.items.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
        <section className="edoc-admin__scroll" aria-labelledby="edoc-title" tabIndex={0}>
          <table className="admin-table edoc-admin__table">
            <thead>
              <tr>
                <th>{t("edoc.number")}</th>
                <th>{t("edoc.issuedAt")}</th>
                <th>{t("edoc.terminal")}</th>
                <th>{t("edoc.state")}</th>
                <th>{t("edoc.deadline")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {page.items.map((d) => (
                <tr key={d.documentId} data-testid={`edoc-${d.number}`}>
                  <td>
                    {d.number}
                    {d.contingency && (
                      <>
                        {" "}
                        <span className="bo-badge edoc-admin__contingency">{t("edoc.contingencyTag")}</span>
                      </>
                    )}
                    {d.kind === "adjustment_note" && (
                      <>
                        {" "}
                        <span className="bo-badge">
                          {t("edoc.adjustmentNoteOf", { number: d.referencesNumber ?? "" })}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{d.issuedAt ? dateTime(d.issuedAt, timeZone) : ""}</td>
                  <td>{d.terminalName ?? ""}</td>
                  <td>
                    <span className={`edoc-state edoc-state--${d.state}`}>{t(`edoc.state.${d.state}`)}</span>
                    {d.dianRuleCodes.length > 0 && (
                      <div className="muted">{t("edoc.ruleCodes", { codes: d.dianRuleCodes.join(", ") })}</div>
                    )}
                  </td>
                  <DeadlineCell doc={d} timeZone={timeZone} now={now} />
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-label={`${t("edoc.open")} ${d.number}`}
                      onClick={() => props.onOpen(d.documentId)}
                    >
                      {t("edoc.open")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {page && total > 0 && (
        <OffsetPager
          className="edoc-admin__paging"
          offset={props.offset}
          pageSize={ELECTRONIC_DOCUMENTS_PAGE_SIZE}
          total={total}
          onPage={props.onPage}
          summary={t("edoc.page", {
            from: number(props.offset + 1),
            to: number(Math.min(props.offset + ELECTRONIC_DOCUMENTS_PAGE_SIZE, total)),
            total: number(total),
          })}
          previous={t("edoc.previous")}
          next={t("edoc.next")}
        />
      )}
      <ContingencyNotices userToken={props.userToken} timeZone={timeZone} />
    </section>
  );
}
