import type { Product } from "@mostrador/domain";
import { normalizeForSearch, searchWords } from "../text/searchText";

interface IndexedProduct {
  product: Product;
  words: string[];
  reference: string;
  barcode: string;
  sortName: string;
}

export interface ProductSearchOptions {
  categoryId?: string | null;
  limit?: number;
}

/**
 * In-memory search over the active catalog, built from the local database: a keystroke
 * must answer within a frame even with 20,000 products.
 */
export class ProductSearchIndex {
  private readonly entries: IndexedProduct[];
  private readonly byBarcode = new Map<string, Product>();
  private readonly byReference = new Map<string, Product>();

  constructor(products: readonly Product[]) {
    this.entries = products
      .filter((p) => p.active)
      .map((product) => ({
        product,
        words: searchWords(product.name, product.reference),
        reference: normalizeForSearch(product.reference).replace(/\s+/g, ""),
        barcode: (product.barcode ?? "").trim(),
        sortName: normalizeForSearch(product.name),
      }))
      .sort((a, b) => a.sortName.localeCompare(b.sortName));
    for (const entry of this.entries) {
      if (entry.barcode) this.byBarcode.set(entry.barcode, entry.product);
      if (entry.reference) this.byReference.set(entry.reference, entry.product);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /** What a scanner's Enter adds: a product whose barcode is exactly the text. */
  findByBarcode(code: string): Product | undefined {
    return this.byBarcode.get(code.trim());
  }

  findByReference(reference: string): Product | undefined {
    return this.byReference.get(normalizeForSearch(reference).replace(/\s+/g, ""));
  }

  /** Every query word must start a word of the name or reference; codes match by prefix. */
  search(query: string, options: ProductSearchOptions = {}): Product[] {
    const limit = options.limit ?? 60;
    const categoryId = options.categoryId ?? null;
    const raw = query.trim();
    const terms = searchWords(raw);
    const compact = normalizeForSearch(raw).replace(/\s+/g, "");
    // Exact codes come from the maps; the scan runs in name order and stops once the page is full.
    const exact: Product[] = [];
    for (const hit of [this.byBarcode.get(raw), compact ? this.byReference.get(compact) : undefined])
      if (hit && !exact.includes(hit) && (!categoryId || hit.categoryId === categoryId)) exact.push(hit);
    const results: Product[] = [];
    for (const entry of this.entries) {
      if (categoryId && entry.product.categoryId !== categoryId) continue;
      if (exact.includes(entry.product)) continue;
      if (terms.length === 0) {
        results.push(entry.product);
      } else if (
        terms.every((term) => entry.words.some((word) => word.startsWith(term))) ||
        (raw.length >= 3 && entry.barcode.startsWith(raw)) ||
        (compact.length >= 2 && entry.reference.startsWith(compact))
      ) {
        results.push(entry.product);
      }
      if (exact.length + results.length >= limit) break;
    }
    return [...exact, ...results].slice(0, limit);
  }
}
