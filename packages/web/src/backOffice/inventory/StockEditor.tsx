import {
  type StockItem,
  stockAdjustmentResultSchema,
  stockListSchema,
  stockTransferResultSchema,
  type Warehouse,
} from "@mostrador/domain";
import { useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { goTo } from "../../navigation/appLocation";
import { readCsvFile } from "../import/csvFileText";
import { useBackOfficeApi } from "../shared/backOfficeApi";
import { parseCountCsv, parseCountQuantity } from "./countCsv";
import { StockFilters, StockTable } from "./StockFilters";
import { INVENTORY_PATH, type StockQueryState, useStockPage } from "./useStockPage";

type Entry = { name: string; value: string };

/**
 * "Ajuste de inventario" (counted quantities, typed or from a CSV file) and "Traslado" (quantities
 * to move): the source warehouse's stock list with an input per product; what was typed is kept
 * across searches and pages and saved in one request (all or nothing on the server).
 */
export function StockEditor({ mode, warehouses }: { mode: "adjust" | "transfer"; warehouses: readonly Warehouse[] }) {
  const { t } = useI18n();
  const api = useBackOfficeApi();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [entries, setEntries] = useState<Map<string, Entry>>(new Map());
  const [query, setQuery] = useState<StockQueryState>({ q: "", warehouseId: "", filter: "all", offset: 0 });
  const [reload, setReload] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const { page } = useStockPage({ ...query, warehouseId: from }, reload);
  const active = warehouses.filter((w) => w.active);

  function setEntry(item: StockItem, value: string) {
    const next = new Map(entries);
    if (value.trim() === "") next.delete(item.productId);
    else next.set(item.productId, { name: item.productName, value });
    setEntries(next);
  }

  async function loadCsv(file: File) {
    setMessage(null);
    const { text } = await readCsvFile(file);
    const rows = parseCountCsv(text);
    if (!rows) return setMessage({ ok: false, text: t("inv.csvHelp") });
    // Every tracked product of the warehouse, to find each line's reference or barcode.
    const all: StockItem[] = [];
    for (let offset = 0; ; offset += 500) {
      const answer = await api.send(
        stockListSchema,
        "stock",
        "GET",
        `/api/inventory/stock?warehouseId=${from}&limit=500&offset=${offset}`,
      );
      all.push(...answer.items);
      if (answer.items.length < 500) break;
    }
    const next = new Map(entries);
    const problems: string[] = [];
    for (const row of rows) {
      const item = all.find((i) => i.reference === row.code || i.barcode === row.code);
      if (!item) problems.push(t("inv.csvUnknown", { line: row.line, code: row.code }));
      else if (row.quantity === null) problems.push(t("inv.csvBadQuantity", { line: row.line, value: row.raw }));
      else next.set(item.productId, { name: item.productName, value: String(row.quantity) });
    }
    setEntries(next);
    if (problems.length > 0) setMessage({ ok: false, text: problems.join(" ") });
  }

  async function save() {
    setBusy(true);
    setMessage(null);
    try {
      const lines = [...entries].map(([productId, e]) => ({ productId, q: parseCountQuantity(e.value) ?? Number.NaN }));
      let count: number;
      if (mode === "adjust") {
        const body = { warehouseId: from, reason, lines: lines.map((l) => ({ productId: l.productId, counted: l.q })) };
        const answer = await api.send(
          stockAdjustmentResultSchema,
          "adjustment",
          "POST",
          "/api/inventory/adjustments",
          body,
        );
        count = answer.lines.length;
      } else {
        const body = {
          fromWarehouseId: from,
          toWarehouseId: to,
          reason,
          lines: lines.map((l) => ({ productId: l.productId, quantity: l.q })),
        };
        const answer = await api.send(stockTransferResultSchema, "transfer", "POST", "/api/inventory/transfers", body);
        count = answer.moved;
      }
      setEntries(new Map());
      setReload((n) => n + 1);
      setMessage({ ok: true, text: t("inv.saved", { count }) });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  }

  const warehouseSelect = (label: string, value: string, onChange: (id: string) => void) => (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("inv.choose")}</option>
        {active.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="bo-page" aria-labelledby="inv-editor-title">
      <div className="bo-page__head">
        <h1 id="inv-editor-title">{t(mode === "adjust" ? "inv.adjust" : "inv.transfer")}</h1>
        <div className="bo-page__tools">
          <button type="button" className="button" onClick={() => goTo(INVENTORY_PATH)}>
            {t("inv.back")}
          </button>
        </div>
      </div>
      <div className="bo-filters">
        {warehouseSelect(t(mode === "adjust" ? "inv.warehouse" : "inv.from"), from, (id) => {
          setFrom(id);
          setEntries(new Map());
        })}
        {mode === "transfer" && warehouseSelect(t("inv.to"), to, setTo)}
        <label className="field field--grow">
          <span>{t("inv.reason")}</span>
          <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
        </label>
        {mode === "adjust" && from && (
          <label className="field">
            <span>{t("inv.csv")}</span>
            <input
              type="file"
              accept=".csv,text/csv"
              title={t("inv.csvHelp")}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void loadCsv(file);
              }}
            />
          </label>
        )}
      </div>
      {message && (
        <p className={message.ok ? "message message--success" : "message message--error"} role="alert">
          {message.text}
        </p>
      )}
      {entries.size > 0 && (
        <p>
          {t("inv.pending", { count: entries.size })}:{" "}
          {[...entries.values()].map((e) => `${e.name} (${e.value})`).join(", ")}
        </p>
      )}
      <button
        type="button"
        className="button button--primary"
        disabled={busy || entries.size === 0 || !from || (mode === "transfer" && !to)}
        onClick={() => void save()}
      >
        {busy ? t("inv.saving") : t("inv.save")}
      </button>
      {from && (
        <>
          <StockFilters
            query={query}
            onChange={(next) => setQuery({ ...query, ...next })}
            warehouses={warehouses}
            fixedWarehouse
          />
          <StockTable
            page={page}
            offset={query.offset}
            onOffset={(offset) => setQuery({ ...query, offset })}
            extraLabel={t(mode === "adjust" ? "inv.counted" : "inv.toMove")}
            extra={(item) => (
              <input
                className="inv-input"
                inputMode="decimal"
                aria-label={`${t(mode === "adjust" ? "inv.counted" : "inv.toMove")} ${item.productName}`}
                value={entries.get(item.productId)?.value ?? ""}
                onChange={(e) => setEntry(item, e.target.value)}
              />
            )}
          />
        </>
      )}
    </section>
  );
}
