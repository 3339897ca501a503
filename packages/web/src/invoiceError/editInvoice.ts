import { type InvoiceDocument, type InvoiceRejection, numberRejectionCodes } from "@mostrador/domain";
import type { Cart, NewClientDraft } from "../sale/cart";
import { describeCheckoutError } from "../sale/checkout";
import { buildInvoiceDraft, type ChosenClient, type SaleContext } from "../sale/invoiceDraft";
import type { PaymentEntry } from "../sale/payment";
import type { AppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";

/** The invoice's lines, client and notes as a cart the sale editor can change. */
export function cartFromInvoice(document: InvoiceDocument): Cart {
  const newClient: NewClientDraft | null =
    document.newClient && document.newClient.id === document.clientId
      ? {
          id: document.newClient.id,
          name: document.newClient.name,
          idType: document.newClient.idType,
          idNumber: document.newClient.idNumber,
          email: document.newClient.email ?? null,
          phone: document.newClient.phone ?? null,
          address: document.newClient.address ?? null,
        }
      : null;
  return {
    lines: document.lines.map((line, i) => ({
      key: `${line.productId}:${i}:rev${document.revision}`,
      productId: line.productId,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      priceIncludesTax: line.priceIncludesTax,
      discountPercent: line.discountPercent,
      ...(line.discountAmount ? { discountAmount: line.discountAmount } : {}),
      taxId: line.taxId,
      taxName: line.taxName,
      taxKind: line.taxKind,
      taxRateBp: line.taxRateBp,
    })),
    clientId: document.clientId,
    newClient,
    notes: document.notes,
    // The shares are spread again from the request when the revision is billed.
    ticketDiscount: document.ticketDiscount
      ? document.ticketDiscount.percent !== undefined
        ? { mode: "percent", percent: document.ticketDiscount.percent }
        : { mode: "amount", amount: document.ticketDiscount.amount }
      : null,
  };
}

/** The server said the number itself is wrong (not leased, used, out of range): the revision takes a new one. */
export function needsNewNumber(errors: readonly InvoiceRejection[]): boolean {
  return errors.some((e) => numberRejectionCodes.includes(e.code));
}

export type ResubmitResult =
  | { ok: true; invoice: LocalInvoice }
  | { ok: false; error: ReturnType<typeof describeCheckoutError> };

/**
 * "Facturar" in the editor: the fixed invoice is stored as a new revision (pending) in one
 * transaction, then the sync engine is asked to upload it.
 */
export async function resubmitInvoice(
  services: Pick<AppServices, "store" | "syncEngine">,
  input: {
    invoice: LocalInvoice;
    cart: Cart;
    payments: readonly PaymentEntry[];
    context: SaleContext;
    client: ChosenClient | null;
  },
): Promise<ResubmitResult> {
  const { invoice } = input;
  let saved: LocalInvoice;
  try {
    const draft = buildInvoiceDraft(input);
    saved = await services.store.saveRevision(invoice.id, draft, { newNumber: needsNewNumber(invoice.errors) });
  } catch (error) {
    return { ok: false, error: describeCheckoutError(error) };
  }
  services.syncEngine.requestSync("invoice revision");
  return { ok: true, invoice: saved };
}
