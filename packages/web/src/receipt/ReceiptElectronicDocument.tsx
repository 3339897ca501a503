import { useI18n } from "../i18n/i18n";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";
import { DianQrCode } from "./DianQrCode";

/** The ticket's title line: which DIAN document it is (issue 19), else the plain or electronic invoice. */
export function receiptTitleKey(context: ReceiptContext | null) {
  if (context?.documentKind === "contingency") return "receipt.contingencyNumber" as const;
  if (context?.documentKind === "dee_pos") return "receipt.deePosNumber" as const;
  return context?.electronic ? ("receipt.electronicNumber" as const) : ("receipt.invoiceNumber" as const);
}

/**
 * The DIAN part of an electronic equivalent POS ticket (issue 19): for a contingency ticket, that it
 * is one; once the server generated the document, its CUDE and QR; "Validación DIAN pendiente" until
 * the DIAN accepted it. Nothing for plain invoices.
 */
export function ReceiptElectronicDocument({
  invoice,
  context,
}: {
  invoice: LocalInvoice;
  context: ReceiptContext | null;
}) {
  const { t } = useI18n();
  const document = invoice.electronicDocument;
  const kind = context?.documentKind ?? (document ? (document.contingency ? "contingency" : "dee_pos") : null);
  if (!kind) return null;
  return (
    <section className="receipt__dian" aria-label={t("receipt.dian.section")}>
      {kind === "contingency" && <p className="receipt__text">{t("receipt.contingencyNotice")}</p>}
      {document?.cude && (
        <p className="receipt__cude">
          {t("receipt.cude")} <span>{document.cude}</span>
        </p>
      )}
      {document?.qrText && <DianQrCode text={document.qrText} label={t("receipt.qrLabel")} />}
      <strong className="receipt__dian-state">
        {document?.state === "accepted" ? t("receipt.dianAccepted") : t("receipt.dianPending")}
      </strong>
    </section>
  );
}
