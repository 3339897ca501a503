import "fake-indexeddb/auto";
import { computeInvoiceTotals, returnsWholeTicket } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import { cartTotals } from "../sale/cart";
import { buildInvoiceDraft } from "../sale/invoiceDraft";
import { addPayment } from "../sale/payment";
import * as demo from "../testing/demoCatalog";
import { saleContext, sampleCart } from "../testing/sampleInvoices";
import { sellAndSync } from "../testing/syncedSale";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalInvoice } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

let store: DexieLocalStore;
afterEach(() => store?.close());

const [cash, debitCard] = [demo.cash, demo.debitCard];

/**
 * A synced contingency ticket (the DIAN's kind of ticket that a till numbers itself), paid
 * 10.000 by debit card and the rest in cash with 5.000 of change; `dian: false` leaves a POS sale.
 */
async function syncedTicket(options: { dian?: boolean } = {}): Promise<LocalInvoice> {
  store = openTestStore();
  await store.applyPullPage(demo.returnsCatalogPage());
  const cart = sampleCart();
  const total = cartTotals(cart).total;
  const card = { key: "card", paymentMethodId: debitCard.id, kind: debitCard.kind, amount: 1_000_000 };
  const payments = addPayment([card], cash, total).map((p) =>
    p.kind === "cash" ? { ...p, amount: p.amount + 500_000 } : p,
  );
  const draft = buildInvoiceDraft({ cart, payments, context: saleContext, client: demo.walkInClient });
  const invoice = await sellAndSync(store, draft);
  if (options.dian !== false) {
    await store.db.numberings.update(demo.posNumbering.id, { kind: "contingency" });
    const saved = (await store.getInvoice(invoice.id))!;
    await store.db.invoices.update(invoice.id, { receipt: { ...saved.receipt!, documentKind: "contingency" } });
  }
  return (await store.getInvoice(invoice.id))!;
}

const annulment = (invoiceId: string, role = "admin") => ({
  invoiceId,
  role,
  reason: "  Cobro equivocado ",
  terminalId: demo.caja1.id,
  deviceId: demo.device.deviceId,
  cashierId: demo.cashier.id,
  shiftId: null,
  receipt: null,
});

async function refusalOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e instanceof LocalStoreError ? ((e.details as { refusal?: string })?.refusal ?? e.code) : String(e);
  }
  return undefined;
}

describe("«Anular» of an electronic ticket: its whole-ticket credit note", () => {
  it("gives back every line whole, refunds by the original methods (change out of cash), pending once", async () => {
    const ticket = await syncedTicket();
    const at = new Date().toISOString();
    expect(await store.returns.voidRefusal(ticket.id, { role: "admin", at })).toBe("INVOICE_ELECTRONIC");
    expect(await store.returns.annulmentRefusal(ticket.id, { role: "admin", at })).toBeNull();

    const note = await store.returns.annulElectronicTicket(annulment(ticket.id));
    expect(note).toMatchObject({ status: "pending", prefix: "NC", number: 1, invoiceId: ticket.id });
    expect(note.document.reason).toBe("Cobro equivocado");
    expect(note.document.lines.map((l) => [l.invoiceLineIndex, l.quantity, l.returnedBefore])).toEqual([
      [0, 1, 0],
      [1, 2, 0],
    ]);
    // What the server reads as the void of the whole document (ResponseCode 2).
    expect(returnsWholeTicket(ticket.document.lines, note.document.lines)).toBe(true);
    expect(note.total).toBe(computeInvoiceTotals(ticket.document.lines).total);
    expect(note.total).toBe(ticket.total);
    // The card gets its 10.000 back, cash what it finally paid (tendered minus the 5.000 of change).
    expect(note.document.refunds).toEqual([
      { paymentMethodId: debitCard.id, kind: debitCard.kind, amount: 1_000_000 },
      { paymentMethodId: cash.id, kind: "cash", amount: ticket.total - 1_000_000 },
    ]);
    // Exactly once: one pending note to upload, and the ticket cannot be annulled a second time.
    expect(await store.returns.listCreditNotesToPush(10, { invoiceOnServer: true })).toHaveLength(1);
    expect(await refusalOf(store.returns.annulElectronicTicket(annulment(ticket.id)))).toBe("INVOICE_HAS_RETURNS");
    expect(await store.db.creditNotes.count()).toBe(1);
    expect(await store.returns.creditNoteNumbersLeft(demo.ncNumbering.id)).toBe(9);
  });

  it("refused once the ticket has a return: nothing is written, no number is taken", async () => {
    const ticket = await syncedTicket();
    await store.returns.saveCreditNote({
      ...annulment(ticket.id),
      picks: [{ invoiceLineIndex: 1, quantity: 1 }],
      refund: { paymentMethodId: cash.id, kind: "cash" },
    });
    const at = new Date().toISOString();
    expect(await store.returns.annulmentRefusal(ticket.id, { role: "admin", at })).toBe("INVOICE_HAS_RETURNS");
    expect(await refusalOf(store.returns.annulElectronicTicket(annulment(ticket.id)))).toBe("INVOICE_HAS_RETURNS");
    expect(await store.db.creditNotes.count()).toBe(1);
    expect(await store.returns.creditNoteNumbersLeft(demo.ncNumbering.id)).toBe(9);
  });

  it("the rules of a void: a cashier outside the ticket's shift is refused; a POS sale is voided instead", async () => {
    const ticket = await syncedTicket();
    const at = new Date().toISOString();
    expect(await store.returns.annulmentRefusal(ticket.id, { role: "cashier", at })).toBe("VOID_NOT_ALLOWED");
    expect(await refusalOf(store.returns.annulElectronicTicket(annulment(ticket.id, "cashier")))).toBe(
      "VOID_NOT_ALLOWED",
    );
    expect(await refusalOf(store.returns.annulElectronicTicket({ ...annulment(ticket.id), reason: "  " }))).toBe(
      "VOID_REFUSED",
    );
    expect(await store.db.creditNotes.count()).toBe(0);
    store.close();

    const sale = await syncedTicket({ dian: false });
    expect(await store.returns.voidRefusal(sale.id, { role: "admin", at })).toBeNull();
    expect(await store.returns.annulmentRefusal(sale.id, { role: "admin", at })).not.toBeNull();
    expect(await store.db.creditNotes.count()).toBe(0);
  });
});
