import type { Product } from "@mostrador/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { normalizeForSearch, searchWords } from "../text/searchText";
import { ProductSearchIndex } from "./productSearchIndex";

const index = new ProductSearchIndex([
  ...demo.products,
  { ...demo.products[0]!, id: demo.fixtureId(190), name: "Café inactivo", barcode: "1", active: false },
]);

describe("ProductSearchIndex", () => {
  it("finds by the start of name words, ignoring accents and case", () => {
    expect(index.search("cafe").map((p) => p.name)).toEqual(["Café molido 500 g"]);
    expect(index.search("MOL caf").map((p) => p.name)).toEqual(["Café molido 500 g"]);
    expect(index.search("zzz")).toEqual([]);
  });

  it("finds by reference and barcode, exact matches first", () => {
    expect(index.search("REF-3").map((p) => p.name)).toEqual(["Arroz 1 kg"]);
    expect(index.search("7701234000028")[0]?.name).toBe("Gaseosa cola 1,5 L");
    expect(index.search("770123400").length).toBe(4);
    expect(index.findByBarcode("7701234000042")?.name).toBe("Almuerzo ejecutivo");
    expect(index.findByBarcode("770123400004")).toBeUndefined();
  });

  it("leaves inactive products out and filters by category", () => {
    expect(index.size).toBe(4);
    expect(index.search("", { categoryId: demo.fixtureId(21) }).map((p) => p.name)).toEqual(["Gaseosa cola 1,5 L"]);
  });

  it("answers a keystroke over 20,000 products quickly", () => {
    const many: Product[] = Array.from({ length: 20_000 }, (_, i) => ({
      ...demo.products[i % 4]!,
      id: `p-${i}`,
      name: `Producto ${i} ${["leche", "pan", "queso", "arroz"][i % 4]}`,
      reference: `R${i}`,
      barcode: String(7_700_000_000_000 + i),
    }));
    const big = new ProductSearchIndex(many);
    const started = performance.now();
    for (const q of ["l", "le", "lec", "lech", "leche", "leche 1", "queso 19"]) big.search(q);
    const perQuery = (performance.now() - started) / 7;
    expect(perQuery).toBeLessThan(50); // generous for CI; the browser benchmark measures the real figure
  });
});

/** The definition, product by product (what the index did before it had tables): the reference to compare with. */
function naiveSearch(products: readonly Product[], query: string, categoryId: string | null, limit: number): string[] {
  const compactOf = (text: string | null | undefined) => normalizeForSearch(text ?? "").replace(/\s+/g, "");
  const active = products
    .filter((p) => p.active)
    .map((p) => ({ p, sortName: normalizeForSearch(p.name) }))
    .sort((a, b) => a.sortName.localeCompare(b.sortName))
    .map(({ p }) => p);
  const raw = query.trim();
  const terms = searchWords(raw);
  const compact = compactOf(raw);
  const exact: Product[] = [];
  for (const hit of [
    // A code two products share finds the last one in name order (as a scanner's Enter always did).
    active.findLast((p) => (p.barcode ?? "").trim() === raw && raw !== ""),
    compact ? active.findLast((p) => compactOf(p.reference) === compact) : undefined,
  ])
    if (hit && !exact.includes(hit) && (!categoryId || hit.categoryId === categoryId)) exact.push(hit);
  const rest = active.filter((p) => {
    if (categoryId && p.categoryId !== categoryId) return false;
    if (exact.includes(p)) return false;
    if (terms.length === 0) return true;
    const words = searchWords(p.name, p.reference);
    return (
      terms.every((t) => words.some((w) => w.startsWith(t))) ||
      (raw.length >= 3 && (p.barcode ?? "").trim().startsWith(raw)) ||
      (compact.length >= 2 && compactOf(p.reference).startsWith(compact))
    );
  });
  return [...exact, ...rest].slice(0, limit).map((p) => p.id);
}

describe("ProductSearchIndex against the definition", () => {
  const word = fc.constantFrom("leche", "lechera", "pan", "Pañal", "café", "cafetera", "arroz", "1", "12", "500", "g");
  const product = fc.record({
    name: fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" ")),
    reference: fc.constantFrom("REF-1", "REF-12", "ref 2", "AB-9", ""),
    barcode: fc.option(fc.constantFrom("7701", "77012", "770123", "880"), { nil: null }),
    categoryId: fc.constantFrom(demo.fixtureId(20), demo.fixtureId(21)),
    active: fc.boolean(),
  });
  const query = fc.oneof(
    fc
      .array(
        fc.constantFrom("le", "lech", "pa", "pañ", "caf", "CAFE", "1", "50", "ref", "ref-1", "770", "7701", "ab"),
        {
          maxLength: 3,
        },
      )
      .map((w) => w.join(" ")),
    fc.string({ maxLength: 4 }),
  );

  it("finds the same products in the same order as testing every product (any catalog, query, category, limit)", () => {
    fc.assert(
      fc.property(
        fc.array(product, { maxLength: 120 }),
        query,
        fc.option(fc.constantFrom(demo.fixtureId(20), demo.fixtureId(21)), { nil: null }),
        fc.integer({ min: 1, max: 30 }),
        (rows, q, categoryId, limit) => {
          const products = rows.map((r, i) => ({ ...demo.products[0]!, ...r, id: `p-${i}` }));
          const found = new ProductSearchIndex(products).search(q, { categoryId, limit }).map((p) => p.id);
          expect(found).toEqual(naiveSearch(products, q, categoryId, limit));
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("↑/↓ through the search results", () => {
  it("↓ from none is the first, ↑ from none the last; both wrap around; nothing to move through stays none", async () => {
    const { nextHighlight } = await import("./ProductCatalog");
    expect(nextHighlight(-1, 1, 3)).toBe(0);
    expect(nextHighlight(-1, -1, 3)).toBe(2);
    expect(nextHighlight(0, 1, 3)).toBe(1);
    expect(nextHighlight(2, 1, 3)).toBe(0);
    expect(nextHighlight(0, -1, 3)).toBe(2);
    expect(nextHighlight(-1, 1, 0)).toBe(-1);
  });
});
