import { useI18n } from "../i18n/i18n";
import { VoidReasonDialog } from "../invoiceError/VoidReasonDialog";
import type { SellingData } from "../sale/useSellingData";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { LocalStoreError } from "../storage/localStoreErrors";

/** "Anular" of a synced invoice with a required reason: recorded here (also offline) and synced like a document. */
export function VoidSyncedInvoiceDialog(props: {
  invoice: LocalInvoice;
  number: string;
  data: SellingData;
  onClose: () => void;
}) {
  const { store, syncEngine } = useAppServices();
  const { t } = useI18n();
  return (
    <VoidReasonDialog
      title={t("void.title", { number: props.number })}
      hint={t("void.hint")}
      reasonLabel={t("void.reason")}
      confirmLabel={t("void.confirm")}
      onClose={props.onClose}
      void={async (reason) => {
        try {
          await store.returns.voidInvoice({
            invoiceId: props.invoice.id,
            deviceId: props.data.context.device.deviceId,
            voidedBy: props.data.session.user.id,
            role: props.data.session.user.role,
            reason,
          });
          syncEngine.requestSync("void");
          return null;
        } catch (e) {
          return e instanceof LocalStoreError && e.code === "VOID_REFUSED"
            ? t("void.refused.VOID_NOT_ALLOWED")
            : t("invoiceError.voidFailed", { message: e instanceof Error ? e.message : String(e) });
        }
      }}
    />
  );
}
