import { type ReturnRejectionCode, returnableQuantities, returnStatusOf, returnsWholeTicket } from "@mostrador/domain";
import "./registerReturnsMessages";
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { type MessageKey, useI18n } from "../i18n/i18n";
import { rejectionText } from "../invoiceError/rejectionText";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import type { SellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { AnnulTicketDialog } from "./AnnulTicketDialog";
import type { ReturnView } from "./ReturnScreen";
import { VoidSyncedInvoiceDialog } from "./VoidSyncedInvoiceDialog";
import "./returns.css";

const refusalText: Partial<Record<ReturnRejectionCode, MessageKey>> = {
  INVOICE_ELECTRONIC: "void.electronic",
  INVOICE_HAS_RETURNS: "void.refused.INVOICE_HAS_RETURNS",
  VOID_NOT_ALLOWED: "void.refused.VOID_NOT_ALLOWED",
};

/** Why a DIAN ticket cannot be annulled in one step («Anular» → its whole-ticket note). */
const annulmentRefusalText: Partial<Record<ReturnRejectionCode, MessageKey>> = {
  INVOICE_ELECTRONIC: "void.electronic",
  INVOICE_HAS_RETURNS: "annul.refused.INVOICE_HAS_RETURNS",
  VOID_NOT_ALLOWED: "void.refused.VOID_NOT_ALLOWED",
};

/**
 * The invoice's returns in its detail: "Devuelta parcialmente" / "Devuelta", its credit notes
 * (those in error with their reasons, "Editar" and "Anular"), what is left to return, and the
 * "Devolución" and "Anular" actions of a synced invoice.
 */
export function InvoiceReturnsPanel(props: {
  invoice: LocalInvoice;
  data: SellingData;
  fallbackContext?: ReceiptContext | null;
  onView: (view: ReturnView) => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t, money, number: formatNumber, locale } = useI18n();
  const { invoice, data } = props;
  const [voiding, setVoiding] = useState(false);
  const [annulling, setAnnulling] = useState(false);
  const figures = useLiveQuery(async () => {
    const [notes, returned, voids] = await Promise.all([
      store.returns.listInvoiceCreditNotes(invoice.id),
      store.returns.returnedQuantities(invoice.id),
      store.returns.listInvoiceVoids(invoice.id),
    ]);
    const by = { role: data.session.user.role, at: new Date().toISOString() };
    const refusal = await store.returns.voidRefusal(invoice.id, by);
    // A DIAN ticket (DEE POS, contingency) is annulled by a note instead (issue 19).
    const annulment = refusal === "INVOICE_ELECTRONIC" ? await store.returns.annulmentRefusal(invoice.id, by) : null;
    return { notes, returned, voids, refusal, annulment };
  }, [store, invoice, data.session.user.role]);
  // «Sincronizar de nuevo»: the cause was fixed elsewhere (e.g. the device that made an imported note was revoked).
  async function resend(noteId: string) {
    await store.returns.resendCreditNote(noteId);
    syncEngine.requestSync("creditNote sent again");
  }
  async function resendVoid(voidId: string) {
    await store.returns.resendVoid(voidId);
    syncEngine.requestSync("void sent again");
  }
  if (!figures) return null;
  const { notes, returned, voids, refusal, annulment } = figures;
  const lines = invoice.document.lines;
  const left = returnableQuantities(lines, returned);
  const status = returnStatusOf(lines, returned);
  const canReturn = (invoice.status === "synced" || invoice.status === "pending") && invoice.number !== null;
  const lastVoid = voids[voids.length - 1];
  const number = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "";
  const annulable = refusal === "INVOICE_ELECTRONIC" && annulment === null;
  // The note that gave the whole ticket back: for the DIAN, the annulment of the document.
  const annulledBy = invoice.receipt?.documentKind
    ? notes.find(
        (n) => (n.status === "pending" || n.status === "synced") && returnsWholeTicket(lines, n.document.lines),
      )
    : undefined;
  const refusalKey = annulledBy
    ? undefined
    : refusal === "INVOICE_ELECTRONIC" && annulment
      ? annulmentRefusalText[annulment]
      : refusal
        ? refusalText[refusal]
        : undefined;

  return (
    <section className="invoice-returns no-print" aria-label={t("returns.creditNotes")}>
      {status !== "none" && (
        <span className={`status-badge status-badge--${status}`}>{t(`returns.invoice.${status}`)}</span>
      )}
      {invoice.pendingVoidId && <p className="muted">{t("void.pending")}</p>}
      {annulledBy && (
        <p className="message message--info">
          {t(annulledBy.status === "pending" ? "annul.annulledByPending" : "annul.annulledBy", {
            number: formatInvoiceNumber(annulledBy.prefix, annulledBy.number) ?? "",
          })}
        </p>
      )}
      {lastVoid?.status === "error" && invoice.status !== "voided" && (
        <p className="message message--error">
          {t("void.rejected", { reasons: lastVoid.errors.map((e) => rejectionText(e, locale)).join(" ") })}{" "}
          <button type="button" className="button" onClick={() => void resendVoid(lastVoid.id)}>
            {t("returns.resend")}
          </button>{" "}
          <button
            type="button"
            className="button button--danger"
            onClick={() => void store.returns.discardVoid(lastVoid.id)}
          >
            {t("void.discard")}
          </button>
        </p>
      )}
      {notes.length > 0 && (
        <>
          <h3>{t("returns.creditNotes")}</h3>
          <ul className="invoice-returns__notes">
            {notes.map((note) => (
              <li key={note.id}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => props.onView({ kind: "receipt", noteId: note.id })}
                >
                  {t("returns.creditNote", { number: formatInvoiceNumber(note.prefix, note.number) ?? "" })}
                </button>{" "}
                · {money(note.total)} ·{" "}
                <span className={`status-badge status-badge--${note.status}`}>
                  {t(`returns.status.${note.status}`)}
                </span>
                {note.status === "error" && (
                  <div className="history__reasons">
                    {note.errors.map((e) => (
                      <p key={`${e.code}-${e.field ?? ""}`}>{rejectionText(e, locale)}</p>
                    ))}
                    <button
                      type="button"
                      className="button"
                      onClick={() => props.onView({ kind: "edit", noteId: note.id })}
                    >
                      {t("returns.edit")}
                    </button>{" "}
                    <button type="button" className="button" onClick={() => void resend(note.id)}>
                      {t("returns.resend")}
                    </button>{" "}
                    <button
                      type="button"
                      className="button button--danger"
                      onClick={() => void store.returns.annulCreditNote(note.id)}
                    >
                      {t("returns.annul")}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
          <p className="muted">
            {t("returns.returnable")}:{" "}
            {lines.map((l, i) => `${l.description} ${formatNumber(left[i] ?? 0)}`).join(" · ")}
          </p>
        </>
      )}
      <div className="invoice-returns__actions">
        {canReturn && status !== "returned" && (
          <button type="button" className="button button--primary" onClick={() => props.onView({ kind: "new" })}>
            {t("returns.return")}
          </button>
        )}
        {invoice.status === "synced" && refusal === null && (
          <button type="button" className="button button--danger" onClick={() => setVoiding(true)}>
            {t("void.action")}
          </button>
        )}
        {invoice.status === "synced" && annulable && (
          <button type="button" className="button button--danger" onClick={() => setAnnulling(true)}>
            {t("void.action")}
          </button>
        )}
      </div>
      {invoice.status === "synced" && refusalKey && <p className="muted">{t(refusalKey)}</p>}
      {voiding && (
        <VoidSyncedInvoiceDialog invoice={invoice} number={number} data={data} onClose={() => setVoiding(false)} />
      )}
      {annulling && (
        <AnnulTicketDialog
          invoice={invoice}
          number={number}
          data={data}
          fallbackContext={props.fallbackContext ?? null}
          onAnnulled={(noteId) => props.onView({ kind: "receipt", noteId })}
          onClose={() => setAnnulling(false)}
        />
      )}
    </section>
  );
}
