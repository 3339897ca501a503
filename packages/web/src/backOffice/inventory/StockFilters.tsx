import type { StockFilter, StockItem, Warehouse } from "@mostrador/domain";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/i18n";
import { STOCK_PAGE_SIZE, type StockQueryState } from "./useStockPage";

const filters: StockFilter[] = ["all", "below_minimum", "negative"];

/** Search, warehouse and "bajo mínimo" / "negativo" (the warehouse is fixed on the editors). */
export function StockFilters({
  query,
  onChange,
  warehouses,
  fixedWarehouse = false,
}: {
  query: StockQueryState;
  onChange: (next: Partial<StockQueryState>) => void;
  warehouses: readonly Warehouse[];
  fixedWarehouse?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="bo-filters">
      <label className="field field--grow">
        <span>{t("inv.search")}</span>
        <input
          type="search"
          value={query.q}
          maxLength={100}
          onChange={(e) => onChange({ q: e.target.value, offset: 0 })}
        />
      </label>
      {!fixedWarehouse && (
        <label className="field">
          <span>{t("inv.warehouse")}</span>
          <select value={query.warehouseId} onChange={(e) => onChange({ warehouseId: e.target.value, offset: 0 })}>
            <option value="">{t("inv.allWarehouses")}</option>
            {warehouses.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>{t("inv.filter")}</span>
        <select value={query.filter} onChange={(e) => onChange({ filter: e.target.value as StockFilter, offset: 0 })}>
          {filters.map((f) => (
            <option key={f} value={f}>
              {t(`inv.filter.${f}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The stock rows with an optional extra column (the editors' inputs), and the pager. */
export function StockTable({
  page,
  offset,
  onOffset,
  extraLabel,
  extra,
  onProduct,
}: {
  page: { items: StockItem[]; total: number } | null;
  offset: number;
  onOffset: (offset: number) => void;
  extraLabel?: string;
  extra?: (item: StockItem) => ReactNode;
  onProduct?: (item: StockItem) => void;
}) {
  const { t, number } = useI18n();
  if (!page) return null;
  if (page.items.length === 0) return <p className="muted">{t("inv.none")}</p>;
  return (
    <>
      <div className="bo-table-wrap">
        <table className="bo-table">
          <thead>
            <tr>
              <th>{t("inv.product")}</th>
              <th>{t("inv.reference")}</th>
              <th>{t("inv.warehouse")}</th>
              <th className="numeric">{t("inv.quantity")}</th>
              <th className="numeric">{t("inv.minimum")}</th>
              <th>{t("inv.level")}</th>
              {extra && <th className="numeric">{extraLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={`${item.productId}:${item.warehouseId}`} data-testid={`stock-row-${item.productId}`}>
                <td>
                  {onProduct ? (
                    <button type="button" className="link-button" onClick={() => onProduct(item)}>
                      {item.productName}
                    </button>
                  ) : (
                    item.productName
                  )}
                </td>
                <td>{item.reference}</td>
                <td>{item.warehouseName}</td>
                <td className={`numeric inv-level--${item.level}`} data-testid="stock-quantity">
                  {number(item.quantity)}
                </td>
                <td className="numeric">{item.minStock === null ? "" : number(item.minStock)}</td>
                <td className={`inv-level--${item.level}`}>{t(`inv.level.${item.level}`)}</td>
                {extra && <td className="numeric">{extra(item)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inv-pager">
        <button
          type="button"
          className="button"
          disabled={offset === 0}
          onClick={() => onOffset(Math.max(0, offset - STOCK_PAGE_SIZE))}
        >
          {t("inv.previous")}
        </button>
        <span>
          {t("inv.page", {
            from: number(offset + 1),
            to: number(offset + page.items.length),
            total: number(page.total),
          })}
        </span>
        <button
          type="button"
          className="button"
          disabled={offset + STOCK_PAGE_SIZE >= page.total}
          onClick={() => onOffset(offset + STOCK_PAGE_SIZE)}
        >
          {t("inv.next")}
        </button>
      </div>
    </>
  );
}
