import { computeInvoiceTotals } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import {
  addProduct,
  cartItemCount,
  cartTotals,
  decrementLine,
  emptyCart,
  incrementLine,
  removeLine,
  setLineDiscount,
  setQuantity,
} from "./cart";

const [coffee, soda, rice, lunch] = demo.products as [
  (typeof demo.products)[0],
  (typeof demo.products)[0],
  (typeof demo.products)[0],
  (typeof demo.products)[0],
];

describe("cart", () => {
  it("adds a product as a line with its price and tax, and merges repeats", () => {
    let cart = addProduct(emptyCart, coffee, demo.iva5);
    cart = addProduct(cart, coffee, demo.iva5);
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({
      productId: coffee.id,
      description: "Café molido 500 g",
      quantity: 2,
      unitPrice: 1_250_000,
      taxRateBp: 500,
      taxKind: "IVA",
    });
  });

  it("uses a price-list price when given", () => {
    const cart = addProduct(emptyCart, soda, demo.iva19, { price: 400_000 });
    expect(cart.lines[0]?.unitPrice).toBe(400_000);
  });

  it("keeps a discounted line apart from a new unit of the same product", () => {
    let cart = addProduct(emptyCart, rice, demo.exento);
    cart = setLineDiscount(cart, cart.lines[0]!.key, 10);
    cart = addProduct(cart, rice, demo.exento);
    expect(cart.lines).toHaveLength(2);
  });

  it("increments and decrements, never below one unit", () => {
    let cart = addProduct(emptyCart, soda, demo.iva19);
    const key = cart.lines[0]!.key;
    cart = incrementLine(cart, key);
    expect(cart.lines[0]?.quantity).toBe(2);
    cart = decrementLine(decrementLine(cart, key), key);
    expect(cart.lines[0]?.quantity).toBe(1);
    expect(cartItemCount(cart)).toBe(1);
  });

  it("normalizes typed quantities and discounts", () => {
    let cart = addProduct(emptyCart, rice, demo.exento);
    const key = cart.lines[0]!.key;
    cart = setQuantity(cart, key, 1.23456);
    expect(cart.lines[0]?.quantity).toBe(1.235);
    cart = setQuantity(cart, key, -3);
    expect(cart.lines[0]?.quantity).toBe(0.001);
    cart = setLineDiscount(cart, key, 150);
    expect(cart.lines[0]?.discountPercent).toBe(100);
    cart = setLineDiscount(cart, key, 12.345);
    expect(cart.lines[0]?.discountPercent).toBe(12.35);
  });

  it("removes a line", () => {
    let cart = addProduct(addProduct(emptyCart, soda, demo.iva19), rice, demo.exento);
    cart = removeLine(cart, cart.lines[0]!.key);
    expect(cart.lines.map((l) => l.productId)).toEqual([rice.id]);
  });

  it("computes totals with the domain code, taxes itemised per rate", () => {
    let cart = addProduct(emptyCart, coffee, demo.iva5);
    cart = addProduct(cart, soda, demo.iva19, { quantity: 2 });
    cart = addProduct(cart, rice, demo.exento);
    cart = addProduct(cart, lunch, demo.inc8);
    cart = setLineDiscount(cart, cart.lines[0]!.key, 10);
    const totals = cartTotals(cart);
    expect(totals).toEqual(computeInvoiceTotals(cart.lines));
    // prices include tax: the total is what the shelf says, minus the 10 % discount on the coffee
    expect(totals.total).toBe(1_125_000 + 900_000 + 380_000 + 1_800_000);
    expect(totals.subtotal - totals.discount + totals.tax).toBe(totals.total);
    expect(totals.taxes.map((t) => `${t.kind} ${t.rateBp}`)).toEqual(["EXENTO 0", "INC 800", "IVA 1900", "IVA 500"]);
  });
});
