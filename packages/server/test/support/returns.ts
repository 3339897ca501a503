import {
  type CreditNoteDocument,
  computeCreditNoteTotals,
  creditNoteDocumentSchema,
  creditNoteLinesFor,
  type InvoiceDocument,
  type InvoiceVoidDocument,
  uuidv7,
} from "@mostrador/domain";
import { expect } from "vitest";
import { leaseBlock, type Shop, schemaHeader, type Till } from "./company";
import type { Json } from "./http";

/** A till that also makes returns: its "NC" block and its next credit-note number. */
export async function withCreditNotes(
  shop: Shop,
  till: Till,
  options: { as?: "cashier" | "admin"; lease?: number } = {},
) {
  const block = await leaseBlock(shop.http, till.token, shop.demo.numberings.creditNote, options.lease ?? 20);
  let next = block.rangeFrom;
  const cashierId = options.as === "admin" ? shop.demo.adminId : shop.demo.cashierId;
  return {
    ...till,
    creditNoteBlock: block,
    /**
     * A valid credit note for `invoice`, as the till builds it: the picked lines at the invoice's
     * prices, `returned` (what the till knows was returned before), totals by the domain's code,
     * refunded in cash. Overrides replace fields after that (to build a wrong one on purpose).
     */
    creditNote: (
      invoice: InvoiceDocument,
      picks: { invoiceLineIndex: number; quantity: number }[],
      options: { returned?: number[]; overrides?: Partial<CreditNoteDocument> } = {},
    ): CreditNoteDocument => {
      const lines = creditNoteLinesFor(invoice.lines, options.returned ?? invoice.lines.map(() => 0), picks);
      const t = computeCreditNoteTotals(lines);
      return creditNoteDocumentSchema.parse({
        id: uuidv7(),
        revision: 1,
        terminalId: till.terminalId,
        deviceId: till.deviceId,
        cashierId,
        numberingId: shop.demo.numberings.creditNote,
        prefix: "NC",
        number: next++,
        invoiceId: invoice.id,
        invoicePrefix: invoice.prefix,
        invoiceNumber: invoice.number,
        issuedAt: new Date(Date.now() - 60_000).toISOString(),
        lines,
        refunds: [{ paymentMethodId: shop.demo.paymentMethods.cash, kind: "cash", amount: t.total }],
        reason: "El cliente devolvió el producto",
        totals: { subtotal: t.subtotal, discount: t.discount, tax: t.tax, total: t.total, taxes: t.taxes },
        ...options.overrides,
      });
    },
    voidOf: (invoice: { id: string }, voidedBy: string, overrides: Partial<InvoiceVoidDocument> = {}) => ({
      id: uuidv7(),
      invoiceId: invoice.id,
      deviceId: till.deviceId,
      voidedBy,
      voidedAt: new Date(Date.now() - 60_000).toISOString(),
      reason: "Factura hecha por error",
      ...overrides,
    }),
  };
}
export type ReturnsTill = Awaited<ReturnType<typeof withCreditNotes>>;

/** Pushes documents of the given kinds; the request must be 200 and answer each. */
export async function pushDocs(
  shop: Shop,
  till: Pick<Till, "token">,
  body: { invoices?: unknown[]; creditNotes?: unknown[]; voids?: unknown[] },
): Promise<{ results: Json[]; creditNoteResults: Json[]; voidResults: Json[] }> {
  const res = await shop.http.post(
    "/api/sync/push",
    { invoices: [], ...body },
    { token: till.token, headers: schemaHeader },
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  if (body.creditNotes) expect(res.body.creditNoteResults).toHaveLength(body.creditNotes.length);
  if (body.voids) expect(res.body.voidResults).toHaveLength(body.voids.length);
  return res.body;
}

export const codesOf = (result: Json): string[] => (result.errors ?? []).map((e: Json) => e.code);
