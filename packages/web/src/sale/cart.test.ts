import { computeInvoiceTotals, discountProblems } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import {
  addProduct,
  cartItemCount,
  cartSale as cartSaleOf,
  cartTotals,
  decrementLine,
  emptyCart,
  incrementLine,
  removeLine,
  setLineDiscount,
  setLineDiscountAmount,
  setQuantity,
  setTicketDiscount,
} from "./cart";
import { formatDiscountInput, parseDiscountInput } from "./discountInput";

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

  it("a fixed line discount and a discount on the whole ticket: the total drops by both, exactly", () => {
    let cart = addProduct(emptyCart, coffee, demo.iva5, { quantity: 2 }); // 2 × $ 12.500
    cart = addProduct(cart, soda, demo.iva19); // $ 4.500
    cart = setLineDiscountAmount(cart, cart.lines[0]!.key, 200_000); // $ 2.000 off the coffee
    expect(cartTotals(cart).total).toBe(2_300_000 + 450_000);
    cart = setTicketDiscount(cart, { mode: "amount", amount: 275_000 }); // $ 2.750 off the ticket
    const totals = cartTotals(cart);
    expect(totals.total).toBe(2_750_000 - 275_000);
    // The server's check finds what the till spread exactly as the rule says.
    const sale = cartSaleOf(cart);
    expect(sale.lines.map((l) => l.ticketDiscountShare)).toEqual([230_000, 45_000]);
    expect(discountProblems(sale.lines, sale.ticketDiscount)).toEqual([]);
    // Switching the line to a percentage drops the fixed amount (one mode per line).
    cart = setLineDiscount(cart, cart.lines[0]!.key, 10);
    expect(cart.lines[0]?.discountAmount).toBeUndefined();
    // A ticket amount above the sale takes the whole sale, never below zero.
    cart = setTicketDiscount(cart, { mode: "amount", amount: 99_999_999 });
    expect(cartTotals(cart).total).toBe(0);
    cart = setTicketDiscount(cart, { mode: "percent", percent: 10 });
    expect(cartSaleOf(cart).ticketDiscount).toEqual({ amount: 270_000, percent: 10 });
    expect(setTicketDiscount(cart, { mode: "percent", percent: 0 }).ticketDiscount).toBeNull();
  });

  it("a fixed discount is at most the line's amount", () => {
    let cart = addProduct(emptyCart, soda, demo.iva19);
    cart = setLineDiscountAmount(cart, cart.lines[0]!.key, 1_000_000);
    expect(cart.lines[0]?.discountAmount).toBe(450_000);
    expect(cartTotals(cart).total).toBe(0);
  });
});

describe("the discount field", () => {
  it("reads '10 %' as a percentage and '$ 2.000' as an amount; a bare number in the field's mode", () => {
    expect(parseDiscountInput("10 %", "amount")).toEqual({ mode: "percent", percent: 10 });
    expect(parseDiscountInput("12,5%", "amount")).toEqual({ mode: "percent", percent: 12.5 });
    expect(parseDiscountInput("$ 2.000", "percent")).toEqual({ mode: "amount", amount: 200_000 });
    expect(parseDiscountInput("2.000,50", "amount")).toEqual({ mode: "amount", amount: 200_050 });
    expect(parseDiscountInput("15", "percent")).toEqual({ mode: "percent", percent: 15 });
    expect(parseDiscountInput("", "percent")).toEqual({ mode: "percent", percent: 0 });
    expect(parseDiscountInput("150 %", "percent")).toBeNull();
    expect(parseDiscountInput("$ 10 %", "percent")).toBeNull();
    expect(parseDiscountInput("abc", "amount")).toBeNull();
    expect(formatDiscountInput({ mode: "amount", amount: 200_000 })).toBe("$ 2.000");
    expect(formatDiscountInput({ mode: "percent", percent: 12.5 })).toBe("12,5 %");
  });
});
