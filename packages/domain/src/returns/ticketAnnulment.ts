import type { PaymentMethodKind } from "../catalog/catalogSchemas";
import { summarizePayments } from "../invoice/invoiceTotals";
import type { ReturnRejectionCode } from "./returnRejections";
import { returnableQuantities } from "./returnRules";
import { type VoidableInvoice, voidRefusal } from "./voidRules";

/**
 * «Anular» of an electronic ticket (DEE POS or contingency, issue 19): a void has no number for the
 * DIAN's adjustment note, so the ticket is annulled by a credit note that gives back every line
 * whole, refunded by the ticket's own payment methods. The server sees such a note as the void of
 * the whole document (ResponseCode 2).
 */

/**
 * A note that gives back every unit of every line of a ticket that had no return before undoes the
 * whole document: ResponseCode 2 ("anulación") on the server; the till shows the ticket annulled by it.
 */
export function returnsWholeTicket(
  soldLines: readonly { quantity: number }[],
  returned: readonly { invoiceLineIndex: number; quantity: number }[],
): boolean {
  if (soldLines.length === 0) return false;
  const back = new Map<number, number>();
  for (const l of returned) back.set(l.invoiceLineIndex, (back.get(l.invoiceLineIndex) ?? 0) + l.quantity);
  return soldLines.every((line, i) => back.get(i) === line.quantity);
}

/**
 * Why this user may not annul the electronic ticket now (null: they may): the rules of a void
 * (admin, or a cashier within the ticket's open shift; refused once it has returns), the
 * electronic document apart. A ticket that is not electronic is voided instead.
 */
export function ticketAnnulmentRefusal(
  invoice: VoidableInvoice,
  by: { role: "admin" | "cashier" | string; at: string },
): ReturnRejectionCode | null {
  if (!invoice.electronic) return voidRefusal(invoice, by) ?? "VOID_NOT_ALLOWED";
  return voidRefusal({ ...invoice, electronic: false }, by);
}

/** Every line's quantity still to return: the picks of an annulment. */
export function annulmentPicks(
  lines: readonly { quantity: number }[],
  returned: readonly number[],
): { invoiceLineIndex: number; quantity: number }[] {
  return returnableQuantities(lines, returned)
    .map((quantity, invoiceLineIndex) => ({ invoiceLineIndex, quantity }))
    .filter((p) => p.quantity > 0);
}

export interface OriginalRefund {
  paymentMethodId: string;
  kind: PaymentMethodKind;
  amount: number;
}

/**
 * The refund by the ticket's payment methods: what each finally paid (the change comes back from
 * cash, as on the receipt), one refund per method, in the ticket's order. When the note's total
 * differs from what was paid, the amounts are shared in proportion (largest remainders), so they
 * always sum to `total`.
 */
export function refundsByOriginalPayments(
  ticketTotal: number,
  payments: readonly { paymentMethodId: string; kind: PaymentMethodKind; amount: number }[],
  total: number,
): OriginalRefund[] {
  const summary = summarizePayments(ticketTotal, payments);
  let change = summary.ok ? summary.change : 0;
  const paid: OriginalRefund[] = [];
  for (const p of payments) {
    const back = p.kind === "cash" ? Math.min(change, p.amount) : 0;
    change -= back;
    const same = paid.find((r) => r.paymentMethodId === p.paymentMethodId);
    if (same) same.amount += p.amount - back;
    else paid.push({ paymentMethodId: p.paymentMethodId, kind: p.kind, amount: p.amount - back });
  }
  const kept = paid.filter((r) => r.amount > 0);
  const sum = kept.reduce((s, r) => s + r.amount, 0);
  if (sum === total || kept.length === 0) return kept;
  // BigInt: amount × total may exceed 2^53 centavos².
  const shares = kept.map((r) => {
    const product = BigInt(r.amount) * BigInt(total);
    return { ...r, amount: Number(product / BigInt(sum)), rest: product % BigInt(sum) };
  });
  let left = total - shares.reduce((s, r) => s + r.amount, 0);
  for (const share of [...shares].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : 0))) {
    if (left <= 0) break;
    share.amount += 1;
    left -= 1;
  }
  return shares.filter((r) => r.amount > 0).map(({ rest: _, ...r }) => r);
}
