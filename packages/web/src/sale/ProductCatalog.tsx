import type { Category, Product } from "@mostrador/domain";
import { type KeyboardEvent, memo, type RefObject, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { TillStock } from "../inventory/tillStock";
import { useTillStock } from "../inventory/useTillStock";
import { markEnd, markStart } from "../perf/performanceMarks";
import type { ProductSearchIndex } from "./productSearchIndex";

interface ProductCatalogProps {
  index: ProductSearchIndex;
  categories: Category[];
  priceOf: (product: Product) => number;
  onAdd: (product: Product) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The company's "block selling at zero stock": ask before adding an item the till knows is out. */
  warnAtZeroStock?: boolean;
}

/** "Buscar producto", the category filter and the product tiles. */
export function ProductCatalog({
  index,
  categories,
  priceOf,
  onAdd: add,
  searchRef,
  warnAtZeroStock = false,
}: ProductCatalogProps) {
  const { t, money } = useI18n();
  const stock = useTillStock();
  // One function for every render, so the memoized tiles skip the keystroke's own render.
  const latest = useRef({ stock, warnAtZeroStock, t, add });
  latest.current = { stock, warnAtZeroStock, t, add };
  const onAdd = useCallback((product: Product) => {
    const { stock, warnAtZeroStock, t, add } = latest.current;
    const known = stock.get(product.id);
    if (
      warnAtZeroStock &&
      known &&
      known.quantity <= 0 &&
      !window.confirm(t("stock.zeroConfirm", { name: product.name }))
    )
      return;
    add(product);
  }, []);
  const [query, setQuery] = useState("");
  const [categoryId, setCategoryId] = useState<string>("");
  const [notice, setNotice] = useState<string | null>(null);
  // ↑/↓ from the search box move a highlight through the results; Enter adds the highlighted one.
  const [highlighted, setHighlighted] = useState(-1);
  // The index answers within a millisecond, so the results render with the keystroke itself (one
  // render, one frame), not in a deferred second pass.
  const results = useMemo(
    () => index.search(query, { categoryId: categoryId || null, limit: 48 }),
    [index, query, categoryId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: measures each time new results are on screen
  useEffect(() => markEnd("mostrador:search"), [results]);
  // New results: nothing highlighted until an arrow key is pressed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every new result list
  useEffect(() => setHighlighted(-1), [results]);
  const highlightedProduct = highlighted >= 0 ? results[highlighted] : undefined;
  const { sectionRef, sentinelRef, shown, onScroll } = useVisibleTiles(results, highlighted);
  useEffect(() => {
    if (highlightedProduct)
      document.getElementById(`tile-${highlightedProduct.id}`)?.scrollIntoView({ block: "nearest" });
  }, [highlightedProduct]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape") {
      setQuery("");
      return;
    }
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && results.length > 0) {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setHighlighted((current) => nextHighlight(current, step, results.length));
      return;
    }
    if (event.key !== "Enter") return;
    event.preventDefault();
    if (highlightedProduct) {
      onAdd(highlightedProduct);
      setQuery("");
      setNotice(null);
      return;
    }
    const code = query.trim();
    if (!code) return;
    const product = index.findByBarcode(code) ?? index.findByReference(code);
    if (product) {
      onAdd(product);
      setQuery("");
      setNotice(null);
    } else if (/^\d{4,}$/.test(code)) {
      setNotice(t("sale.barcodeNotFound", { code }));
    } else if (results.length === 1 && results[0]) {
      onAdd(results[0]);
      setQuery("");
    }
  }

  return (
    <section className="catalog" ref={sectionRef} onScroll={onScroll}>
      <div className="catalog__filters">
        <label className="field field--grow">
          <span className="visually-hidden">{t("sale.search")}</span>
          <input
            ref={searchRef}
            type="search"
            aria-label={t("sale.search")}
            placeholder={t("sale.searchPlaceholder")}
            value={query}
            onChange={(e) => {
              markStart("mostrador:search");
              setQuery(e.target.value);
              setNotice(null);
            }}
            onKeyDown={onKeyDown}
            aria-controls="product-results"
            aria-activedescendant={highlightedProduct ? `tile-${highlightedProduct.id}` : undefined}
            autoComplete="off"
            enterKeyHint="search"
          />
        </label>
        <label className="field">
          <span className="visually-hidden">{t("sale.category")}</span>
          <select aria-label={t("sale.category")} value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">{t("sale.allCategories")}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {notice && (
        <p className="message message--warning" role="alert">
          {notice}
        </p>
      )}
      <div className="product-grid" id="product-results">
        {results.slice(0, shown).map((product, position) => (
          <ProductTile
            // By position: new results update the tiles on screen instead of replacing their elements.
            // biome-ignore lint/suspicious/noArrayIndexKey: the tiles are slots for whatever the search found
            key={position}
            product={product}
            price={money(priceOf(product))}
            highlighted={product === highlightedProduct}
            stock={stock.get(product.id)}
            onAdd={onAdd}
          />
        ))}
        {results.length === 0 && <p className="muted">{t("sale.noProducts")}</p>}
      </div>
      {/* The end of the rendered tiles: when it comes into view, the rest of the results render too. */}
      <div ref={sentinelRef} aria-hidden="true" className="product-grid__more" />
    </section>
  );
}

/** A tile's smallest height plus the grid's gap (app.css: min-height 84px, gap 0.6rem). */
const TILE_ROW_PX = 84 + 10;

/**
 * How many result tiles to render: those that fit in the catalog's visible area (its width in grid
 * columns × its height in rows, plus one row), all of them as soon as the end of that first part comes
 * into view (the list scrolled, the page scrolled on a phone, a tall screen) or the highlight moves past
 * it. A keystroke then renders a screenful, not the whole page of results.
 */
function useVisibleTiles(results: readonly Product[], highlighted: number) {
  const sectionRef = useRef<HTMLElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const [fit, setFit] = useState(24);
  const [all, setAll] = useState(false);
  useEffect(() => {
    const section = sectionRef.current;
    const grid = section?.querySelector(".product-grid");
    if (!section || !grid || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const columns = getComputedStyle(grid).gridTemplateColumns.split(" ").length || 1;
      const rows = Math.ceil(section.clientHeight / TILE_ROW_PX) + 1;
      setFit(Math.max(columns * rows, 8));
    });
    observer.observe(section);
    return () => observer.disconnect();
  }, []);
  // A new list starts with a screenful again, and the end of it is watched anew (whatever scrolls).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for every new result list
  useEffect(() => {
    setAll(false);
    const sentinel = sentinelRef.current;
    if (!sentinel) return;
    if (typeof IntersectionObserver === "undefined") {
      setAll(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setAll(true);
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [results]);
  const onScroll = useCallback(() => setAll(true), []);
  const shown = all ? results.length : Math.max(fit, highlighted + 1);
  return { sectionRef, sentinelRef, shown, onScroll };
}

/** The highlight after an arrow key: wraps around; from "none", ↓ goes to the first and ↑ to the last. */
export function nextHighlight(current: number, step: 1 | -1, count: number): number {
  if (count <= 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}

interface ProductTileProps {
  product: Product;
  price: string;
  highlighted: boolean;
  stock: TillStock | undefined;
  onAdd: (product: Product) => void;
}

/** A product button: its accessible name is the product's name; the price is its description. */
const ProductTile = memo(function ProductTile({ product, price, highlighted, stock, onAdd }: ProductTileProps) {
  const { t, number } = useI18n();
  const classes = ["product-tile"];
  if (product.tileColor) classes.push(`product-tile--${product.tileColor}`);
  if (highlighted) classes.push("product-tile--highlighted");
  return (
    <button
      type="button"
      id={`tile-${product.id}`}
      className={classes.join(" ")}
      aria-current={highlighted ? "true" : undefined}
      aria-label={product.name}
      aria-describedby={`price-${product.id}`}
      onClick={() => onAdd(product)}
    >
      <span className="product-tile__name">{product.name}</span>
      <span className="product-tile__price" id={`price-${product.id}`}>
        {price}
      </span>
      {stock && (
        <span
          className={`product-tile__stock product-tile__stock--${stock.level}`}
          data-testid={`stock-${product.id}`}
          title={stock.level === "low" ? t("stock.low") : stock.level === "ok" ? undefined : t("stock.out")}
        >
          {t("stock.units", { approx: stock.approximate ? "≈ " : "", quantity: number(stock.quantity) })}
        </span>
      )}
    </button>
  );
});
