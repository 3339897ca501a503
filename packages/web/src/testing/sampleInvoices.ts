import type { NewClient } from "@mostrador/domain";
import { addProduct, type Cart, cartTotals, emptyCart, setClient } from "../sale/cart";
import { buildInvoiceDraft, type SaleContext } from "../sale/invoiceDraft";
import { initialPayments } from "../sale/payment";
import type { NewInvoiceDraft } from "../storage/localStore";
import * as demo from "./demoCatalog";

export const saleContext: SaleContext = {
  company: demo.company,
  terminal: demo.caja1,
  numbering: demo.posNumbering,
  device: demo.device,
  cashier: demo.cashier,
  paymentMethods: demo.paymentMethods,
};

export function sampleCart(): Cart {
  let cart = addProduct(emptyCart, demo.products[0]!, demo.iva5);
  cart = addProduct(cart, demo.products[1]!, demo.iva19, { quantity: 2 });
  return setClient(cart, demo.walkInClient.id);
}

/** A valid invoice draft paid in cash, for the given context (Caja 1 by default). */
export function sampleDraft(context: SaleContext = saleContext, now = new Date()): NewInvoiceDraft {
  const cart = sampleCart();
  return buildInvoiceDraft({
    cart,
    payments: initialPayments(cartTotals(cart).total, context.paymentMethods),
    context,
    client: demo.walkInClient,
    now,
  });
}

/**
 * A client the cashier makes at the till with a sale («Cliente nuevo»): the invoice draft carries it as
 * `newClient` until the server has it. `overrides` change its fields.
 */
export function buildNewClient(overrides: Partial<NewClient> = {}): NewClient {
  return {
    id: demo.fixtureId(999),
    name: "Ana Gómez",
    idType: "CC",
    idNumber: "52123456",
    email: null,
    phone: null,
    address: null,
    active: true,
    ...overrides,
  };
}
