import { describe, expect, it } from "vitest";
import { tillStockByProduct } from "./tillStock";

const now = Date.parse("2026-12-01T12:00:00Z");
const state = { warehouseId: "w", invoiceVersion: 10, pulledAt: "2026-12-01T11:30:00Z" };
const sale = (status: string, serverVersion: number | null, quantity: number, productId = "p") => ({
  status,
  serverVersion,
  lines: [{ productId, quantity }],
});

describe("tillStockByProduct", () => {
  it("deducts pending, error and synced-but-not-yet-pulled sales, never those the balance counts or voided ones", () => {
    const stock = tillStockByProduct(
      [{ productId: "p", quantity: 5, minStock: 2 }],
      [
        sale("pending", null, 1),
        sale("error", 3, 0.5),
        sale("synced", 11, 1),
        sale("synced", 10, 2),
        sale("voided", 12, 4),
        sale("pending", null, 7, "untracked"),
      ],
      state,
      now,
    );
    expect(stock.get("p")).toEqual({ quantity: 2.5, level: "ok", approximate: false });
    expect(stock.has("untracked")).toBe(false);
  });

  it("amber below the minimum, red at zero and below, ≈ after an hour without a pull", () => {
    const levels = (q: number) =>
      tillStockByProduct([{ productId: "p", quantity: q, minStock: 3 }], [], state, now).get("p")?.level;
    expect([levels(3), levels(2.999), levels(0), levels(-1)]).toEqual(["ok", "low", "zero", "negative"]);
    const stale = tillStockByProduct([{ productId: "p", quantity: 1, minStock: null }], [], state, now + 3_600_001);
    expect(stale.get("p")?.approximate).toBe(true);
  });
});
