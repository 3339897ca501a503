import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk } from "./support/company";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/** One step of a day in the shop: a sale at the till, a count, or a transfer to the second warehouse. */
const step = fc.oneof(
  fc.record({
    op: fc.constant("sale" as const),
    product: fc.integer({ min: 0, max: 2 }),
    quantity: fc.integer({ min: 1, max: 4000 }).map((m) => m / 1000),
  }),
  fc.record({
    op: fc.constant("count" as const),
    product: fc.integer({ min: 0, max: 2 }),
    counted: fc.integer({ min: 0, max: 50_000 }).map((m) => m / 1000),
  }),
  fc.record({
    op: fc.constant("transfer" as const),
    product: fc.integer({ min: 0, max: 2 }),
    quantity: fc.integer({ min: 1, max: 3000 }).map((m) => m / 1000),
  }),
);

describe("inventory ledger invariant (fast-check)", () => {
  it("after any sequence of sales (each pushed twice), counts and transfers: every balance is the sum of its movements and matches a model", async () => {
    const shop = await newShop(server);
    const { http, admin, demo } = shop;
    const till = await openTill(shop, { lease: 200 });
    const second = await http.post("/api/warehouses", { name: "Bodega propiedad" }, { token: admin });
    expect(second.status).toBe(201);
    const main = demo.warehouseId;
    const other = second.body.id as string;
    // The model: thousandths per warehouse and product.
    const model = new Map<string, number>();
    const key = (w: string, p: number) => `${w}:${demo.productIds[p]}`;
    for (const p of [0, 1, 2]) model.set(key(main, p), 100_000);
    const add = (k: string, d: number) => model.set(k, (model.get(k) ?? 0) + d);

    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const s of steps) {
          if (s.op === "sale") {
            const invoice = till.invoice({ lines: [demoLine(demo, s.product, s.quantity)] });
            await pushOk(till, [invoice]);
            await pushOk(till, [invoice]); // a lost answer: sent again, moves nothing
            add(key(main, s.product), -Math.round(s.quantity * 1000));
          } else if (s.op === "count") {
            const res = await http.post(
              "/api/inventory/adjustments",
              {
                warehouseId: main,
                reason: "Conteo",
                lines: [{ productId: demo.productIds[s.product], counted: s.counted }],
              },
              { token: admin },
            );
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            model.set(key(main, s.product), Math.round(s.counted * 1000));
          } else {
            const res = await http.post(
              "/api/inventory/transfers",
              {
                fromWarehouseId: main,
                toWarehouseId: other,
                lines: [{ productId: demo.productIds[s.product], quantity: s.quantity }],
              },
              { token: admin },
            );
            expect(res.status, JSON.stringify(res.body)).toBe(201);
            add(key(main, s.product), -Math.round(s.quantity * 1000));
            add(key(other, s.product), Math.round(s.quantity * 1000));
          }
        }
        const rows = await server.db.query<{ warehouse_id: string; product_id: string; balance: string; sum: string }>(
          `SELECT b.warehouse_id, b.product_id, b.quantity AS balance,
                  (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.company_id = b.company_id
                      AND m.warehouse_id = b.warehouse_id AND m.product_id = b.product_id) AS sum
             FROM stock_balances b WHERE b.company_id = $1`,
          [demo.companyId],
        );
        for (const r of rows) {
          expect(Number(r.balance)).toBe(Number(r.sum));
          const k = `${r.warehouse_id}:${r.product_id}`;
          if (model.has(k)) expect(Number(r.balance), k).toBe(model.get(k));
        }
      }),
      { numRuns: 6 },
    );
  });
});
