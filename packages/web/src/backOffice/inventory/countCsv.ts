/** A counted-stock CSV ("Ajuste de inventario" by file): a code column (reference or barcode) and a quantity. */
export interface CountCsvRow {
  line: number;
  code: string;
  quantity: number | null;
  raw: string;
}

const CODE = /ref|c[oó]digo|barra|barcode|code|sku/i;
const QUANTITY = /cant|contad|existencia|quantity|count|stock/i;

/** "12", "12,5", "12.5", "1.234,5": quantities as people type them (three decimals at most). */
export function parseCountQuantity(text: string): number | null {
  let s = text.trim().replace(/\s/g, "");
  if (!s) return null;
  if (s.includes(",") && s.includes(".")) s = s.replace(/\./g, "").replace(",", ".");
  else s = s.replace(",", ".");
  if (!/^\d+(\.\d{1,3})?$/.test(s)) return null;
  return Number(s);
}

/** Rows of the file; the header names the columns (Spanish or English), `;`, `,` or tab separated. */
export function parseCountCsv(text: string): CountCsvRow[] | null {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = lines[0] ?? "";
  const delimiter = [";", "\t", ","].find((d) => header.includes(d)) ?? ";";
  const cells = (line: string) => line.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
  const names = cells(header);
  const codeAt = names.findIndex((n) => CODE.test(n));
  const quantityAt = names.findIndex((n) => QUANTITY.test(n));
  if (codeAt < 0 || quantityAt < 0) return null;
  return lines.slice(1).flatMap((line, i) => {
    if (!line.trim()) return [];
    const row = cells(line);
    const raw = row[quantityAt] ?? "";
    return [{ line: i + 2, code: row[codeAt] ?? "", quantity: parseCountQuantity(raw), raw }];
  });
}
