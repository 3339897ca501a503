import type { SellingData } from "../sale/useSellingData";
import type { LocalInvoice, ReceiptContext } from "../storage/localRecords";

/** What a credit note's receipt prints of the shop: the invoice's, with this till, cashier and method names. */
export function creditNoteReceiptContext(
  invoice: LocalInvoice,
  data: SellingData,
  fallback: ReceiptContext | null,
): ReceiptContext | null {
  const base = invoice.receipt ?? fallback;
  if (!base) return null;
  const names = Object.fromEntries(data.paymentMethods.map((m) => [m.id, m.name]));
  return {
    ...base,
    terminalName: data.terminal.name,
    cashierName: data.session.user.name,
    paymentMethodNames: { ...base.paymentMethodNames, ...names },
  };
}
