import { useLiveQuery } from "dexie-react-hooks";
import "./registerReturnsMessages";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { rejectionText } from "../invoiceError/rejectionText";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { useAppServices } from "../services/appServices";
import type { ReturnInError } from "../storage/returnsInError";
import "./returns.css";

/**
 * The history's «Con error» view, after the invoices in error: credit notes and voids the server
 * refused, each with its reasons, «Sincronizar de nuevo» and «Anular nota crédito» / «Descartar
 * anulación». Also those whose invoice is not on this device (imported from another till's file),
 * which no invoice detail shows.
 */
export function ReturnsInErrorList({ onOpenInvoice }: { onOpenInvoice: (invoiceId: string) => void }) {
  const { store, syncEngine } = useAppServices();
  const { t, dateTime, locale } = useI18n();
  const [failure, setFailure] = useState<string | null>(null);
  const rows = useLiveQuery(() => store.returns.listReturnsInError(), [store], [] as ReturnInError[]);
  if (rows.length === 0) return null;

  async function act(action: () => Promise<unknown>, sync: boolean) {
    setFailure(null);
    try {
      await action();
      if (sync) syncEngine.requestSync("return sent again");
    } catch (error) {
      setFailure(t("invoiceError.actionFailed", { message: error instanceof Error ? error.message : String(error) }));
    }
  }

  return (
    <section className="returns-in-error" aria-labelledby="returns-in-error-title">
      <h2 id="returns-in-error-title">{t("returns.inError.title")}</h2>
      <p className="muted">{t("returns.inError.hint")}</p>
      {failure && (
        <p className="message message--error" role="alert">
          {failure}
        </p>
      )}
      <ul className="returns-in-error__list">
        {rows.map((row) => {
          const invoice = row.invoice ? (formatInvoiceNumber(row.invoice.prefix, row.invoice.number) ?? "—") : null;
          const title = row.note
            ? t("returns.inError.note", {
                number: formatInvoiceNumber(row.note.prefix, row.note.number) ?? "",
                invoice: invoice ?? "—",
              })
            : invoice
              ? t("returns.inError.void", { invoice })
              : t("returns.inError.voidElsewhere");
          return (
            <li key={row.id} className="card returns-in-error__item" data-kind={row.kind}>
              <strong>{title}</strong> · {dateTime(row.at)}
              <div className="muted">{t("returns.reasonLabel", { reason: row.reason })}</div>
              <div className="history__reasons">
                {row.errors.map((e) => (
                  <p key={`${e.code}-${e.field ?? ""}`}>{rejectionText(e, locale)}</p>
                ))}
              </div>
              {!row.invoiceHere && <p className="muted">{t("returns.inError.notHere")}</p>}
              <div className="invoice-returns__actions">
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    void act(
                      () =>
                        row.kind === "creditNote"
                          ? store.returns.resendCreditNote(row.id)
                          : store.returns.resendVoid(row.id),
                      true,
                    )
                  }
                >
                  {t("returns.resend")}
                </button>
                {row.kind === "creditNote" ? (
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => void act(() => store.returns.annulCreditNote(row.id), false)}
                  >
                    {t("returns.annul")}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button--danger"
                    onClick={() => void act(() => store.returns.discardVoid(row.id), false)}
                  >
                    {t("void.discard")}
                  </button>
                )}
                {row.invoiceHere && invoice && (
                  <button type="button" className="button" onClick={() => onOpenInvoice(row.invoiceId)}>
                    {t("returns.inError.open", { invoice })}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
