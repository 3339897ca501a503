import { type Kardex, kardexSchema } from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import { parseCountQuantity } from "./countCsv";
import { INVENTORY_PATH } from "./useStockPage";

/** "Kárdex" of a product: balances per warehouse, minimum and cost, every movement with its running balance and value. */
export function KardexPage({ productId }: { productId: string }) {
  const { t, number, money } = useI18n();
  const api = useBackOfficeApi();
  const [kardex, setKardex] = useState<Kardex | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [minStock, setMinStock] = useState("");
  const [unitCost, setUnitCost] = useState("");

  function show(k: Kardex) {
    setKardex(k);
    setMinStock(k.minStock === null ? "" : String(k.minStock));
    setUnitCost(k.unitCost === null ? "" : String(k.unitCost / 100));
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: show only sets this page's state
  useEffect(() => {
    api
      .send(kardexSchema, "kardex", "GET", `/api/inventory/products/${productId}/kardex`)
      .then(show, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  }, [api.send, productId]);

  async function saveSettings() {
    setFailed(null);
    try {
      const cost = unitCost.trim() === "" ? null : parseCountQuantity(unitCost);
      const body = {
        minStock: minStock.trim() === "" ? null : (parseCountQuantity(minStock) ?? -1),
        unitCost: cost === null ? (unitCost.trim() === "" ? null : -1) : Math.round(cost * 100),
      };
      show(await api.send(kardexSchema, "stock settings", "PATCH", `/api/inventory/products/${productId}`, body));
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section className="bo-page" aria-labelledby="kardex-title">
      <div className="bo-page__head">
        <h1 id="kardex-title">
          {t("inv.kardex")}
          {kardex ? `: ${kardex.productName}` : ""}
        </h1>
        <div className="bo-page__tools">
          <button type="button" className="button" onClick={() => goTo(INVENTORY_PATH)}>
            {t("inv.back")}
          </button>
        </div>
      </div>
      {failed && (
        <p className="message message--error" role="alert">
          {t("inv.failed", { message: failed })}
        </p>
      )}
      {kardex && (
        <>
          {!kardex.trackStock && <p className="muted">{t("inv.notTracked")}</p>}
          <ul>
            {kardex.balances.map((b) => (
              <li key={b.warehouseId} data-testid={`kardex-balance-${b.warehouseId}`}>
                {b.warehouseName}: <strong>{number(b.quantity)}</strong>
              </li>
            ))}
          </ul>
          <div className="bo-filters">
            <label className="field">
              <span>{t("inv.minimum")}</span>
              <input className="inv-input" value={minStock} onChange={(e) => setMinStock(e.target.value)} />
            </label>
            <label className="field">
              <span>{t("inv.unitCost")}</span>
              <input className="inv-input" value={unitCost} onChange={(e) => setUnitCost(e.target.value)} />
            </label>
            <button type="button" className="button" onClick={() => void saveSettings()}>
              {t("inv.settings")}
            </button>
          </div>
          {kardex.truncated && <p className="muted">{t("inv.truncated")}</p>}
          <div className="bo-table-wrap">
            <table className="bo-table" aria-label={t("inv.kardex")}>
              <thead>
                <tr>
                  <th>{t("inv.date")}</th>
                  <th>{t("inv.kind")}</th>
                  <th>{t("inv.document")}</th>
                  <th>{t("inv.warehouse")}</th>
                  <th className="numeric">{t("inv.moved")}</th>
                  <th className="numeric">{t("inv.balance")}</th>
                  <th className="numeric">{t("inv.unitCost")}</th>
                  <th className="numeric">{t("inv.value")}</th>
                  <th>{t("inv.user")}</th>
                  <th>{t("inv.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {kardex.movements.map((m) => (
                  <tr key={m.id} data-testid="kardex-movement">
                    <td>{new Date(m.at).toLocaleString()}</td>
                    <td>{t(`inv.kind.${m.kind}`)}</td>
                    <td>{m.documentNumber ?? ""}</td>
                    <td>{m.warehouseName}</td>
                    <td className="numeric">{number(m.quantity)}</td>
                    <td className="numeric">{number(m.balance)}</td>
                    <td className="numeric">{m.unitCost === null ? "" : money(m.unitCost)}</td>
                    <td className="numeric">{m.value === null ? "" : money(m.value)}</td>
                    <td>{m.userName ?? ""}</td>
                    <td>{m.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
