import { useMemo } from "react";
import { useI18n } from "../i18n/i18n";
import { formatInvoiceNumber } from "../receipt/invoiceNumber";
import { sellingNumbering, withNumbering } from "../sale/contingencySale";
import type { ChosenClient } from "../sale/invoiceDraft";
import { SaleEditor } from "../sale/SaleEditor";
import { type SaleSubmission, type SubmitOutcome, useSaleDraft } from "../sale/useSaleDraft";
import type { SellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { cartFromInvoice, needsNewNumber, resubmitInvoice } from "./editInvoice";
import { rejectionText } from "./rejectionText";
import "./invoiceError.css";

interface InvoiceEditorProps {
  invoice: LocalInvoice;
  data: SellingData;
  online: boolean;
  onSaved: (invoice: LocalInvoice) => void;
  onCancel: () => void;
}

/**
 * "Editar" on an invoice in error: the sale editor prefilled with its lines, client and notes →
 * "Siguiente" → the payment method chosen again → "Facturar" saves a new revision (pending).
 */
export function InvoiceEditor({ invoice, data: terminalData, online, onSaved, onCancel }: InvoiceEditorProps) {
  const services = useAppServices();
  // On a DEE POS terminal: a contingency ticket stays one; offline, a revision is one (issue 19).
  const numbering = sellingNumbering(terminalData, online, invoice.numberingId);
  const data = useMemo(() => withNumbering(terminalData, numbering), [terminalData, numbering]);
  const { t, locale } = useI18n();
  const newNumber = needsNewNumber(invoice.errors);
  const initialCart = useMemo(() => cartFromInvoice(invoice.document), [invoice.document]);
  const fallbackClient = useMemo(() => receiptClient(invoice), [invoice]);
  const draft = useSaleDraft({ data, online, initialCart, takesNumber: newNumber, fallbackClient });
  const number = formatInvoiceNumber(invoice.prefix, invoice.number) ?? "—";

  async function save(sale: SaleSubmission): Promise<SubmitOutcome> {
    // A revision stays in the shift the invoice was sold in.
    const context = { ...data.context, shiftId: invoice.document.shiftId ?? null };
    const result = await resubmitInvoice(services, { ...sale, invoice, context });
    if (result.ok) onSaved(result.invoice);
    return result.ok ? { ok: true } : result;
  }

  return (
    <section className="invoice-editor" aria-labelledby="invoice-editor-title">
      <div className="invoice-editor__bar">
        <h2 id="invoice-editor-title">{t("invoiceError.editTitle", { number })}</h2>
        <button type="button" className="button" onClick={onCancel} disabled={draft.busy}>
          {t("invoiceError.cancelEdit")}
        </button>
      </div>
      <ul className="message message--error invoice-editor__reasons" aria-label={t("invoiceError.reasons")}>
        {invoice.errors.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the server's list of reasons is fixed
          <li key={`${e.code}-${i}`}>{rejectionText(e, locale)}</li>
        ))}
      </ul>
      <p className="muted">{t("invoiceError.editHint")}</p>
      {newNumber && invoice.number !== null && (
        <p className="message message--warning">{t("invoiceError.newNumber", { number })}</p>
      )}
      <SaleEditor draft={draft} data={data} online={online} onSubmit={save} withNotes />
    </section>
  );
}

/** The client as printed on the invoice (one no longer in the local list still shows). */
function receiptClient(invoice: LocalInvoice): ChosenClient | null {
  const r = invoice.receipt;
  return r ? { id: invoice.clientId, name: r.clientName, idType: r.clientIdType, idNumber: r.clientIdNumber } : null;
}
