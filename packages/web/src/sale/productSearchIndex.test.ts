import type { Product } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
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
