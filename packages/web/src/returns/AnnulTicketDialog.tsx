import { useI18n } from "../i18n/i18n";
import "./registerReturnsMessages";
import { VoidReasonDialog } from "../invoiceError/VoidReasonDialog";
import type { SellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import { useOpenShift } from "../shifts/useShift";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { LocalStoreError } from "../storage/localStoreErrors";
import { creditNoteReceiptContext } from "./creditNoteReceiptContext";

/**
 * «Anular» of a synced DIAN ticket (DEE POS or contingency) in one step, with a required reason:
 * the credit note giving back every line, refunded by the ticket's payment methods (cash from the
 * open shift), saved here (also offline) and synced like a return; then its receipt to print.
 */
export function AnnulTicketDialog(props: {
  invoice: LocalInvoice;
  number: string;
  data: SellingData;
  fallbackContext: ReceiptContext | null;
  onAnnulled: (noteId: string) => void;
  onClose: () => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t } = useI18n();
  const { invoice, data } = props;
  const shift = useOpenShift(data.terminal.id);
  return (
    <VoidReasonDialog
      title={t("annul.title", { number: props.number })}
      hint={t("annul.hint")}
      reasonLabel={t("void.reason")}
      confirmLabel={t("annul.confirm")}
      onClose={props.onClose}
      void={async (reason) => {
        try {
          const note = await store.returns.annulElectronicTicket({
            invoiceId: invoice.id,
            terminalId: data.terminal.id,
            deviceId: data.context.device.deviceId,
            cashierId: data.session.user.id,
            role: data.session.user.role,
            shiftId: shift?.id ?? null,
            receipt: creditNoteReceiptContext(invoice, data, props.fallbackContext),
            reason,
          });
          syncEngine.requestSync("creditNote"); // on disk: upload it when the connection allows
          props.onAnnulled(note.id);
          return null;
        } catch (e) {
          if (e instanceof LocalStoreError) {
            const refusal = (e.details as { refusal?: string } | undefined)?.refusal;
            if (refusal === "INVOICE_HAS_RETURNS") return t("annul.refused.INVOICE_HAS_RETURNS");
            if (e.code === "VOID_REFUSED") return t("void.refused.VOID_NOT_ALLOWED");
            if (e.code === "NO_NUMBERS_LEFT") return t("returns.noNumbers");
            if (e.code === "NOT_READY") return t("returns.noNumbering");
          }
          return t("returns.failed", { message: e instanceof Error ? e.message : String(e) });
        }
      }}
    />
  );
}
