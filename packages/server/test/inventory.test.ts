import { demoProducts } from "../src/demo/demoCatalog";
import { demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk, shopWithTill } from "./support/company";
import type { Json } from "./support/http";
import { pushDocs, withCreditNotes } from "./support/returns";
import { balanceOf, expectLedgerMatchesBalance, movementsOf } from "./support/stock";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

import { describe, expect, it, vi } from "vitest";

const server = useTestServer();
const ALMUERZO = demoProducts.findIndex((p) => p.name === "Almuerzo ejecutivo");

describe("inventory: stock moves with every accepted sale, return and void", () => {
  it("the demo's tracked products start with 100 units; services such as 'Almuerzo ejecutivo' have no stock", async () => {
    const shop = await newShop(server);
    expect(await balanceOf(server, shop, 0)).toBe(100_000);
    expect(await balanceOf(server, shop, ALMUERZO)).toBeNull();
    const moves = await movementsOf(server, shop, 0);
    expect(moves.map((m) => m.kind)).toEqual(["initial"]);
  });

  it("a sale moves stock once per line; a retried push (duplicate) moves nothing; untracked lines never move", async () => {
    const { shop, till } = await shopWithTill(server);
    const invoice = till.invoice({
      lines: [demoLine(shop.demo, 0, 2), demoLine(shop.demo, 0, 1.5), demoLine(shop.demo, ALMUERZO, 1)],
    });
    const [first] = await pushOk(till, [invoice]);
    expect(first?.outcome).toBe("accepted");
    const again = await pushOk(till, [invoice, invoice]);
    expect(again.map((r: Json) => r.duplicate)).toEqual([true, true]);
    expect(await balanceOf(server, shop, 0)).toBe(100_000 - 3_500);
    const sales = (await movementsOf(server, shop, 0)).filter((m) => m.kind === "sale");
    // One statement writes a batch's movements: their order among themselves is not part of the contract.
    expect(sales.map((m) => [Number(m.quantity), m.line_index]).sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([
      [-2_000, 0],
      [-1_500, 1],
    ]);
    expect(await movementsOf(server, shop, ALMUERZO)).toEqual([]);
    await expectLedgerMatchesBalance(server, shop, 0);
  });

  it("5 tills sell the same product at once, every batch sent twice (lost answers): exactly initial − 300, one movement per line", async () => {
    const shop = await newShop(server);
    const tills = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => openTill(shop, { terminal: i % 2 === 0 ? "caja1" : "caja2", lease: 60 })),
    );
    // Each till sells 60 units of product 0 in 30 invoices (1, 2, 3, … units), in 3 batches of 10.
    const batches = tills.map((till) =>
      [0, 1, 2].map((b) =>
        Array.from({ length: 10 }, (_, k) => till.invoice({ lines: [demoLine(shop.demo, 0, ((b * 10 + k) % 3) + 1)] })),
      ),
    );
    const units = batches.flat(2).reduce((sum, inv) => sum + (inv.lines[0]?.quantity ?? 0), 0);
    expect(units).toBe(300);
    await Promise.all(
      tills.flatMap((till, t) =>
        (batches[t] ?? []).flatMap((batch) => [pushOk(till, batch), pushOk(till, [...batch].reverse())]),
      ),
    );
    expect(await balanceOf(server, shop, 0)).toBe(100_000 - 300_000);
    const sales = (await movementsOf(server, shop, 0)).filter((m) => m.kind === "sale");
    expect(sales).toHaveLength(150);
    expect(new Set(sales.map((m) => m.document_id)).size).toBe(150);
    await expectLedgerMatchesBalance(server, shop, 0);
  });

  it("an invoice rejected and re-sent as revision 2 moves stock once, by revision 2's quantities", async () => {
    const { shop, till } = await shopWithTill(server);
    const rev1 = till.invoice({ lines: [demoLine(shop.demo, 0, 5)], totals: { total: 1 } });
    const [r1] = await pushOk(till, [rev1]);
    expect(r1?.outcome).toBe("rejected");
    expect(await balanceOf(server, shop, 0)).toBe(100_000);
    const { totals: _wrong, ...rest } = rev1;
    const rev2 = till.invoice({ ...rest, revision: 2, lines: [demoLine(shop.demo, 0, 3)] });
    const [r2] = await pushOk(till, [rev2]);
    expect(r2?.outcome).toBe("accepted");
    await pushOk(till, [rev2]);
    expect(await balanceOf(server, shop, 0)).toBe(97_000);
    expect((await movementsOf(server, shop, 0)).filter((m) => m.kind === "sale")).toHaveLength(1);
  });

  it("a return and a void put stock back exactly once (each sent twice)", async () => {
    const shop = await newShop(server);
    const till = await withCreditNotes(shop, await openTill(shop, { as: "admin" }), { as: "admin" });
    const sold = till.invoice({ lines: [demoLine(shop.demo, 0, 4), demoLine(shop.demo, 1, 2)] });
    const other = till.invoice({ lines: [demoLine(shop.demo, 1, 3)] });
    await pushOk(till, [sold, other]);
    expect(await balanceOf(server, shop, 0)).toBe(96_000);
    expect(await balanceOf(server, shop, 1)).toBe(95_000);
    const note = till.creditNote(sold, [{ invoiceLineIndex: 0, quantity: 1.5 }]);
    const v = till.voidOf(other, shop.demo.adminId);
    const first = await pushDocs(shop, till, { creditNotes: [note], voids: [v] });
    expect(first.creditNoteResults[0]).toMatchObject({ outcome: "accepted" });
    expect(first.voidResults[0]).toMatchObject({ outcome: "accepted" });
    await pushDocs(shop, till, { creditNotes: [note], voids: [v] });
    expect(await balanceOf(server, shop, 0)).toBe(97_500);
    expect(await balanceOf(server, shop, 1)).toBe(98_000);
    const kinds = (await movementsOf(server, shop, 1)).map((m) => [m.kind, Number(m.quantity)] as const);
    // The two sales came in one push (one statement): their order between them is not part of the contract.
    expect(kinds[0]).toEqual(["initial", 100_000]);
    expect(
      kinds
        .slice(1, 3)
        .map((k) => k[1])
        .sort((x, y) => x - y),
    ).toEqual([-3_000, -2_000]);
    expect(kinds.slice(1, 3).every((k) => k[0] === "sale")).toBe(true);
    expect(kinds.slice(3)).toEqual([["void", 3_000]]);
    await expectLedgerMatchesBalance(server, shop, 0);
    await expectLedgerMatchesBalance(server, shop, 1);
  });
});

describe("inventory API (admin): stock list, adjustments, transfers, kardex", () => {
  it("adjustment records the difference with its reason; the kardex lists it with the running balance and value", async () => {
    const { shop, till } = await shopWithTill(server);
    const { http, admin, demo } = shop;
    await pushOk(till, [till.invoice({ lines: [demoLine(demo, 0, 2)] })]);
    const adj = await http.post(
      "/api/inventory/adjustments",
      {
        warehouseId: demo.warehouseId,
        reason: "Conteo físico",
        lines: [
          { productId: demo.productIds[0], counted: 10 },
          { productId: demo.productIds[1], counted: 100 },
        ],
      },
      { token: admin },
    );
    expect(adj.status, JSON.stringify(adj.body)).toBe(201);
    expect(adj.body.lines).toEqual([
      { productId: demo.productIds[0], before: 98, counted: 10, difference: -88 },
      { productId: demo.productIds[1], before: 100, counted: 100, difference: 0 },
    ]);
    expect(await balanceOf(server, shop, 0)).toBe(10_000);
    expect((await movementsOf(server, shop, 1)).map((m) => m.kind)).toEqual(["initial"]);
    const k = await http.get(`/api/inventory/products/${demo.productIds[0]}/kardex`, { token: admin });
    expect(k.status).toBe(200);
    expect(k.body.movements.map((m: Json) => [m.kind, m.quantity, m.balance])).toEqual([
      ["initial", 100, 100],
      ["sale", -2, 98],
      ["adjustment", -88, 10],
    ]);
    expect(k.body.movements[1].documentNumber).toMatch(/^POS-\d+$/);
    expect(k.body.movements[2]).toMatchObject({ reason: "Conteo físico", userName: expect.any(String) });
    const cost = demoProducts[0]?.price ? demoProducts[0].price * 60 : 0;
    expect(k.body.movements[2].value).toBe(-88 * cost);
    const audit = await server.db.query(
      "SELECT entity FROM audit_log WHERE company_id = $1 AND entity LIKE 'inventory%'",
      [demo.companyId],
    );
    expect(audit).toHaveLength(1);
  });

  it("stock list: search, 'bajo mínimo' and 'negativo' filters, CSV export", async () => {
    const { shop, till } = await shopWithTill(server);
    const { http, admin, demo } = shop;
    await pushOk(till, [till.invoice({ lines: [demoLine(demo, 0, 120), demoLine(demo, 1, 95)] })]);
    const all = await http.get("/api/inventory/stock?limit=500", { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.items.some((i: Json) => i.productId === demo.productIds[ALMUERZO])).toBe(false);
    const negative = await http.get("/api/inventory/stock?filter=negative", { token: admin });
    expect(negative.body.items.map((i: Json) => [i.productId, i.quantity, i.level])).toEqual([
      [demo.productIds[0], -20, "negative"],
    ]);
    const low = await http.get("/api/inventory/stock?filter=below_minimum", { token: admin });
    expect(low.body.items.map((i: Json) => i.level).sort()).toEqual(["low", "negative"]);
    const name = demoProducts[1]?.name ?? "";
    const found = await http.get(`/api/inventory/stock?q=${encodeURIComponent(name.slice(0, 12))}`, { token: admin });
    expect(found.body.items.map((i: Json) => i.productId)).toContain(demo.productIds[1]);
    const csv = await http.get("/api/inventory/stock.csv?filter=negative", { token: admin });
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    expect(text).toContain("Existencia");
    expect(text).toContain("-20;");
  });

  it("a transfer moves stock out of one warehouse and into another in one go", async () => {
    const { http, admin, demo } = await newShop(server);
    const w2 = await http.post("/api/warehouses", { name: "Bodega 2" }, { token: admin });
    expect(w2.status).toBe(201);
    const res = await http.post(
      "/api/inventory/transfers",
      {
        fromWarehouseId: demo.warehouseId,
        toWarehouseId: w2.body.id,
        lines: [{ productId: demo.productIds[0], quantity: 12.5 }],
      },
      { token: admin },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const k = await http.get(`/api/inventory/products/${demo.productIds[0]}/kardex`, { token: admin });
    expect(k.body.balances.map((b: Json) => b.quantity).sort((a: number, b: number) => a - b)).toEqual([12.5, 87.5]);
  });

  it("bad input: 400 with the fields, nothing changed; cashiers are refused", async () => {
    const shop = await newShop(server);
    const { http, admin, cashier, demo } = shop;
    const before = await movementsOf(server, shop, 0);
    const cases: [string, unknown, string][] = [
      ["/api/inventory/adjustments", { warehouseId: demo.warehouseId, reason: "", lines: [] }, "reason"],
      [
        "/api/inventory/adjustments",
        { warehouseId: demo.warehouseId, reason: "x", lines: [{ productId: demo.productIds[0], counted: -1 }] },
        "lines.0.counted",
      ],
      [
        "/api/inventory/adjustments",
        { warehouseId: demo.warehouseId, reason: "x", lines: [{ productId: demo.productIds[ALMUERZO], counted: 1 }] },
        "lines.0.productId",
      ],
      [
        "/api/inventory/adjustments",
        { warehouseId: demo.productIds[0], reason: "x", lines: [{ productId: demo.productIds[0], counted: 1 }] },
        "warehouseId",
      ],
      [
        "/api/inventory/transfers",
        {
          fromWarehouseId: demo.warehouseId,
          toWarehouseId: demo.warehouseId,
          lines: [{ productId: demo.productIds[0], quantity: 1 }],
        },
        "toWarehouseId",
      ],
    ];
    for (const [url, body, field] of cases) {
      const res = await http.post(url, body, { token: admin });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect((res.body.error.details as Json[]).map((d) => d.path)).toContain(field);
    }
    const refused = await http.post(
      "/api/inventory/adjustments",
      { warehouseId: demo.warehouseId, reason: "x", lines: [{ productId: demo.productIds[0], counted: 1 }] },
      { token: cashier },
    );
    expect(refused.status).toBe(403);
    expect(await movementsOf(server, shop, 0)).toEqual(before);
  });
});

describe("inventory in the pull", () => {
  it("the company's 'block selling at zero stock' is a setting the tills pull with the company", async () => {
    const { shop, till } = await shopWithTill(server);
    const first = await till.pull("cursor=0");
    const company = (first.body.changes as Json[]).find((c) => c.entity === "company");
    expect(company?.data).toMatchObject({ blockSaleAtZeroStock: false });
    const patched = await shop.http.patch("/api/company", { blockSaleAtZeroStock: true }, { token: shop.admin });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.blockSaleAtZeroStock).toBe(true);
    const bad = await shop.http.patch("/api/company", { blockSaleAtZeroStock: "sí" }, { token: shop.admin });
    expect(bad.status).toBe(400);
    const next = await till.pull(`cursor=${first.body.cursor}&invoiceCursor=${first.body.invoiceCursor}`);
    const changed = (next.body.changes as Json[]).find((c) => c.entity === "company");
    expect(changed?.data).toMatchObject({ blockSaleAtZeroStock: true });
  });

  it("the terminal's warehouse comes down whole, then only what changed; the minimum travels with it", async () => {
    const { shop, till } = await shopWithTill(server);
    expect((await till.pull("cursor=0")).body.stock).toBeUndefined(); // a till older than the section
    const first = await till.pull("cursor=0&stockCursor=0");
    expect(first.status).toBe(200);
    const stock = first.body.stock as Json;
    expect(stock).toMatchObject({ warehouseId: shop.demo.warehouseId, full: true, hasMore: false });
    expect(stock.balances).toHaveLength(demoProducts.filter((p) => p.category !== "Comidas preparadas").length);
    expect(stock.balances.find((b: Json) => b.productId === shop.demo.productIds[0])).toEqual({
      productId: shop.demo.productIds[0],
      quantity: 100,
      minStock: 10,
    });
    const next = `stockCursor=${stock.cursor}&stockWarehouseId=${stock.warehouseId}`;
    const none = await till.pull(`cursor=${first.body.cursor}&invoiceCursor=${first.body.invoiceCursor}&${next}`);
    expect(none.body.stock).toMatchObject({ full: false, balances: [] });
    await pushOk(till, [till.invoice({ lines: [demoLine(shop.demo, 0, 2)] })]);
    const after = await till.pull(`cursor=${first.body.cursor}&invoiceCursor=${first.body.invoiceCursor}&${next}`);
    expect(after.body.stock.balances).toEqual([{ productId: shop.demo.productIds[0], quantity: 98, minStock: 10 }]);
    expect(after.body.stock.invoiceVersion).toBe(after.body.invoiceCursor);
  });
});
