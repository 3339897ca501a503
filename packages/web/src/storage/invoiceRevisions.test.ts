import "fake-indexeddb/auto";
import { invoiceRejection } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import { cartFromInvoice, needsNewNumber } from "../invoiceError/editInvoice";
import { addProduct, cartTotals, removeLine, setClient } from "../sale/cart";
import { buildInvoiceDraft } from "../sale/invoiceDraft";
import { initialPayments } from "../sale/payment";
import * as demo from "../testing/demoCatalog";
import { saleContext, sampleDraft } from "../testing/sampleInvoices";
import { acceptedSummary } from "../testing/syncedSale";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalInvoice } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

const stores: DexieLocalStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const inactive = invoiceRejection("PRODUCT_INACTIVE", { name: demo.products[0]!.name }, "lines.0.productId");
const numberUsed = invoiceRejection("NUMBER_ALREADY_USED", { number: 1 }, "number");

/** A store with one invoice the server rejected with `errors`. */
async function storeWithRejected(errors = [inactive], blocks = [demo.numberBlock(1, 1, 50)]) {
  const store = openTestStore();
  stores.push(store);
  await store.applyPullPage(demo.fullCatalogPage(blocks));
  const invoice = await store.saveNewInvoice(sampleDraft());
  await store.applyPushResults([{ outcome: "rejected", id: invoice.id, revision: 1, errors }]);
  return { store, invoice: (await store.getInvoice(invoice.id)) as LocalInvoice };
}

/** What the cashier does in the editor: drop the inactive product, add another, bill to Pedro. */
function fixedDraft(invoice: LocalInvoice) {
  let cart = cartFromInvoice(invoice.document);
  cart = removeLine(cart, cart.lines[0]!.key);
  cart = setClient(addProduct(cart, demo.products[2]!, demo.exento), demo.pedro.id);
  return buildInvoiceDraft({
    cart,
    payments: initialPayments(cartTotals(cart).total, demo.paymentMethods),
    context: saleContext,
    client: demo.pedro,
  });
}

describe("saveRevision", () => {
  it("stores revision 2 of the same invoice as pending, with its number, ready to push", async () => {
    const { store, invoice } = await storeWithRejected();
    expect(invoice.status).toBe("error");
    const saved = await store.saveRevision(invoice.id, fixedDraft(invoice), { newNumber: false });
    expect(saved).toMatchObject({ id: invoice.id, status: "pending", number: invoice.number, errors: [] });
    expect(saved.document).toMatchObject({ id: invoice.id, revision: 2, clientId: demo.pedro.id });
    expect(saved.document.issuedAt).toBe(invoice.document.issuedAt);
    expect(saved.document.lines.map((l) => l.productId)).toEqual([demo.products[1]!.id, demo.products[2]!.id]);
    expect(saved.clientName).toBe("Pedro Osorio");
    expect(saved.voidedNumbers).toBeUndefined();
    expect(await store.db.invoices.count()).toBe(1);
    expect((await store.listInvoicesToPushPage(10)).documents).toEqual([saved.document]);
    expect(await store.numbersLeft(demo.posNumbering.id)).toBe(49);
    // The server's answer for revision 2 settles it.
    await store.applyPushResults([
      {
        outcome: "accepted",
        id: invoice.id,
        revision: 2,
        duplicate: false,
        invoice: acceptedSummary(saved, { receivedAt: saved.issuedAt, version: 9 }),
      },
    ]);
    expect((await store.getInvoice(invoice.id))?.status).toBe("synced");
  });

  it("takes a new number when the error was about the number, and records the old one as voided", async () => {
    const { store, invoice } = await storeWithRejected([numberUsed]);
    expect(needsNewNumber(invoice.errors)).toBe(true);
    const saved = await store.saveRevision(invoice.id, fixedDraft(invoice), { newNumber: true });
    expect(saved.number).toBe(2);
    expect(saved.document.number).toBe(2);
    expect(saved.voidedNumbers).toEqual([
      expect.objectContaining({ prefix: "POS", number: 1, revision: 1, reasons: ["NUMBER_ALREADY_USED"] }),
    ]);
    // Number 1 is never handed out again.
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(3);
  });

  it("is atomic: no numbers left leaves the invoice in error, untouched", async () => {
    const { store, invoice } = await storeWithRejected([numberUsed], [demo.numberBlock(1, 1, 1)]);
    const error = await store
      .saveRevision(invoice.id, fixedDraft(invoice), { newNumber: true })
      .catch((e: unknown) => e);
    expect((error as LocalStoreError).code).toBe("NO_NUMBERS_LEFT");
    expect(await store.getInvoice(invoice.id)).toEqual(invoice);
  });

  it("rolls back the number taken when the revision is invalid", async () => {
    const { store, invoice } = await storeWithRejected([numberUsed]);
    const bad = { ...fixedDraft(invoice), lines: [] };
    const error = await store.saveRevision(invoice.id, bad, { newNumber: true }).catch((e: unknown) => e);
    expect((error as LocalStoreError).code).toBe("INVALID_INVOICE");
    expect(await store.getInvoice(invoice.id)).toEqual(invoice);
    expect(await store.numbersLeft(demo.posNumbering.id)).toBe(49);
  });

  it("refuses invoices that are not in error", async () => {
    const store = openTestStore();
    stores.push(store);
    await store.applyPullPage(demo.fullCatalogPage());
    const pending = await store.saveNewInvoice(sampleDraft());
    const error = await store.saveRevision(pending.id, fixedDraft(pending), { newNumber: false }).catch((e) => e);
    expect(error).toBeInstanceOf(LocalStoreError);
    expect((error as LocalStoreError).code).toBe("NOT_EDITABLE");
    const missing = await store.resendInvoice(demo.fixtureId(12345)).catch((e: unknown) => e);
    expect((missing as LocalStoreError).code).toBe("NOT_FOUND");
  });

  it("a pull does not overwrite the new revision before the server answers it", async () => {
    const { store, invoice } = await storeWithRejected();
    const saved = await store.saveRevision(invoice.id, fixedDraft(invoice), { newNumber: false });
    const serverRow = {
      ...acceptedSummary(invoice, { receivedAt: invoice.issuedAt, version: 9 }),
      status: "rejected",
      errors: [inactive],
      document: invoice.document,
    };
    const applied = await store.applyPullPage(demo.pullPage([demo.change("invoices", serverRow)]));
    expect(applied.keptLocalInvoices).toEqual([invoice.id]);
    expect(await store.getInvoice(invoice.id)).toEqual(saved);
  });
});

describe("resendInvoice and markInvoiceVoided", () => {
  it("sends the same revision again", async () => {
    const { store, invoice } = await storeWithRejected();
    expect((await store.listInvoicesToPushPage(10)).documents).toEqual([]);
    const resent = await store.resendInvoice(invoice.id);
    expect(resent).toMatchObject({ status: "pending", errors: [], number: invoice.number });
    expect(resent.document).toEqual(invoice.document);
    expect((await store.listInvoicesToPushPage(10)).documents).toEqual([invoice.document]);
    // Rejected again: back to error with the new reasons.
    await store.applyPushResults([{ outcome: "rejected", id: invoice.id, revision: 1, errors: [inactive] }]);
    expect(await store.getInvoice(invoice.id)).toMatchObject({ status: "error", errors: [inactive] });
  });

  it("marks a voided invoice with its reason; it is neither pending nor in error", async () => {
    const { store, invoice } = await storeWithRejected();
    const voided = await store.markInvoiceVoided(invoice.id, "Cliente desistió");
    expect(voided).toMatchObject({ status: "voided", voidReason: "Cliente desistió", number: invoice.number });
    expect(await store.countInvoicesByStatus()).toEqual({ pending: 0, synced: 0, error: 0, voided: 1 });
    expect((await store.listInvoicesToPushPage(10)).documents).toEqual([]);
    expect(await store.clearAllIfSynced()).toBe(true);
  });
});
