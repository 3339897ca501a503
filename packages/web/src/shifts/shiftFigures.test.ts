import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { saleContext, sampleDraft } from "../testing/sampleInvoices";
import { shiftClosingFigures } from "./shiftFigures";

let store: DexieLocalStore;
afterEach(() => store?.close());

describe("the till's closing figures", () => {
  it("expected cash = base + the shift's cash sales − retiros; counted previews the Faltante; pending counted", async () => {
    store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage());
    const opened = await store.openShift({
      terminalId: saleContext.terminal.id,
      deviceId: saleContext.device.deviceId,
      openedBy: saleContext.cashier.id,
      openingFloat: 10_000_000,
    });
    const inShift = { ...saleContext, shiftId: opened.id };
    const a = await store.saveNewInvoice(sampleDraft(inShift));
    const b = await store.saveNewInvoice(sampleDraft(inShift));
    await store.saveNewInvoice(sampleDraft(saleContext)); // sold outside the shift: not counted
    expect(a.document.shiftId).toBe(opened.id);
    const shift = await store.addCashMovement(opened.id, {
      kind: "out",
      amount: 2_000_000,
      reason: "Retiro",
      by: saleContext.cashier.id,
    });
    const invoices = await store.listShiftInvoices(opened.id);
    expect(invoices.map((i) => i.id)).toEqual([a.id, b.id]);

    const cashSales = [a, b].reduce((s, i) => s + i.document.totals.total, 0);
    const { report, pendingInvoices } = shiftClosingFigures(shift, invoices);
    expect(report.expected.find((e) => e.kind === "cash")?.amount).toBe(10_000_000 + cashSales - 2_000_000);
    expect(report.salesCount).toBe(2);
    expect(report.cashDifference).toBeNull();
    expect(pendingInvoices).toBe(2);

    const counted = [{ kind: "cash" as const, amount: 8_000_000 + cashSales - 500_000 }];
    expect(shiftClosingFigures(shift, invoices, counted).report.cashDifference).toBe(-500_000);
  });
});
