/**
 * A balance's level, without zod: the till's first load imports this (tiles), and a module that builds schemas
 * would bring zod into that chunk (see docs/benchmarks.md, "the till's initial JavaScript").
 */
export const stockLevels = ["ok", "low", "zero", "negative"] as const;
/** ok; low: below the product's minimum; zero or negative: nothing left (red at the till). */
export type StockLevel = (typeof stockLevels)[number];

/** The one rule for a balance's level, on the till and in the back office alike. */
export function stockLevelOf(quantity: number, minStock: number | null): StockLevel {
  if (quantity < 0) return "negative";
  if (quantity === 0) return "zero";
  if (minStock !== null && quantity < minStock) return "low";
  return "ok";
}
