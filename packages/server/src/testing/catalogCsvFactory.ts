/** CSV files for the import suites and the import benchmark, made row by row (no copied fixtures). */

export interface ProductCsvRow {
  name: string;
  reference: string;
  barcode: string;
  category: string;
  price: string;
  tax: string;
  trackStock: string;
}

/** Row i of a generated products file: unique reference and barcode, a demo category and tax. */
export function productCsvRow(i: number, prefix = "IMP"): ProductCsvRow {
  return {
    name: `Producto importado ${i}`,
    reference: `${prefix}-${i}`,
    barcode: String(7_790_000_000_000 + i), // beyond the demo catalog's 770… codes
    category: ["Bebidas", "abarrotes", "ASEO", "Panaderia"][i % 4] as string,
    price: ["1.500", "12500", "3.990,50", "$ 7.800"][i % 4] as string,
    tax: ["IVA 19", "19%", "Exento", "iva 5%"][i % 4] as string,
    trackStock: ["Sí", "no", "si", "No"][i % 4] as string,
  };
}

/** A products file with Spanish headers; `delimiter` and `bom` as spreadsheets write them. */
export function productsCsv(
  rows: ProductCsvRow[],
  { delimiter = ";", bom = false }: { delimiter?: string; bom?: boolean } = {},
): string {
  const header = ["Nombre", "Referencia", "Código de barras", "Categoría", "Precio", "Impuesto", "Controla inventario"];
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [
    header,
    ...rows.map((r) => [r.name, r.reference, r.barcode, r.category, r.price, r.tax, r.trackStock]),
  ];
  return `${bom ? "\uFEFF" : ""}${lines.map((l) => l.map(quote).join(delimiter)).join("\r\n")}\r\n`;
}

/** n generated product rows, numbered from 1. */
export const productRows = (n: number, prefix?: string) =>
  Array.from({ length: n }, (_, i) => productCsvRow(i + 1, prefix));
