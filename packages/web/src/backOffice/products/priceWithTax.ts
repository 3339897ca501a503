import { computeLineTotals, MINOR_PER_UNIT, type Minor } from "@mostrador/domain";

/**
 * The product form states a price with or without tax and shows the other one, computed by the
 * same domain code that totals an invoice line (one unit, no discount), so what the owner reads
 * here is what the till charges.
 */
export interface PriceBothWays {
  withTax: Minor;
  withoutTax: Minor;
  tax: Minor;
}

export function priceBothWays(price: Minor, priceIncludesTax: boolean, taxRateBp: number): PriceBothWays {
  const line = computeLineTotals({
    quantity: 1,
    unitPrice: price,
    priceIncludesTax,
    discountPercent: 0,
    taxId: "",
    taxName: "",
    taxKind: "IVA",
    taxRateBp,
  });
  return { withTax: line.total, withoutTax: line.taxBase, tax: line.tax };
}

/**
 * What the owner types in pesos, Colombian style ("12.500", "12.500,50", "$ 12500") or plain
 * ("12500.5"), in minor units; null when it is not an amount. A lone "." followed by three digits
 * is a thousands separator ("12.500" is twelve thousand five hundred), as on the receipts.
 */
export function parseMoneyInput(text: string): Minor | null {
  const cleaned = text.replace(/[$\s\u00a0]/g, "");
  if (!cleaned) return null;
  let normalized: string;
  if (cleaned.includes(",")) {
    // "12.500,50": dots group thousands, the comma marks the cents.
    normalized = cleaned.replace(/\./g, "").replace(",", ".");
  } else if (/^\d{1,3}(\.\d{3})+$/.test(cleaned)) {
    normalized = cleaned.replace(/\./g, "");
  } else {
    normalized = cleaned;
  }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(normalized);
  if (!m) return null;
  const whole = Number(m[1]);
  const cents = Number((m[2] ?? "").padEnd(2, "0"));
  const minor = whole * MINOR_PER_UNIT + cents;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as the field shows them to edit: "12500" or "12500,50" (no grouping, so it re-parses). */
export function moneyInputText(minor: Minor): string {
  const whole = Math.floor(minor / MINOR_PER_UNIT);
  const cents = minor % MINOR_PER_UNIT;
  return cents === 0 ? String(whole) : `${whole},${String(cents).padStart(2, "0")}`;
}
