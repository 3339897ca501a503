import {
  amountBeforeTicketDiscount,
  applyTicketDiscount,
  computeInvoiceTotals,
  type InvoiceTotals,
  type Minor,
  type PricedLine,
  type Product,
  type Tax,
  type TicketDiscount,
  type TicketDiscountRequest,
} from "@mostrador/domain";

/** One line of the sale on screen: the price and tax as they are when the product is added. */
export interface CartLine extends PricedLine {
  /** Stable key for React and edits; a product added twice at one price shares a line. */
  key: string;
  productId: string;
  description: string;
}

export interface NewClientDraft {
  id: string;
  name: string;
  idType: "CC" | "NIT" | "CE" | "PAS" | "TI";
  idNumber: string;
  email: string | null;
  phone: string | null;
  address: string | null;
}

export interface Cart {
  lines: CartLine[];
  clientId: string | null;
  /** Set when the client was created at the till: it travels with the invoice. */
  newClient: NewClientDraft | null;
  notes: string;
  /** "Descuento al total": an amount or a percentage, spread over the lines by the domain code. */
  ticketDiscount?: TicketDiscountRequest | null;
}

export const emptyCart: Cart = { lines: [], clientId: null, newClient: null, notes: "", ticketDiscount: null };

export const MAX_QUANTITY = 1_000_000;

/** Adds one unit (or `quantity`) of a product; repeats go to the same line while nothing differs. */
export function addProduct(
  cart: Cart,
  product: Product,
  tax: Tax,
  options: { price?: Minor; quantity?: number } = {},
): Cart {
  const unitPrice = options.price ?? product.price;
  const quantity = options.quantity ?? 1;
  const existing = cart.lines.find(
    (l) =>
      l.productId === product.id &&
      l.unitPrice === unitPrice &&
      l.discountPercent === 0 &&
      !l.discountAmount &&
      l.taxId === tax.id,
  );
  if (existing) return setQuantity(cart, existing.key, existing.quantity + quantity);
  const line: CartLine = {
    key: `${product.id}:${cart.lines.length}:${Date.now().toString(36)}`,
    productId: product.id,
    description: product.name,
    quantity,
    unitPrice,
    priceIncludesTax: product.priceIncludesTax,
    discountPercent: 0,
    taxId: tax.id,
    taxName: tax.name,
    taxKind: tax.kind,
    taxRateBp: tax.rateBp,
  };
  return { ...cart, lines: [...cart.lines, line] };
}

function updateLine(cart: Cart, key: string, change: (line: CartLine) => CartLine): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.key === key ? change(l) : l)) };
}

/** Quantities keep at most three decimals and stay between 0.001 and MAX_QUANTITY. */
export function normalizeQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  const rounded = Math.round(quantity * 1000) / 1000;
  return Math.min(MAX_QUANTITY, Math.max(0.001, rounded));
}

export function setQuantity(cart: Cart, key: string, quantity: number): Cart {
  return updateLine(cart, key, (l) => ({ ...l, quantity: normalizeQuantity(quantity) }));
}

export function incrementLine(cart: Cart, key: string): Cart {
  const line = cart.lines.find((l) => l.key === key);
  return line ? setQuantity(cart, key, line.quantity + 1) : cart;
}

/** − never goes below one unit: removing a line is its own action. */
export function decrementLine(cart: Cart, key: string): Cart {
  const line = cart.lines.find((l) => l.key === key);
  if (!line || line.quantity <= 1) return cart;
  return setQuantity(cart, key, line.quantity - 1);
}

/** Percent between 0 and 100 with at most two decimals. */
export function normalizeDiscountPercent(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(100, Math.max(0, Math.round(percent * 100) / 100));
}

/** A percentage off the line (the line's fixed discount, if any, is dropped: one mode per line). */
export function setLineDiscount(cart: Cart, key: string, percent: number): Cart {
  return updateLine(cart, key, ({ discountAmount: _, ...l }) => ({
    ...l,
    discountPercent: normalizeDiscountPercent(percent),
  }));
}

/** A fixed amount off the line, at most the line's amount (the percentage is dropped: one mode per line). */
export function setLineDiscountAmount(cart: Cart, key: string, amount: Minor): Cart {
  return updateLine(cart, key, ({ discountAmount: _, ...l }) => {
    const room = amountBeforeTicketDiscount({ ...l, discountPercent: 0 });
    const fixed = Math.min(Math.max(0, Math.round(amount)), l.priceIncludesTax ? room : roomBeforeTax(l));
    return fixed > 0 ? { ...l, discountPercent: 0, discountAmount: fixed } : { ...l, discountPercent: 0 };
  });
}

/** A price without tax: the fixed discount is stated before tax, like the price. */
function roomBeforeTax(line: PricedLine): Minor {
  return computeInvoiceTotals([{ ...line, discountPercent: 0, discountAmount: 0 }]).lines[0]?.taxBase ?? 0;
}

/** "Descuento al total" (null removes it); a percentage keeps two decimals, an amount whole centavos. */
export function setTicketDiscount(cart: Cart, request: TicketDiscountRequest | null): Cart {
  if (!request) return { ...cart, ticketDiscount: null };
  if (request.mode === "percent") {
    const percent = normalizeDiscountPercent(request.percent);
    return { ...cart, ticketDiscount: percent > 0 ? { mode: "percent", percent } : null };
  }
  const amount = Math.max(0, Math.round(request.amount));
  return { ...cart, ticketDiscount: amount > 0 ? { mode: "amount", amount } : null };
}

export function removeLine(cart: Cart, key: string): Cart {
  return { ...cart, lines: cart.lines.filter((l) => l.key !== key) };
}

export function setClient(cart: Cart, clientId: string, newClient: NewClientDraft | null = null): Cart {
  return { ...cart, clientId, newClient };
}

/**
 * The sale as it will be invoiced: the lines with their shares of the ticket discount (an amount
 * larger than the lines is taken as all of them) and the discount as the invoice records it.
 */
export function cartSale(cart: Cart): { lines: CartLine[]; ticketDiscount: TicketDiscount | null } {
  const request = cart.ticketDiscount ?? null;
  if (request?.mode === "amount") {
    const sale = cart.lines.reduce((s, l) => s + amountBeforeTicketDiscount(l), 0);
    return applyTicketDiscount(cart.lines, { mode: "amount", amount: Math.min(request.amount, sale) });
  }
  return applyTicketDiscount(cart.lines, request);
}

export function cartTotals(cart: Cart): InvoiceTotals {
  return computeInvoiceTotals(cartSale(cart).lines);
}

export function cartItemCount(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity, 0);
}
