import type { LocalInvoiceStatus } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";

export function InvoiceStatusBadge({ status }: { status: LocalInvoiceStatus }) {
  const { t } = useI18n();
  return <span className={`status-badge status-badge--${status}`}>{t(`status.${status}`)}</span>;
}
