import type { CreditNoteSummary, PaymentMethodKind } from "@mostrador/domain";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

export function presentCreditNote(r: Row): CreditNoteSummary {
  return {
    id: String(r.id),
    revision: Number(r.revision),
    numberingId: String(r.numbering_id),
    prefix: String(r.prefix),
    number: Number(r.number),
    invoiceId: String(r.invoice_id),
    terminalId: String(r.terminal_id),
    deviceId: String(r.device_id),
    cashierId: String(r.cashier_id),
    shiftId: r.shift_id == null ? null : String(r.shift_id),
    issuedAt: iso(r.issued_at),
    receivedAt: iso(r.received_at),
    reason: String(r.reason),
    subtotal: Number(r.subtotal),
    discount: Number(r.discount),
    tax: Number(r.tax),
    total: Number(r.total),
    lines: ((r.lines as { invoiceLineIndex: number; quantity: number }[] | null) ?? []).map((l) => ({
      invoiceLineIndex: Number(l.invoiceLineIndex),
      quantity: Number(l.quantity),
    })),
    refunds: ((r.refunds as { paymentMethodId: string; kind: PaymentMethodKind; amount: number }[] | null) ?? []).map(
      (p) => ({ paymentMethodId: String(p.paymentMethodId), kind: p.kind, amount: Number(p.amount) }),
    ),
    version: Number(r.version),
  };
}
