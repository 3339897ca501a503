import { type ShiftDetail as ShiftDetailAnswer, shiftDetailSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { formatInvoiceNumber } from "../../receipt/invoiceNumber";
import { useAppServices } from "../../services/appServices";
import { ZReportSheet } from "../ZReportSheet";
import { DifferenceCell } from "./DifferenceCell";
import type { ShiftLookups } from "./useShiftLookups";

/** One shift: who and when, the server's figures beside the till's, movements, invoices, the Z report. */
export function ShiftDetail(props: {
  id: string;
  userToken: string;
  timeZone: string;
  lookups: ShiftLookups;
  onBack: () => void;
}) {
  const { transport } = useAppServices();
  const { t, money, dateTime, number } = useI18n();
  const { lookups, timeZone } = props;
  const [shift, setShift] = useState<ShiftDetailAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setShift(null);
    transport
      .send(shiftDetailSchema, "shift", "GET", `/api/shifts/${encodeURIComponent(props.id)}`, {
        token: props.userToken,
      })
      .then((answer) => {
        if (live) setShift(answer);
      })
      .catch((error: unknown) => {
        if (live)
          setProblem(t("shift.admin.failed", { message: error instanceof Error ? error.message : String(error) }));
      });
    return () => {
      live = false;
    };
  }, [transport, props.id, props.userToken, t]);

  const terminal = shift ? lookups.terminalName(shift.terminalId) : "";
  const row = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const tillDiffers = shift && shift.tillExpectedCash !== null && shift.tillExpectedCash !== shift.serverExpectedCash;

  return (
    <section className="admin-page shift-admin" aria-labelledby="shift-detail-title">
      <div className="no-print">
        <button type="button" className="button button--ghost" onClick={props.onBack}>
          ← {t("shift.admin.back")}
        </button>
      </div>
      <h1 id="shift-detail-title" className="no-print">
        {shift ? t("shift.admin.detailTitle", { terminal }) : t("shift.admin.title")}
      </h1>
      {problem && (
        <p className="message message--error" role="alert">
          {problem}
        </p>
      )}
      {!shift && !problem && <p className="muted">{t("shift.admin.loading")}</p>}
      {shift && (
        <div className="shift-admin__detail">
          <div className="shift-admin__facts no-print">
            <dl className="shift-admin__summary">
              {row(t("shift.admin.status"), t(`shift.admin.status.${shift.status}`))}
              {row(t("shift.admin.openedBy"), lookups.userName(shift.openedBy))}
              {row(t("shift.openedAt"), dateTime(shift.openedAt, timeZone))}
              {shift.closedAt && row(t("shift.admin.closedBy"), lookups.userName(shift.closedBy))}
              {shift.closedAt && row(t("shift.closedAt"), dateTime(shift.closedAt, timeZone))}
              {row(t("shift.openingFloat"), money(shift.openingFloat))}
              {shift.document.note && row(t("shift.admin.note"), shift.document.note)}
              {row(t("shift.admin.invoices"), number(shift.invoiceCount))}
            </dl>
            <table className="admin-table">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{t("shift.kindColumn")}</span>
                  </th>
                  <th className="numeric">{t("shift.admin.expected")}</th>
                  <th className="numeric">{t("shift.admin.tillExpected")}</th>
                  <th className="numeric">{t("shift.admin.counted")}</th>
                  <th className="numeric">{t("shift.admin.difference")}</th>
                </tr>
              </thead>
              <tbody>
                {shift.report.differences.map((d) => {
                  const till = shift.tillExpected?.find((e) => e.kind === d.kind)?.amount;
                  return (
                    <tr key={d.kind} data-kind={d.kind}>
                      <th scope="row">{t(`shift.kind.${d.kind}`)}</th>
                      <td className="numeric">{money(d.expected)}</td>
                      <td className="numeric">{till === undefined ? "" : money(till)}</td>
                      <td className="numeric">{d.counted === null ? "" : money(d.counted)}</td>
                      <DifferenceCell difference={d.difference} />
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {tillDiffers && (
              <p className="message message--info">
                {t("shift.admin.tillDiffers", {
                  till: money(shift.tillExpectedCash as number),
                  server: money(shift.serverExpectedCash),
                })}
              </p>
            )}
            <h2>{t("shift.admin.movementsTitle")}</h2>
            {shift.document.movements.length === 0 ? (
              <p className="muted">{t("shift.admin.noMovements")}</p>
            ) : (
              <table className="admin-table">
                <thead>
                  <tr>
                    <th>{t("shift.admin.time")}</th>
                    <th>{t("shift.movementKind")}</th>
                    <th className="numeric">{t("shift.amount")}</th>
                    <th>{t("shift.reason")}</th>
                    <th>{t("shift.admin.cashier")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shift.document.movements.map((m) => (
                    <tr key={m.id}>
                      <td>{dateTime(m.at, timeZone)}</td>
                      <td>{t(m.kind === "in" ? "shift.in" : "shift.out")}</td>
                      <td className="numeric">{money(m.amount)}</td>
                      <td>{m.reason}</td>
                      <td>{lookups.userName(m.by)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <h2>{t("shift.admin.invoicesTitle")}</h2>
            {shift.invoices.length === 0 ? (
              <p className="muted">{t("shift.admin.noInvoices")}</p>
            ) : (
              <table className="admin-table">
                <thead>
                  <tr>
                    <th>{t("shift.admin.number")}</th>
                    <th>{t("shift.admin.time")}</th>
                    <th className="numeric">{t("shift.admin.total")}</th>
                    <th>{t("shift.admin.invoiceStatus")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shift.invoices.map((i) => (
                    <tr key={i.id}>
                      <td>{i.number === null ? "" : formatInvoiceNumber(i.prefix, i.number)}</td>
                      <td>{dateTime(i.issuedAt, timeZone)}</td>
                      <td className="numeric">{money(i.total)}</td>
                      <td>{t(i.status === "voided" ? "shift.admin.invoiceVoided" : "shift.admin.invoiceAccepted")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p className="muted">{t("shift.admin.revisions", { count: shift.revisions.length })}</p>
          </div>
          <div className="shift-admin__report">
            <ZReportSheet
              document={shift.document}
              report={shift.report}
              pendingInvoices={0}
              timeZone={timeZone}
              people={{
                terminal,
                openedBy: lookups.userName(shift.openedBy),
                closedBy: lookups.userName(shift.closedBy),
              }}
            />
            <button type="button" className="button button--primary no-print" onClick={() => window.print()}>
              {t("shift.admin.reprint")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
