import type { Numbering } from "@mostrador/domain";
import type { MessageKey } from "../i18n/i18n";
import { numberingExpired } from "../numbering/numberingNotices";
import { markEnd, markStart } from "../perf/performanceMarks";
import type { LocalInvoice } from "../storage/localRecords";
import type { LocalStore } from "../storage/localStore";
import { LocalStoreError } from "../storage/localStoreErrors";
import type { ScheduledSync } from "../sync/syncScheduler";
import type { Cart } from "./cart";
import { buildInvoiceDraft, type ChosenClient, InvoiceDraftError, type SaleContext } from "./invoiceDraft";
import type { PaymentEntry } from "./payment";

/** Only what "Facturar" uses: storing the invoice, and syncing it (at once when electronic). */
export interface CheckoutServices {
  store: Pick<LocalStore, "saveNewInvoice" | "getInvoice">;
  syncEngine: Pick<ScheduledSync, "requestSync" | "pushPending">;
}

export interface CheckoutInput {
  cart: Cart;
  payments: readonly PaymentEntry[];
  context: SaleContext;
  client: ChosenClient | null;
  online: boolean;
}

export type CheckoutResult =
  | { ok: true; invoice: LocalInvoice; notice: { key: MessageKey; params?: Record<string, string> } | null }
  | { ok: false; error: { key: MessageKey; params?: Record<string, string> } };

/** Whether "Facturar" may be pressed at all; the reason is shown next to the disabled button. */
export function checkoutBlocker(input: {
  electronic: boolean;
  online: boolean;
  numbersLeft: number | null;
}): MessageKey | null {
  if (input.electronic) return input.online ? null : "sale.electronicOffline";
  if (input.numbersLeft !== null && input.numbersLeft <= 0) return "sale.noNumbersLeft";
  return null;
}

/**
 * Everything that blocks "Facturar" on the sale editor (a new sale and "Editar" alike): the
 * checkout rules above, then a numbering past its validity on the shop's calendar day.
 */
export function saleBlocker(input: {
  numbering: Numbering;
  online: boolean;
  numbersLeft: number | null;
  /** YYYY-MM-DD in the company's time zone (domain localDate). */
  today: string;
}): MessageKey | null {
  const { numbering, online, numbersLeft, today } = input;
  return (
    checkoutBlocker({ electronic: numbering.electronic, online, numbersLeft }) ??
    (numberingExpired(numbering, today) ? "numbering.expiredBlocked" : null)
  );
}

/**
 * "Facturar": the invoice is durable in IndexedDB (number taken in the same transaction)
 * before this resolves, so the receipt shows only a saved sale. Electronic numbering is sent
 * at once; other invoices are left to the sync engine.
 */
export async function checkout(services: CheckoutServices, input: CheckoutInput): Promise<CheckoutResult> {
  const blocker = checkoutBlocker({
    electronic: input.context.numbering.electronic,
    online: input.online,
    numbersLeft: null,
  });
  if (blocker) return { ok: false, error: { key: blocker } };
  let invoice: LocalInvoice;
  let draftId: string | null = null;
  try {
    const draft = buildInvoiceDraft(input);
    draftId = draft.id;
    markStart("mostrador:invoice-save");
    invoice = await services.store.saveNewInvoice(draft);
    markEnd("mostrador:invoice-save");
  } catch (error) {
    const saved = draftId ? await savedDespiteError(services, draftId, error) : null;
    if (!saved) return { ok: false, error: describeCheckoutError(error) };
    invoice = saved;
  }
  if (!input.context.numbering.electronic) {
    services.syncEngine.requestSync("sale");
    return { ok: true, invoice, notice: null };
  }
  try {
    await services.syncEngine.pushPending({ ids: [invoice.id] });
    const sent = (await services.store.getInvoice(invoice.id)) ?? invoice;
    const notice =
      sent.status === "pending"
        ? { key: "checkout.electronicRetry" as const }
        : sent.status === "synced"
          ? { key: "checkout.sentAtOnce" as const }
          : null;
    return { ok: true, invoice: sent, notice };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: true, invoice, notice: { key: "checkout.electronicPending", params: { message } } };
  }
}

/**
 * An unexpected storage error may come after the transaction committed (the browser or Dexie reporting a
 * failure on the way back): the sale is then on the device, and calling it failed would make the cashier
 * sell it again. The draft's id says which: only what the store refused on purpose is surely not saved.
 */
async function savedDespiteError(services: CheckoutServices, id: string, error: unknown): Promise<LocalInvoice | null> {
  if (error instanceof LocalStoreError && error.code !== "STORAGE_FAILED") return null;
  try {
    return (await services.store.getInvoice(id)) ?? null;
  } catch {
    return null; // the store cannot even be read: the error stands
  }
}

export function describeCheckoutError(error: unknown): { key: MessageKey; params?: Record<string, string> } {
  if (error instanceof InvoiceDraftError) {
    switch (error.problem) {
      case "EMPTY_CART":
        return { key: "checkout.emptyCart" };
      case "NO_CLIENT":
        return { key: "checkout.noClient" };
      case "PAYMENT_UNDERPAID":
        return { key: "payment.missing", params: { amount: "" } };
      case "CHANGE_WITHOUT_CASH":
        return { key: "payment.changeWithoutCash" };
    }
  }
  if (error instanceof LocalStoreError) {
    switch (error.code) {
      case "QUOTA_EXCEEDED":
        return { key: "checkout.quota" };
      case "NO_NUMBERS_LEFT":
        return { key: "sale.noNumbersLeft" };
      case "NOT_READY":
        return { key: "checkout.notReady" };
      case "INVALID_INVOICE":
        return { key: "checkout.invalid", params: { message: summarizeIssues(error.details) } };
      default:
        return { key: "checkout.storageFailed", params: { message: error.message } };
    }
  }
  return { key: "checkout.storageFailed", params: { message: error instanceof Error ? error.message : String(error) } };
}

function summarizeIssues(details: unknown): string {
  if (!Array.isArray(details)) return "";
  return details
    .slice(0, 3)
    .map((issue: { path?: unknown[]; message?: string }) => `${(issue.path ?? []).join(".")}: ${issue.message ?? ""}`)
    .join("; ");
}
