import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { saleContext, sampleCart } from "../testing/sampleInvoices";
import { cartTotals } from "./cart";
import { checkout, checkoutBlocker, saleBlocker } from "./checkout";
import { initialPayments } from "./payment";

let store: DexieLocalStore;
afterEach(() => store?.close());

function fakeEngine() {
  return { requestSync: vi.fn(), pushPending: vi.fn(async () => ({ synced: 1, rejected: 0, retry: 0, ignored: 0 })) };
}

function input(online = true, context = saleContext) {
  const cart = sampleCart();
  return {
    cart,
    payments: initialPayments(cartTotals(cart).total, demo.paymentMethods),
    context,
    client: demo.walkInClient,
    online,
  };
}

describe("checkout", () => {
  it("stores the invoice before resolving and asks for a sync", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const engine = fakeEngine();
    const result = await checkout({ store, syncEngine: engine }, input(false));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await store.getInvoice(result.invoice.id)).toMatchObject({ status: "pending", number: 1 });
    expect(engine.requestSync).toHaveBeenCalledWith("sale");
    expect(engine.pushPending).not.toHaveBeenCalled();
  });

  it("keeps the sale on screen with a plain message when numbers ran out", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([]));
    const result = await checkout({ store, syncEngine: fakeEngine() }, input());
    expect(result).toEqual({ ok: false, error: { key: "sale.noNumbersLeft" } });
    expect(await store.db.invoices.count()).toBe(0);
  });

  it("refuses electronic numbering offline and sends it at once online", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([]));
    const engine = fakeEngine();
    const electronic = { ...saleContext, terminal: demo.caja3, numbering: demo.feNumbering };
    expect(await checkout({ store, syncEngine: engine }, input(false, electronic))).toEqual({
      ok: false,
      error: { key: "sale.electronicOffline" },
    });
    const result = await checkout({ store, syncEngine: engine }, input(true, electronic));
    expect(result.ok).toBe(true);
    expect(engine.pushPending).toHaveBeenCalledTimes(1);
  });

  it("blocks Facturar on a numbering past its validity, for a new sale and an edit alike", () => {
    const numbering = { ...demo.posNumbering, validUntil: "2026-11-30" };
    expect(saleBlocker({ numbering, online: true, numbersLeft: 5, today: "2026-11-30" })).toBeNull();
    expect(saleBlocker({ numbering, online: true, numbersLeft: 5, today: "2026-12-01" })).toBe(
      "numbering.expiredBlocked",
    );
    // The reasons of checkoutBlocker come first.
    expect(saleBlocker({ numbering, online: true, numbersLeft: 0, today: "2026-12-01" })).toBe("sale.noNumbersLeft");
  });

  it("blocks Facturar for the right reasons", () => {
    expect(checkoutBlocker({ electronic: true, online: false, numbersLeft: null })).toBe("sale.electronicOffline");
    expect(checkoutBlocker({ electronic: true, online: true, numbersLeft: 0 })).toBeNull();
    expect(checkoutBlocker({ electronic: false, online: true, numbersLeft: 0 })).toBe("sale.noNumbersLeft");
    expect(checkoutBlocker({ electronic: false, online: false, numbersLeft: 10 })).toBeNull();
  });
});

describe("checkout when the browser storage is full", () => {
  it("shows a plain quota message, stores nothing and uses no number", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 10)]));
    const add = vi
      .spyOn(store.db.invoices, "add")
      .mockRejectedValueOnce(new DOMException("quota", "QuotaExceededError"));
    const engine = fakeEngine();
    const result = await checkout({ store, syncEngine: engine }, input());
    expect(result).toEqual({ ok: false, error: { key: "checkout.quota" } });
    expect(engine.requestSync).not.toHaveBeenCalled();
    add.mockRestore();
    const retried = await checkout({ store, syncEngine: engine }, input());
    expect(retried.ok && retried.invoice.number).toBe(1);
  });
});

describe("checkout when storage reports a failure", () => {
  /** The store's save, made to fail with an unexpected error after (or instead of) its own work. */
  function failingSave(saveFirst: boolean) {
    const save = store.saveNewInvoice.bind(store);
    return {
      getInvoice: store.getInvoice.bind(store),
      saveNewInvoice: async (draft: Parameters<typeof save>[0]) => {
        if (saveFirst) await save(draft);
        throw new Error("PrematureCommitError: Transaction committed too early");
      },
    };
  }

  it("a sale committed before the error is the sale: its receipt, not an error that would sell it twice", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 10)]));
    const engine = fakeEngine();
    const result = await checkout({ store: failingSave(true), syncEngine: engine }, input(false));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.invoice).toMatchObject({ status: "pending", number: 1 });
    expect(engine.requestSync).toHaveBeenCalledWith("sale");
    expect(await store.db.invoices.count()).toBe(1);
  });

  it("a sale not stored is reported as failed, with the browser's message", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 10)]));
    const engine = fakeEngine();
    const result = await checkout({ store: failingSave(false), syncEngine: engine }, input(false));
    expect(result).toEqual({
      ok: false,
      error: {
        key: "checkout.storageFailed",
        params: { message: "PrematureCommitError: Transaction committed too early" },
      },
    });
    expect(engine.requestSync).not.toHaveBeenCalled();
    expect(await store.db.invoices.count()).toBe(0);
  });
});
