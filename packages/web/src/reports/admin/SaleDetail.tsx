import { computeInvoiceTotals, invoiceDetailSchema } from "@mostrador/domain";
import { useI18n } from "../../i18n/i18n";
import { taxLabel } from "../../receipt/TaxLabel";
import type { ShiftLookups } from "../../shifts/admin/useShiftLookups";
import { useReport } from "./useReport";

/** One invoice of "Ventas": its receipt (lines, totals, payments), revisions, attempts, returns and void. */
export function SaleDetail(props: {
  id: string;
  userToken: string;
  timeZone: string;
  lookups: ShiftLookups;
  onBack: () => void;
}) {
  const { t, money, number, dateTime } = useI18n();
  const { data, problem, loading } = useReport(invoiceDetailSchema, props.userToken, `/api/invoices/${props.id}`);
  const back = (
    <button type="button" className="button" onClick={props.onBack}>
      {t("reports.back")}
    </button>
  );
  if (problem)
    return (
      <div>
        {back}
        <p className="message message--error" role="alert">
          {problem}
        </p>
      </div>
    );
  if (!data) return <p className="muted">{loading ? t("reports.loading") : ""}</p>;
  const doc = data.document;
  const lines = doc ? computeInvoiceTotals(doc.lines).lines : [];
  const title = t("reports.detail.title", { number: `${data.prefix}-${data.number ?? "?"}` });
  return (
    <article className="report-detail" aria-label={title}>
      {back}
      <h3>{title}</h3>
      <p>
        {dateTime(data.issuedAt, props.timeZone)} · {props.lookups.terminalName(data.terminalId)} ·{" "}
        {props.lookups.userName(data.cashierId)} · {t(`reports.status.${data.status}`)}
      </p>
      {data.status === "voided" && (
        <p className="message message--warning">
          {t("reports.detail.voided", {
            at: data.voidedAt ? dateTime(data.voidedAt, props.timeZone) : "",
            reason: data.voidReason ?? "",
          })}
        </p>
      )}
      {doc && (
        <section className="receipt-like">
          <h4>{t("reports.detail.lines")}</h4>
          <table className="admin-table report-table">
            <tbody>
              {doc.lines.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a stored document's lines never move
                <tr key={`${l.productId}-${i}`}>
                  <th scope="row">
                    {l.description} <span className="muted">{taxLabel(l.taxKind, l.taxName, l.taxRateBp)}</span>
                  </th>
                  <td className="numeric">{number(l.quantity)}</td>
                  <td className="numeric">{money(l.unitPrice)}</td>
                  <td className="numeric">{money(lines[i]?.total ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="report-detail__totals">
            <dt>{t("reports.detail.subtotal")}</dt>
            <dd>{money(data.subtotal)}</dd>
            <dt>{t("reports.discounts")}</dt>
            <dd>{money(data.discount)}</dd>
            <dt>{t("reports.tax")}</dt>
            <dd>{money(data.tax)}</dd>
            <dt>{t("reports.total")}</dt>
            <dd>
              <strong>{money(data.total)}</strong>
            </dd>
            <dt>{t("reports.detail.paid")}</dt>
            <dd>{money(data.paid)}</dd>
            <dt>{t("reports.detail.change")}</dt>
            <dd>{money(data.change)}</dd>
          </dl>
          <h4>{t("reports.detail.payments")}</h4>
          <ul>
            {doc.payments.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a stored document's payments never move
              <li key={`${p.paymentMethodId}-${i}`}>
                {t(`bo.paymentMethods.kind.${p.kind}`)}: {money(p.amount)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h4>{t("reports.detail.returns")}</h4>
      {data.creditNotes.length === 0 ? (
        <p className="muted">{t("reports.detail.none")}</p>
      ) : (
        <ul>
          {data.creditNotes.map((c) => (
            <li key={c.id}>
              {`${c.prefix}-${c.number}`} · {dateTime(c.issuedAt, props.timeZone)} · {money(c.total)} · {c.reason}
            </li>
          ))}
        </ul>
      )}
      <h4>{t("reports.detail.revisions")}</h4>
      <ul>
        {data.revisions.map((r) => (
          <li key={r.revision}>
            {r.revision} · {dateTime(r.receivedAt, props.timeZone)}
          </li>
        ))}
      </ul>
      <h4>{t("reports.detail.attempts")}</h4>
      <ul>
        {data.attempts.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: attempts are an append-only log
          <li key={`${a.revision}-${i}`}>
            {a.revision} · {a.outcome} · {dateTime(a.at, props.timeZone)}
          </li>
        ))}
      </ul>
    </article>
  );
}
