import { describe, expect, it, vi } from "vitest";
import { newShop, openTill } from "./support/company";
import type { Json } from "./support/http";
import { pushDocs, withCreditNotes } from "./support/returns";
import { cardSale, cashSale, openShift, pushShiftsTo, shiftDetail } from "./support/shifts";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("Reportes and the shift's Z report show the same numbers", () => {
  it("one shift on Caja 1: Por caja and the dashboard's payments equal the server's Z report", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop, { terminal: "caja1" }));
    const shift = openShift(shop, till);
    const sales = [
      cashSale(shop, till, shift.id, 500_000),
      cardSale(shop, till, shift.id),
      cashSale(shop, till, shift.id),
    ];
    await pushShiftsTo(server, till, [shift], sales);
    const voided = await pushDocs(shop, till, { voids: [till.voidOf(sales[2] as Json, shop.demo.cashierId)] });
    expect(voided.voidResults[0]?.outcome).toBe("accepted");

    const z = (await shiftDetail(shop, shift.id)).report;
    const get = async (path: string) => (await shop.http.get(path, { token: shop.admin })).body;
    const byTill = await get("/api/reports/terminals?period=today");
    const row = (byTill.rows as Json[]).find((r) => r.id === shop.demo.terminals.caja1);
    expect(row).toMatchObject({
      invoiceCount: z.salesCount,
      grossSales: z.subtotal,
      discounts: z.discount,
      tax: z.tax,
      total: z.salesTotal,
      voidCount: z.voidedCount,
      voidTotal: z.voidedTotal,
    });
    const dash = await get("/api/reports/dashboard?period=today");
    // The Z report lists what was tendered and the change apart; the reports count what stayed.
    const received = new Map((dash.byPaymentMethod as Json[]).map((p) => [p.id, p.received]));
    for (const m of z.byPaymentMethod as Json[])
      expect(received.get(m.paymentMethodId)).toBe(m.amount - (m.kind === "cash" ? z.changeGiven : 0));
    const taxes = await get("/api/reports/taxes?period=today");
    const perRate = (rows: Json[], base: string, tax: string) => {
      const sums = new Map<string, [number, number]>();
      for (const r of rows) {
        const k = `${r.kind}#${r.rateBp}`;
        const [b, t] = sums.get(k) ?? [0, 0];
        sums.set(k, [b + r[base], t + r[tax]]);
      }
      return Object.fromEntries(sums);
    };
    expect(perRate(taxes.rows, "base", "tax")).toEqual(perRate(z.taxes, "base", "amount"));
  });
});
