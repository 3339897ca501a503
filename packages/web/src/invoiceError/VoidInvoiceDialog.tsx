import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";
import { voidInvoiceOnServer } from "./invoiceActions";
import { VoidReasonDialog } from "./VoidReasonDialog";

/** "Anular" of an invoice in error, with a required reason; online only (the server records the void). */
export function VoidInvoiceDialog(props: {
  invoice: LocalInvoice;
  number: string;
  online: boolean;
  onClose: () => void;
}) {
  const services = useAppServices();
  const { t } = useI18n();
  return (
    <VoidReasonDialog
      title={t("invoiceError.voidTitle", { number: props.number })}
      hint={t("invoiceError.voidHint")}
      reasonLabel={t("invoiceError.voidReason")}
      confirmLabel={t("invoiceError.voidConfirm")}
      warning={props.online ? null : t("invoiceError.voidOffline")}
      blocked={!props.online}
      onClose={props.onClose}
      void={async (reason) => {
        const outcome = await voidInvoiceOnServer(services, props.invoice, reason, props.online);
        if (outcome.ok) return null;
        if (outcome.problem === "reason_required") return t("invoiceError.voidReasonRequired");
        if (outcome.problem === "offline") return t("invoiceError.voidOffline");
        return t("invoiceError.voidFailed", { message: outcome.message ?? "" });
      }}
    />
  );
}
