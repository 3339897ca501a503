import {
  addDays,
  type CreditNoteDocument,
  type InvoiceDocument,
  localDate,
  type SalesTotals,
  salesDashboardSchema,
} from "@mostrador/domain";
import Papa from "papaparse";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { demoProducts } from "../src/demo/demoCatalog";
import { formatPrice } from "../src/features/catalogImport/csvValues";
import { rebuildSalesSummaries } from "../src/features/reports/summaryRebuilder";
import { demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk, type Shop, schemaHeader } from "./support/company";
import { expectApiError, type Json } from "./support/http";
import { pushDocs, type ReturnsTill, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/** An instant at a local time in Bogotá (UTC−5 all year). */
const bogota = (day: string, hm: string) => new Date(`${day}T${hm}:00-05:00`).toISOString();
const productIndex = (tax: string) => demoProducts.findIndex((p) => p.tax === tax);

/** The figures of a set of documents, added up by hand from the documents themselves. */
function expectedTotals(invoices: InvoiceDocument[], notes: CreditNoteDocument[], voided: InvoiceDocument[]) {
  const sum = (xs: { totals: { [k: string]: unknown } }[], k: string) =>
    xs.reduce((s, x) => s + Number(x.totals[k]), 0);
  const grossSales = sum(invoices, "subtotal");
  const discounts = sum(invoices, "discount");
  const returns = sum(notes, "subtotal") - sum(notes, "discount");
  const netSales = grossSales - discounts - returns;
  const tax = sum(invoices, "tax") - sum(notes, "tax");
  return {
    invoiceCount: invoices.length,
    grossSales,
    discounts,
    returns,
    netSales,
    tax,
    total: netSales + tax,
    averageTicket: invoices.length ? Math.round(sum(invoices, "total") / invoices.length) : 0,
    returnCount: notes.length,
    voidCount: voided.length,
    voidTotal: sum(voided, "total"),
  } satisfies SalesTotals;
}

describe("Reportes: one query layer over invoices, credit notes and voids of every till", () => {
  let shop: Shop;
  let tillA: ReturnsTill;
  let tillB: ReturnsTill;
  const day = localDate(new Date(Date.now() - 3 * 86_400_000).toISOString(), "America/Bogota");
  const docs = {} as Record<"inv1" | "inv2" | "inv3" | "inv4" | "inv5" | "inv6", InvoiceDocument>;
  let note: CreditNoteDocument;
  const custom = (from: string, to = from) => `period=custom&from=${from}&to=${to}`;
  const get = async (path: string) => {
    const res = await shop.http.get(path, { token: shop.admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Json;
  };

  beforeAll(async () => {
    shop = await newShop(server);
    const { demo } = shop;
    tillA = await withCreditNotes(shop, await openTill(shop, { terminal: "caja1" }));
    tillB = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2", as: "admin" }), { as: "admin" });
    const iva5 = productIndex("IVA5");
    const inc8 = productIndex("INC8");
    const exento = productIndex("EXENTO");
    docs.inv1 = tillA.invoice({
      issuedAt: bogota(day, "10:00"),
      lines: [demoLine(demo, 0, 2), demoLine(demo, exento, 3)],
    });
    const inv2Lines = [demoLine(demo, inc8, 1, { discountPercent: 10 }), demoLine(demo, iva5, 1.5)];
    docs.inv2 = tillA.invoice({ issuedAt: bogota(day, "23:30"), lines: inv2Lines });
    const { totals: _inv2Totals, ...inv2Fields } = docs.inv2;
    docs.inv2 = tillA.invoice({
      ...inv2Fields,
      number: docs.inv2.number,
      payments: [{ paymentMethodId: demo.paymentMethods.debit, kind: "debit_card", amount: docs.inv2.totals.total }],
    });
    const inv3 = tillB.invoice({ issuedAt: bogota(day, "12:15"), lines: [demoLine(demo, 0, 1)] });
    const { totals: _sent, ...inv3Fields } = inv3;
    docs.inv3 = tillB.invoice({
      ...inv3Fields,
      number: inv3.number,
      payments: [{ paymentMethodId: demo.paymentMethods.cash, kind: "cash", amount: inv3.totals.total + 1_000_000 }],
    });
    docs.inv4 = tillB.invoice({ issuedAt: bogota(day, "13:00"), lines: [demoLine(demo, iva5, 2)] });
    docs.inv5 = tillA.invoice({ issuedAt: bogota(addDays(day, -1), "18:00"), lines: [demoLine(demo, 0, 1)] });
    docs.inv6 = tillA.invoice({ issuedAt: bogota(addDays(day, 1), "00:30"), lines: [demoLine(demo, 0, 4)] });
    const a = await pushOk(tillA, [docs.inv1, docs.inv2, docs.inv5, docs.inv6]);
    const b = await pushOk(tillB, [docs.inv3, docs.inv4]);
    expect(
      [...a, ...b].map((r) => r.outcome),
      JSON.stringify([...a, ...b]),
    ).toEqual(Array(6).fill("accepted"));
    note = tillA.creditNote(docs.inv1, [{ invoiceLineIndex: 0, quantity: 1 }], {
      overrides: { issuedAt: bogota(day, "15:00") },
    });
    const returned = await pushDocs(shop, tillA, { creditNotes: [note] });
    expect(returned.creditNoteResults[0]?.outcome).toBe("accepted");
    const voided = await pushDocs(shop, tillB, { voids: [tillB.voidOf(docs.inv4, demo.adminId)] });
    expect(voided.voidResults[0]?.outcome).toBe("accepted");
    // The same void and the same invoices again: duplicates are never counted twice.
    await pushDocs(shop, tillB, { voids: [tillB.voidOf(docs.inv4, demo.adminId)] });
    await pushOk(tillB, [docs.inv3]);
    await pushDocs(shop, tillA, { creditNotes: [note] });
  });

  it("the dashboard of a day: totals, the day before, by hour, payment method, terminal, cashier and products", async () => {
    const { demo } = shop;
    const body = await get(`/api/reports/dashboard?${custom(day)}`);
    const dash = salesDashboardSchema.parse(body);
    const sold = [docs.inv1, docs.inv2, docs.inv3];
    expect(dash.range).toMatchObject({
      from: day,
      to: day,
      previousFrom: addDays(day, -1),
      timeZone: "America/Bogota",
    });
    expect(dash.totals).toEqual(expectedTotals(sold, [note], [docs.inv4]));
    expect(dash.previous).toEqual(expectedTotals([docs.inv5], [], []));
    expect(dash.series.unit).toBe("hour");
    // 23:30 in Bogotá is 04:30 UTC of the next day: it belongs to this day, hour 23.
    expect(dash.series.points.map((p) => p.id)).toEqual(["10", "12", "13", "15", "23"]);
    expect(dash.series.points.find((p) => p.id === "23")).toMatchObject(expectedTotals([docs.inv2], [], []));
    expect(dash.byTerminal.map((t) => [t.id, t.name, t.netSales])).toEqual(
      [
        [demo.terminals.caja1, "Caja 1", expectedTotals([docs.inv1, docs.inv2], [note], []).netSales],
        [demo.terminals.caja2, "Caja 2", expectedTotals([docs.inv3], [], [docs.inv4]).netSales],
      ].sort((x, y) => Number(y[2]) - Number(x[2])),
    );
    expect(dash.byTerminal.find((t) => t.id === demo.terminals.caja2)).toMatchObject({ voidCount: 1, invoiceCount: 1 });
    expect(dash.byCashier.find((c) => c.id === demo.cashierId)).toMatchObject(
      expectedTotals([docs.inv1, docs.inv2], [note], []),
    );
    expect(dash.byCashier.find((c) => c.id === demo.adminId)).toMatchObject(
      expectedTotals([docs.inv3], [], [docs.inv4]),
    );
    const cash = dash.byPaymentMethod.find((p) => p.id === demo.paymentMethods.cash);
    // Cash received less the change given; the return refunded in cash.
    expect(cash).toMatchObject({
      received: docs.inv1.totals.total + docs.inv3.totals.total,
      refunded: note.totals.total,
      net: docs.inv1.totals.total + docs.inv3.totals.total - note.totals.total,
    });
    expect(dash.byPaymentMethod.find((p) => p.id === demo.paymentMethods.debit)?.net).toBe(docs.inv2.totals.total);
    expect(dash.byPaymentMethod.reduce((s, p) => s + p.net, 0)).toBe(dash.totals.total);
    // Product 0: 2 + 1 sold, 1 returned; product IVA5: 1.5 (the 2 of the voided invoice left out).
    const top = new Map(dash.topByQuantity.map((p) => [p.productId, p]));
    expect(top.get(demo.productIds[0] as string)).toMatchObject({ quantity: 2, returnedQuantity: 1 });
    expect(top.get(demo.productIds[productIndex("IVA5")] as string)?.quantity).toBe(1.5);
    expect(dash.topByQuantity[0]?.productId).toBe(demo.productIds[productIndex("EXENTO")]);
    expect(dash.topByAmount.reduce((s, p) => s + p.netSales, 0)).toBe(dash.totals.netSales);
    expect(dash.pending).toEqual({ devices: 0, documents: 0, invoices: 0 });
  });

  it("Por caja, Por cajero and Productos vendidos are the dashboard's figures, and so are their CSV files", async () => {
    const dash = await get(`/api/reports/dashboard?${custom(day)}`);
    for (const [by, key] of [
      ["terminals", "byTerminal"],
      ["cashiers", "byCashier"],
    ] as const) {
      const table = await get(`/api/reports/${by}?${custom(day)}`);
      expect(table.rows).toEqual(dash[key]);
      expect(table.totals).toEqual(dash.totals);
      const res = await shop.http.get(`/api/reports/${by}/csv?${custom(day)}`, { token: shop.admin });
      expect(res.status).toBe(200);
      expect(String(res.headers["content-type"])).toContain("text/csv");
      const text = String(res.body);
      expect(text.startsWith("\uFEFF")).toBe(true);
      const parsed = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
      const rows = parsed.data;
      expect(rows.map((r) => r[by === "terminals" ? "Caja" : "Cajero"])).toEqual([
        ...(dash[key] as Json[]).map((r) => r.name),
        "Total",
      ]);
      expect(rows.map((r) => r["Ventas netas"])).toEqual(
        [...(dash[key] as Json[]), dash.totals].map((r) => formatPrice(r.netSales, ",")),
      );
    }
    const products = await get(`/api/reports/products?${custom(day)}`);
    expect(products.totals).toEqual(dash.totals);
    for (const p of dash.topByAmount as Json[]) expect(products.rows).toContainEqual(p);
    const csv = await shop.http.get(`/api/reports/products/csv?${custom(day)}&delimiter=comma`, { token: shop.admin });
    const rows = Papa.parse<Record<string, string>>(String(csv.body).slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.Producto, r["Ventas netas"]])).toEqual(
      (products.rows as Json[]).map((p) => [p.name, formatPrice(p.netSales, ".")]),
    );
    // Accents survive: the CSV is UTF-8 and names such as "Fríjol" or "Café" are written as they are.
    expect(rows.map((r) => r.Producto)).toContain(demoProducts[productIndex("IVA5")]?.name);
  });

  it("Impuestos: base and tax per rate, returns and voids subtracted, equal to the dashboard's tax", async () => {
    const taxes = await get(`/api/reports/taxes?${custom(day)}`);
    const expected = new Map<string, { base: number; tax: number }>();
    const add = (t: { kind: string; rateBp: number; name: string; base: number; amount: number }, sign: number) => {
      const k = `${t.kind}|${t.rateBp}|${t.name}`;
      const e = expected.get(k) ?? { base: 0, tax: 0 };
      expected.set(k, { base: e.base + sign * t.base, tax: e.tax + sign * t.amount });
    };
    for (const d of [docs.inv1, docs.inv2, docs.inv3]) for (const t of d.totals.taxes) add(t, 1);
    for (const t of note.totals.taxes) add(t, -1);
    expect(
      Object.fromEntries(
        (taxes.rows as Json[]).map((r) => [`${r.kind}|${r.rateBp}|${r.name}`, { base: r.base, tax: r.tax }]),
      ),
    ).toEqual(Object.fromEntries(expected));
    expect((taxes.rows as Json[]).map((r) => r.kind)).toEqual(["IVA", "IVA", "INC", "EXENTO"]);
    const dash = await get(`/api/reports/dashboard?${custom(day)}`);
    expect(taxes.totals).toEqual({ base: dash.totals.netSales, tax: dash.totals.tax });
    const csv = await shop.http.get(`/api/reports/taxes/csv?${custom(day)}`, { token: shop.admin });
    const last = Papa.parse<Record<string, string>>(String(csv.body).slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data.at(-1);
    expect(last).toMatchObject({ Impuesto: "Total", Base: formatPrice(dash.totals.netSales, ",") });
  });

  it("Ventas: every till's invoices of the shop's day, filtered and paged; 23:30 stays on its day", async () => {
    const { demo } = shop;
    const ids = async (query: string) =>
      ((await get(`/api/reports/sales?${custom(day)}${query}`)).items as Json[]).map((i) => i.id).sort();
    const sorted = (...d: InvoiceDocument[]) => d.map((x) => x.id).sort();
    expect(await ids("")).toEqual(sorted(docs.inv1, docs.inv2, docs.inv3, docs.inv4));
    expect(await ids(`&terminalId=${demo.terminals.caja2}`)).toEqual(sorted(docs.inv3, docs.inv4));
    expect(await ids(`&cashierId=${demo.cashierId}`)).toEqual(sorted(docs.inv1, docs.inv2));
    expect(await ids(`&paymentMethodId=${demo.paymentMethods.debit}`)).toEqual(sorted(docs.inv2));
    expect(await ids("&status=voided")).toEqual(sorted(docs.inv4));
    expect(await ids(`&clientId=${demo.clients.walkIn}`)).toHaveLength(4);
    expect(await ids(`&number=POS-${docs.inv3.number}`)).toEqual(sorted(docs.inv3));
    expect(await ids(`&number=${docs.inv3.number}`)).toEqual(sorted(docs.inv3));
    expect(await ids("&number=abc")).toEqual([]);
    const next = await get(`/api/reports/sales?${custom(addDays(day, 1))}`);
    expect((next.items as Json[]).map((i) => i.id)).toEqual([docs.inv6.id]);
    const page = await get(`/api/reports/sales?${custom(day)}&limit=3&offset=3`);
    expect(page).toMatchObject({ total: 4, limit: 3, offset: 3 });
    expect(page.items).toHaveLength(1);
    const first = (await get(`/api/reports/sales?${custom(day)}&limit=1`)).items[0];
    expect(first).toMatchObject({
      id: docs.inv2.id,
      terminalName: "Caja 1",
      cashierName: "Cajera Ejemplar",
      paymentMethods: [expect.any(String)],
    });
    const csv = await shop.http.get(`/api/reports/sales/csv?${custom(day)}`, { token: shop.admin });
    const rows = Papa.parse<Record<string, string>>(String(csv.body).slice(1), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ Fecha: `${day} 23:30`, Estado: "Aceptada", Caja: "Caja 1" });
    expect(rows.find((r) => r.Estado === "Anulada")?.Número).toBe(`POS-${docs.inv4.number}`);
  });

  it("the note about tills with invoices still to upload, from their reported queues", async () => {
    const fresh = await newShop(server);
    const a = await openTill(fresh, { terminal: "caja1" });
    const b = await openTill(fresh, { terminal: "caja2" });
    for (const [till, pending] of [
      [a, 5],
      [b, 7],
    ] as const) {
      const res = await fresh.http.post(
        "/api/devices/current/report",
        { pending, errors: 0, oldestPendingAt: new Date().toISOString() },
        { token: till.token, headers: schemaHeader },
      );
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    }
    const dash = await fresh.http.get("/api/reports/dashboard?period=today", { token: fresh.admin });
    expect(dash.status).toBe(200);
    expect(dash.body.pending).toEqual({ devices: 2, documents: 12, invoices: 12 });
    // A back office cached from before the rename still reads its dashboard (it required `pending.invoices`).
    const beforeRename = z.object({ pending: z.object({ devices: z.number().int(), invoices: z.number().int() }) });
    expect(beforeRename.parse(dash.body).pending.invoices).toBe(12);
    expect(dash.body.totals.invoiceCount).toBe(0);
  });

  it("summing the stored documents again (migration 015 on a database with sales) gives the same figures", async () => {
    const before = await get(`/api/reports/dashboard?${custom(addDays(day, -1), addDays(day, 1))}`);
    const taxesBefore = await get(`/api/reports/taxes?${custom(day)}`);
    await server.db.query("DELETE FROM sales_summary WHERE company_id = $1", [shop.demo.companyId]);
    expect((await get(`/api/reports/dashboard?${custom(day)}`)).totals.invoiceCount).toBe(0);
    await rebuildSalesSummaries(server.db, [shop.demo.companyId]);
    expect(await get(`/api/reports/dashboard?${custom(addDays(day, -1), addDays(day, 1))}`)).toEqual(before);
    expect(await get(`/api/reports/taxes?${custom(day)}`)).toEqual(taxesBefore);
  });

  it("only admins; a custom period needs its days", async () => {
    expectApiError(await shop.http.get("/api/reports/dashboard", { token: shop.cashier }), 403);
    expectApiError(await shop.http.get("/api/reports/dashboard?period=custom", { token: shop.admin }), 400);
    expectApiError(
      await shop.http.get("/api/reports/dashboard?period=custom&from=2026-02-30&to=2026-03-01", { token: shop.admin }),
      400,
    );
    expectApiError(
      await shop.http.get("/api/reports/taxes?period=custom&from=2026-03-02&to=2026-03-01", { token: shop.admin }),
      400,
    );
    expectApiError(await shop.http.get("/api/reports/sales?limit=100000", { token: shop.admin }), 400);
  });
});
