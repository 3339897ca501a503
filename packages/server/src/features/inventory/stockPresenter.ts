import { type KardexMovement, type StockItem, type StockMovementKind, stockLevelOf } from "@mostrador/domain";
import Papa from "papaparse";
import { protectCell } from "../catalogImport/csvValues";

type Row = Record<string, unknown>;
const units = (milli: unknown) => Number(milli) / 1000;
const unitsOrNull = (milli: unknown) => (milli === null || milli === undefined ? null : units(milli));
const intOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function presentStockItem(r: Row): StockItem {
  const quantity = units(r.quantity);
  const minStock = unitsOrNull(r.min_stock);
  return {
    productId: String(r.product_id),
    productName: String(r.name),
    reference: String(r.reference ?? ""),
    barcode: r.barcode === null || r.barcode === undefined ? null : String(r.barcode),
    warehouseId: String(r.warehouse_id),
    warehouseName: String(r.warehouse_name),
    quantity,
    minStock,
    unitCost: intOrNull(r.unit_cost),
    level: stockLevelOf(quantity, minStock),
  };
}

export function presentKardexMovement(r: Row): KardexMovement {
  const unitCost = intOrNull(r.unit_cost);
  const quantity = units(r.quantity);
  return {
    id: Number(r.id),
    at: iso(r.at),
    kind: r.kind as StockMovementKind,
    warehouseId: String(r.warehouse_id),
    warehouseName: String(r.warehouse_name),
    quantity,
    balance: units(r.balance),
    documentId: String(r.document_id),
    documentNumber: r.document_number === null || r.document_number === undefined ? null : String(r.document_number),
    reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
    userName: r.user_name === null || r.user_name === undefined ? null : String(r.user_name),
    unitCost,
    value: unitCost === null ? null : Math.round(quantity * unitCost),
  };
}

const levelNames = { ok: "OK", low: "Bajo mínimo", zero: "Agotado", negative: "Negativo" } as const;
const decimal = (n: number | null) => (n === null ? "" : String(n).replace(".", ","));

/** The stock list as a CSV file a spreadsheet opens (UTF-8 with BOM, ';', decimal comma, Spanish headers). */
export function stockCsv(items: StockItem[]): string {
  const csv = Papa.unparse(
    {
      fields: [
        "Producto",
        "Referencia",
        "Código de barras",
        "Bodega",
        "Existencia",
        "Mínimo",
        "Costo unitario",
        "Estado",
      ],
      data: items.map((i) =>
        [
          i.productName,
          i.reference,
          i.barcode ?? "",
          i.warehouseName,
          decimal(i.quantity),
          decimal(i.minStock),
          i.unitCost === null ? "" : decimal(i.unitCost / 100),
          levelNames[i.level],
        ].map(protectCell),
      ),
    },
    { delimiter: ";", newline: "\r\n", quotes: false, escapeFormulae: false },
  );
  return `\uFEFF${csv}\r\n`;
}
