import type { CreditNoteSummary, InvoiceRejection, InvoiceSummary, ServerInvoiceStatus } from "@mostrador/domain";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

export const INVOICE_SUMMARY_COLUMNS =
  "id, revision, status, numbering_id, prefix, number, terminal_id, device_id, cashier_id, client_id, total, issued_at, received_at, errors, version, return_status, returned_quantities";

export function presentInvoiceSummary(r: Row): InvoiceSummary {
  return {
    id: String(r.id),
    revision: Number(r.revision),
    number: r.number === null || r.number === undefined ? null : Number(r.number),
    prefix: String(r.prefix),
    numberingId: String(r.numbering_id),
    status: r.status as ServerInvoiceStatus,
    terminalId: String(r.terminal_id),
    deviceId: String(r.device_id),
    cashierId: String(r.cashier_id),
    clientId: String(r.client_id),
    total: Number(r.total),
    issuedAt: iso(r.issued_at),
    receivedAt: iso(r.received_at),
    errors: (r.errors as InvoiceRejection[]) ?? [],
    version: Number(r.version),
    returnStatus: (r.return_status as InvoiceSummary["returnStatus"] | undefined) ?? "none",
    returnedQuantities: ((r.returned_quantities as number[] | null | undefined) ?? []).map(Number),
  };
}

export function presentInvoiceDetail(r: Row, revisions: Row[], attempts: Row[], creditNotes: CreditNoteSummary[]) {
  return {
    ...presentInvoiceSummary(r),
    voidedBy: r.voided_by == null ? null : String(r.voided_by),
    voidedAt: r.voided_at == null ? null : iso(r.voided_at),
    creditNotes,
    subtotal: Number(r.subtotal),
    discount: Number(r.discount),
    tax: Number(r.tax),
    paid: Number(r.paid),
    change: Number(r.change),
    voidReason: (r.void_reason as string | null) ?? null,
    // The current revision's document (the invoices row keeps only what lists and checks need).
    document: revisions.find((v) => Number(v.revision) === Number(r.revision))?.document ?? null,
    revisions: revisions.map((v) => ({
      revision: Number(v.revision),
      receivedAt: iso(v.received_at),
      userId: v.user_id,
      deviceId: v.device_id,
      userName: (v.user_name as string | null | undefined) ?? null,
      deviceName: (v.device_name as string | null | undefined) ?? null,
      document: v.document,
    })),
    attempts: attempts.map((a) => ({
      revision: Number(a.revision),
      outcome: a.outcome,
      errors: a.errors,
      notices: a.notices ?? [],
      at: iso(a.at),
      userId: a.user_id,
      deviceId: a.device_id,
      userName: (a.user_name as string | null | undefined) ?? null,
      deviceName: (a.device_name as string | null | undefined) ?? null,
    })),
  };
}
