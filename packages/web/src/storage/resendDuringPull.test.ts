import "fake-indexeddb/auto";
import { invoiceRejection } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalInvoice } from "./localRecords";
import { openTestStore } from "./testDatabase";

/**
 * Review, session 9: «Sincronizar de nuevo» of an invoice in Error while the pull that follows the
 * push is under way. That pull brings the invoice back as the server rejected it; the page was asked
 * for (or asked ahead) before the cashier pressed, and is written after. The page says nothing newer
 * than the answer the till already had, so the sale must stay pending, ready to be sent again. Before
 * the fix it went back to Error and was not sent.
 */
let store: DexieLocalStore | undefined;
afterEach(() => store?.close());

const inactive = invoiceRejection("PRODUCT_INACTIVE", { name: demo.products[0]?.name ?? "" }, "lines.0.productId");

function rejectedRow(invoice: LocalInvoice, version: number) {
  return {
    entity: "invoices" as const,
    id: invoice.id,
    version,
    data: {
      id: invoice.id,
      revision: 1,
      number: invoice.number ?? 0,
      prefix: invoice.prefix,
      numberingId: invoice.numberingId,
      status: "rejected" as const,
      terminalId: demo.caja1.id,
      deviceId: demo.device.deviceId,
      cashierId: demo.cashier.id,
      clientId: invoice.clientId,
      total: invoice.total,
      issuedAt: invoice.issuedAt,
      receivedAt: invoice.issuedAt,
      errors: [inactive],
      version,
      returnStatus: "none" as const,
      returnedQuantities: [],
    },
  };
}

describe("«Sincronizar de nuevo» during the pull after the push", () => {
  it("the pull's copy of the rejection the till already had does not undo the resend", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const sale = await store.saveNewInvoice(sampleDraft());
    // The push's answer: rejected (the cashier sees «Error»); the pull after the push is asked for.
    await store.applyPushResults([{ outcome: "rejected", id: sale.id, revision: 1, errors: [inactive] }]);
    const page = demo.pullPage([rejectedRow(sale, 7)], { invoiceCursor: 7 });
    // The admin reactivated the product; the cashier presses «Sincronizar de nuevo»…
    await store.resendInvoice(sale.id);
    // …and then the pull's page is written.
    await store.applyPullPage(page);
    expect(await store.getInvoice(sale.id)).toMatchObject({ status: "pending", errors: [] });
    expect((await store.listInvoicesToPushPage(10)).documents.map((d) => d.id)).toEqual([sale.id]);
  });

  it("the server's later answer still settles it (rejected again → Error)", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const sale = await store.saveNewInvoice(sampleDraft());
    await store.applyPushResults([{ outcome: "rejected", id: sale.id, revision: 1, errors: [inactive] }]);
    await store.applyPullPage(demo.pullPage([rejectedRow(sale, 7)], { invoiceCursor: 7 }));
    expect(await store.getInvoice(sale.id)).toMatchObject({ status: "error" });
    await store.resendInvoice(sale.id);
    await store.applyPushResults([{ outcome: "rejected", id: sale.id, revision: 1, errors: [inactive] }]);
    expect(await store.getInvoice(sale.id)).toMatchObject({ status: "error", errors: [inactive] });
  });
});
