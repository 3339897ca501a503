import { catalogExportCsvSchema, type Warehouse } from "@mostrador/domain";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { downloadCsv } from "../import/csvFileText";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import { StockFilters, StockTable } from "./StockFilters";
import { INVENTORY_PATH, type StockQueryState, stockSearch, useStockPage } from "./useStockPage";

/** "Inventario": stock by product and warehouse, filters, CSV export, and the ways to change it. */
export function StockListPage({ warehouses }: { warehouses: readonly Warehouse[] }) {
  const { t } = useI18n();
  const api = useBackOfficeApi();
  const [query, setQuery] = useState<StockQueryState>({ q: "", warehouseId: "", filter: "all", offset: 0 });
  const { page, failed } = useStockPage(query);
  const [exportFailed, setExportFailed] = useState<string | null>(null);

  async function exportCsv() {
    setExportFailed(null);
    try {
      const { offset: _all, ...filters } = query;
      const text = await api.send(
        catalogExportCsvSchema,
        "stock export",
        "GET",
        `/api/inventory/stock.csv?${stockSearch(filters)}`,
      );
      downloadCsv(`inventario-${new Date().toISOString().slice(0, 10)}.csv`, text);
    } catch (e) {
      setExportFailed(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="bo-page" aria-labelledby="inv-title">
      <div className="bo-page__head">
        <h1 id="inv-title">{t("inv.title")}</h1>
        <div className="bo-page__tools">
          <button type="button" className="button" onClick={() => void exportCsv()}>
            {t("inv.export")}
          </button>
          <button type="button" className="button" onClick={() => goTo(`${INVENTORY_PATH}/traslado`)}>
            {t("inv.transfer")}
          </button>
          <button type="button" className="button button--primary" onClick={() => goTo(`${INVENTORY_PATH}/ajuste`)}>
            {t("inv.adjust")}
          </button>
        </div>
      </div>
      <StockFilters query={query} onChange={(next) => setQuery({ ...query, ...next })} warehouses={warehouses} />
      {(failed || exportFailed) && (
        <p className="message message--error" role="alert">
          {t("inv.failed", { message: failed ?? exportFailed ?? "" })}
        </p>
      )}
      <StockTable
        page={page}
        offset={query.offset}
        onOffset={(offset) => setQuery({ ...query, offset })}
        onProduct={(item) => goTo(`${INVENTORY_PATH}/kardex/${item.productId}`)}
      />
    </section>
  );
}
