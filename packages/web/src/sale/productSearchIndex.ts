import type { Product } from "@mostrador/domain";
import { normalizeForSearch, searchWords } from "../text/searchText";

export interface ProductSearchOptions {
  categoryId?: string | null;
  limit?: number;
}

/** A sorted key (a word, a barcode, a reference) → the entries that have it, in name order. */
interface PrefixTable {
  keys: string[];
  /** postings[i]: ascending entry positions of keys[i]. */
  postings: number[][];
}

/** Above this share of the catalog a term is not selective: scanning in name order fills a page sooner. */
const DENSE_SHARE = 1 / 16;

const nameOrder = new Intl.Collator(undefined).compare;

/**
 * In-memory search over the active catalog, built once per catalog from the local database: a
 * keystroke must answer within a frame even with 100,000 products. Everything a query compares is
 * normalized here, once: each product's words as one string (" cafe molido 500 g"), and sorted
 * tables of words, barcodes and references with the products that have them, so a query finds its
 * candidates by binary search instead of testing every product.
 */
export class ProductSearchIndex {
  /** Active products in name order; every other array is aligned with it. */
  private readonly products: Product[];
  private readonly haystacks: string[];
  private readonly barcodes: string[];
  private readonly references: string[];
  private readonly words: PrefixTable;
  private readonly barcodeTable: PrefixTable;
  private readonly referenceTable: PrefixTable;
  private readonly byBarcode = new Map<string, Product>();
  private readonly byReference = new Map<string, Product>();

  constructor(products: readonly Product[]) {
    const entries = products
      .filter((p) => p.active)
      .map((product) => ({
        product,
        words: searchWords(product.name, product.reference),
        reference: compactCode(product.reference),
        barcode: (product.barcode ?? "").trim(),
        sortName: normalizeForSearch(product.name),
      }))
      .sort((a, b) => nameOrder(a.sortName, b.sortName));
    this.products = entries.map((e) => e.product);
    this.haystacks = entries.map((e) => ` ${e.words.join(" ")}`);
    this.barcodes = entries.map((e) => e.barcode);
    this.references = entries.map((e) => e.reference);
    this.words = prefixTable(entries.map((e) => e.words));
    this.barcodeTable = prefixTable(entries.map((e) => (e.barcode ? [e.barcode] : [])));
    this.referenceTable = prefixTable(entries.map((e) => (e.reference ? [e.reference] : [])));
    for (const entry of entries) {
      if (entry.barcode) this.byBarcode.set(entry.barcode, entry.product);
      if (entry.reference) this.byReference.set(entry.reference, entry.product);
    }
  }

  get size(): number {
    return this.products.length;
  }

  /** What a scanner's Enter adds: a product whose barcode is exactly the text. */
  findByBarcode(code: string): Product | undefined {
    return this.byBarcode.get(code.trim());
  }

  findByReference(reference: string): Product | undefined {
    return this.byReference.get(compactCode(reference));
  }

  /**
   * Every query word must start a word of the name or reference; barcodes (3+ characters) and
   * references (2+) match by prefix. Exact codes first, then name order, at most `limit`.
   */
  search(query: string, options: ProductSearchOptions = {}): Product[] {
    const limit = options.limit ?? 60;
    const categoryId = options.categoryId ?? null;
    const raw = query.trim();
    const terms = searchWords(raw);
    const compact = compactCode(raw);
    const exact: Product[] = [];
    for (const hit of [this.byBarcode.get(raw), compact ? this.byReference.get(compact) : undefined])
      if (hit && !exact.includes(hit) && (!categoryId || hit.categoryId === categoryId)) exact.push(hit);
    const byBarcode = raw.length >= 3;
    const byReference = compact.length >= 2;
    const matches = (i: number): boolean => {
      const product = this.products[i] as Product;
      if (categoryId && product.categoryId !== categoryId) return false;
      if (exact.includes(product)) return false;
      if (terms.length === 0) return true;
      const haystack = this.haystacks[i] as string;
      if (terms.every((term) => haystack.includes(` ${term}`))) return true;
      return (
        (byBarcode && (this.barcodes[i] as string).startsWith(raw)) ||
        (byReference && (this.references[i] as string).startsWith(compact))
      );
    };
    const results: Product[] = [...exact];
    const take = (i: number) => {
      if (matches(i)) results.push(this.products[i] as Product);
      return results.length >= limit;
    };
    const candidates =
      terms.length === 0 ? null : this.candidates(terms, byBarcode ? raw : "", byReference ? compact : "");
    if (candidates === null) {
      for (let i = 0; i < this.products.length; i++) if (take(i)) break;
    } else {
      for (const i of candidates) if (take(i)) break;
    }
    return results.slice(0, limit);
  }

  /**
   * The positions that can match, ascending: those having a word that starts with the most selective
   * term, a barcode or a reference with the prefix. Null when that is a large share of the catalog:
   * a scan in name order then fills the page within a few hundred products.
   */
  private candidates(
    terms: readonly string[],
    barcodePrefix: string,
    referencePrefix: string,
  ): Iterable<number> | null {
    let best: number[][] | null = null;
    let bestCount = Number.POSITIVE_INFINITY;
    for (const term of terms) {
      const lists = prefixPostings(this.words, term);
      const count = lists.reduce((n, list) => n + list.length, 0);
      if (count < bestCount) {
        best = lists;
        bestCount = count;
      }
    }
    const lists = [...(best ?? [])];
    if (barcodePrefix) lists.push(...prefixPostings(this.barcodeTable, barcodePrefix));
    if (referencePrefix) lists.push(...prefixPostings(this.referenceTable, referencePrefix));
    const total = lists.reduce((n, list) => n + list.length, 0);
    if (total > this.products.length * DENSE_SHARE) return null;
    if (lists.length === 1) return lists[0] as number[];
    const positions = lists.flat().sort((a, b) => a - b);
    return positions.filter((p, i) => i === 0 || p !== positions[i - 1]);
  }
}

function compactCode(text: string | null | undefined): string {
  return normalizeForSearch(text ?? "").replace(/\s+/g, "");
}

/** keysPerEntry[i]: the keys of entry i (positions in name order). */
function prefixTable(keysPerEntry: readonly (readonly string[])[]): PrefixTable {
  const byKey = new Map<string, number[]>();
  keysPerEntry.forEach((keys, position) => {
    for (const key of keys) {
      const list = byKey.get(key);
      if (list) {
        if (list[list.length - 1] !== position) list.push(position);
      } else byKey.set(key, [position]);
    }
  });
  const keys = [...byKey.keys()].sort();
  return { keys, postings: keys.map((k) => byKey.get(k) as number[]) };
}

/** The posting lists of every key that starts with `prefix` (binary search for the first one). */
function prefixPostings(table: PrefixTable, prefix: string): number[][] {
  const { keys, postings } = table;
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((keys[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  const out: number[][] = [];
  for (let i = low; i < keys.length && (keys[i] as string).startsWith(prefix); i++) out.push(postings[i] as number[]);
  return out;
}
