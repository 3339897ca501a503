import type { InvoiceRejection } from "@mostrador/domain";
import type { Locale } from "../i18n/i18n";

/** The server's reason in the cashier's language (it sends both). */
export function rejectionText(error: Pick<InvoiceRejection, "message" | "messageEs">, locale: Locale): string {
  return locale === "en" ? error.message : error.messageEs;
}
