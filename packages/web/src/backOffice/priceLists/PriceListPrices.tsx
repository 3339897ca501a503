import { listResponseSchema, type Product, productSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { problemText } from "../form/fields";
import { moneyInputText } from "../products/priceWithTax";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import type { FieldProblem } from "../shared/formErrors";

const productPage = listResponseSchema(productSchema);
/** Names of the list's products are looked up one by one; beyond this the id shows. */
const MAX_NAME_LOOKUPS = 100;

/** The products of a price list with their special price; "Agregar producto" searches the catalog. */
export function PriceListPrices({
  prices,
  onChange,
  problem,
}: {
  prices: { productId: string; price: string }[];
  onChange: (prices: { productId: string; price: string }[]) => void;
  problem?: FieldProblem;
}) {
  const { t, money } = useI18n();
  const api = useBackOfficeApi();
  const [names, setNames] = useState<Record<string, Product>>({});
  const [search, setSearch] = useState("");
  const [found, setFound] = useState<Product[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: looks up the names once per set of products
  useEffect(() => {
    const missing = prices
      .map((p) => p.productId)
      .filter((id) => !names[id])
      .slice(0, MAX_NAME_LOOKUPS);
    for (const id of missing)
      api.send(productSchema, "product", "GET", `/api/products/${id}`).then(
        (product) => setNames((n) => ({ ...n, [product.id]: product })),
        () => undefined,
      );
  }, [prices.map((p) => p.productId).join(",")]);

  useEffect(() => {
    const q = search.trim();
    if (!q) return setFound([]);
    let current = true;
    const timer = setTimeout(() => {
      api.send(productPage, "products", "GET", `/api/products?${new URLSearchParams({ q, limit: "8" })}`).then(
        (answer) => current && setFound(answer.items),
        () => undefined,
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, api.send]);

  function add(product: Product) {
    setNames((n) => ({ ...n, [product.id]: product }));
    if (!prices.some((p) => p.productId === product.id))
      onChange([...prices, { productId: product.id, price: moneyInputText(product.price) }]);
    setSearch("");
  }

  return (
    <fieldset className="bo-choices">
      <legend>{t("bo.priceLists.prices")}</legend>
      <table className="bo-table">
        <thead>
          <tr>
            <th>{t("bo.menu.products")}</th>
            <th className="numeric">{t("bo.priceLists.basePrice")}</th>
            <th className="numeric">{t("bo.priceLists.listPrice")}</th>
            <th>
              <span className="visually-hidden">{t("bo.priceLists.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {prices.map((entry, index) => {
            const product = names[entry.productId];
            return (
              <tr key={entry.productId}>
                <td>{product?.name ?? entry.productId}</td>
                <td className="numeric">{product ? money(product.price) : "—"}</td>
                <td className="numeric">
                  <input
                    aria-label={t("bo.priceLists.listPriceOf", { name: product?.name ?? entry.productId })}
                    inputMode="decimal"
                    value={entry.price}
                    onChange={(e) =>
                      onChange(prices.map((p, i) => (i === index ? { ...p, price: e.target.value } : p)))
                    }
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onChange(prices.filter((_, i) => i !== index))}
                  >
                    {t("bo.priceLists.remove")}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problem && (
        <span className="bo-field__error" role="alert">
          {problemText(t, problem)}
        </span>
      )}
      <label className="field">
        <span>{t("bo.priceLists.add")}</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {found.length > 0 && (
        <ul className="bo-found">
          {found.map((product) => (
            <li key={product.id}>
              <button type="button" className="link-button" onClick={() => add(product)}>
                {product.name} · {money(product.price)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
