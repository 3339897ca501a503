import { useLiveQuery } from "dexie-react-hooks";
import "./registerReturnsMessages";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import type { SellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import { useOpenShift } from "../shifts/useShift";
import type { LocalCreditNote, LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { CreditNoteReceipt } from "./CreditNoteReceipt";
import { creditNoteReceiptContext } from "./creditNoteReceiptContext";
import { ReturnForm, refundOptions } from "./ReturnForm";

/** What the screen shows: the form for a new return, the form editing a note in error, or a note's receipt. */
export type ReturnView = { kind: "new" } | { kind: "edit"; noteId: string } | { kind: "receipt"; noteId: string };

/**
 * "Devolución": the form (new, or "Editar" of a note in error), then the 80 mm "Nota crédito" to
 * print. The note is saved durably with the next NC number before its receipt shows.
 */
export function ReturnScreen(props: {
  invoice: LocalInvoice;
  view: ReturnView;
  data: SellingData;
  fallbackContext: ReceiptContext | null;
  onView: (view: ReturnView | null) => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t } = useI18n();
  const { invoice, view, data } = props;
  const shift = useOpenShift(data.terminal.id);
  const editing = useLiveQuery(
    () => (view.kind === "new" ? undefined : store.returns.getCreditNote(view.noteId)),
    [store, view],
  );
  const returned = useLiveQuery(
    () => store.returns.returnedQuantities(invoice.id, view.kind === "edit" ? view.noteId : undefined),
    [store, invoice.id, view],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const invoiceNumber = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "";

  if (view.kind === "receipt") {
    if (!editing) return null;
    return (
      <section className="receipt-view">
        {notice && <p className="message message--info no-print">{notice}</p>}
        {editing.status === "pending" && <p className="muted no-print">{t("returns.savedOffline")}</p>}
        <CreditNoteReceipt note={editing} fallbackContext={props.fallbackContext} />
        <div className="receipt-view__actions no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            {t("returns.print")}
          </button>
          <button type="button" className="button button--primary" onClick={() => props.onView(null)}>
            {t("returns.newReturn")}
          </button>
        </div>
      </section>
    );
  }
  if (!returned || (view.kind === "edit" && !editing)) return null;
  const note = editing as LocalCreditNote | undefined;
  const receipt = creditNoteReceiptContext(invoice, data, props.fallbackContext);
  return (
    <ReturnForm
      invoice={invoice}
      returned={returned}
      refunds={refundOptions(invoice, data.paymentMethods, t)}
      title={
        note
          ? t("returns.editTitle", { number: formatInvoiceNumber(note.prefix, note.number) ?? "" })
          : t("returns.title", { number: invoiceNumber })
      }
      initial={
        note
          ? {
              picks: note.document.lines.map((l) => ({ invoiceLineIndex: l.invoiceLineIndex, quantity: l.quantity })),
              refund: note.document.refunds[0] ?? { paymentMethodId: "", kind: "cash" },
              reason: note.document.reason,
            }
          : undefined
      }
      onCancel={() => props.onView(null)}
      onSubmit={async (choice) => {
        const saved = note
          ? await store.returns.reviseCreditNote(note.id, choice)
          : await store.returns.saveCreditNote({
              ...choice,
              invoiceId: invoice.id,
              terminalId: data.terminal.id,
              deviceId: data.context.device.deviceId,
              cashierId: data.session.user.id,
              shiftId: shift?.id ?? null,
              receipt,
            });
        if (note) setNotice(t("returns.resubmitted", { revision: saved.document.revision }));
        props.onView({ kind: "receipt", noteId: saved.id });
        syncEngine.requestSync("creditNote"); // on disk: upload it when the connection allows
      }}
    />
  );
}
