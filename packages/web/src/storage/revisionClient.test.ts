import "fake-indexeddb/auto";
import { invoiceRejection } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import { cartFromInvoice } from "../invoiceError/editInvoice";
import { cartTotals } from "../sale/cart";
import { buildInvoiceDraft } from "../sale/invoiceDraft";
import { initialPayments } from "../sale/payment";
import * as demo from "../testing/demoCatalog";
import { buildNewClient, saleContext, sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalInvoice } from "./localRecords";
import { openTestStore } from "./testDatabase";

const stores: DexieLocalStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

const anaFields = buildNewClient();

/** A sale that made client Ana at the till, refused by the server (its product went inactive). */
async function rejectedSaleWithNewClient() {
  const store = openTestStore();
  stores.push(store);
  await store.applyPullPage(demo.fullCatalogPage());
  const invoice = await store.saveNewInvoice({ ...sampleDraft(), clientId: anaFields.id, newClient: anaFields });
  const inactive = invoiceRejection("PRODUCT_INACTIVE", { name: demo.products[0]!.name }, "lines.0.productId");
  await store.applyPushResults([{ outcome: "rejected", id: invoice.id, revision: 1, errors: [inactive] }]);
  return { store, invoice: (await store.getInvoice(invoice.id)) as LocalInvoice };
}

/** «Editar» then «Facturar» with the invoice's own cart (its client is still the one it made). */
function sameCartDraft(invoice: LocalInvoice) {
  const cart = cartFromInvoice(invoice.document);
  return buildInvoiceDraft({
    cart,
    payments: initialPayments(cartTotals(cart).total, demo.paymentMethods),
    context: saleContext,
    client: { id: anaFields.id, name: anaFields.name, idType: anaFields.idType, idNumber: anaFields.idNumber },
  });
}

describe("a revision of the sale that made a client", () => {
  it("leaves the server's newer copy of that client as it is", async () => {
    const { store, invoice } = await rejectedSaleWithNewClient();
    // The server took the client and an admin corrected it; the till pulled that version.
    const corrected = { ...anaFields, name: "Ana María Gómez", phone: "3001234567" };
    await store.applyPullPage(demo.pullPage([demo.change("clients", corrected)]));
    const pulled = (await store.listClients()).find((c) => c.id === anaFields.id);
    expect(pulled).toMatchObject({ name: "Ana María Gómez", phone: "3001234567" });

    const saved = await store.saveRevision(invoice.id, sameCartDraft(invoice), { newNumber: false });
    expect(saved.document.newClient?.id).toBe(anaFields.id);
    const after = (await store.listClients()).find((c) => c.id === anaFields.id);
    expect(after).toMatchObject({ name: "Ana María Gómez", phone: "3001234567", version: pulled?.version });
    expect(after?.createdOffline).toBeFalsy();
  });

  it("still keeps the till's own copy when the server has not sent the client back", async () => {
    const { store, invoice } = await rejectedSaleWithNewClient();
    await store.saveRevision(invoice.id, sameCartDraft(invoice), { newNumber: false });
    const kept = (await store.listClients()).find((c) => c.id === anaFields.id);
    expect(kept).toMatchObject({ name: "Ana Gómez", version: 0, createdOffline: true });
  });
});
