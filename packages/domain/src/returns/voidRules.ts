import type { ReturnRejectionCode } from "./returnRejections";

/** What decides whether a synced invoice may be voided. */
export interface VoidableInvoice {
  status: "accepted" | "rejected" | "voided";
  electronic: boolean;
  returnStatus: "none" | "partially_returned" | "returned";
  /** The shift the invoice was sold in, as the server knows it (null: sold without a shift). */
  shift: { openedAt: string; closedAt: string | null } | null;
}

/**
 * Why a void of a synced (accepted) invoice is refused, or null when it may go ahead: an
 * electronic invoice is only corrected with a credit note; an invoice with returns keeps them;
 * an admin may void any other; a cashier only while the shift the invoice was sold in is open
 * (the void's own time counts, so a void made offline before the shift closed still holds).
 */
export function voidRefusal(
  invoice: VoidableInvoice,
  by: { role: "admin" | "cashier" | string; at: string },
): ReturnRejectionCode | null {
  if (invoice.status === "rejected") return "INVOICE_NOT_ACCEPTED";
  if (invoice.status === "voided") return "INVOICE_VOIDED";
  if (invoice.electronic) return "INVOICE_ELECTRONIC";
  if (invoice.returnStatus !== "none") return "INVOICE_HAS_RETURNS";
  if (by.role === "admin") return null;
  const shift = invoice.shift;
  if (!shift) return "VOID_NOT_ALLOWED";
  const at = Date.parse(by.at);
  const inShift = at >= Date.parse(shift.openedAt) && (shift.closedAt === null || at <= Date.parse(shift.closedAt));
  return inShift ? null : "VOID_NOT_ALLOWED";
}
