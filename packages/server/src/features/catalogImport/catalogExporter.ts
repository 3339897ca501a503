import type { ExportDelimiter, ImportEntity } from "@mostrador/domain";
import Papa from "papaparse";
import type { Queryable } from "../../db/database";
import { exportHeaders } from "./csvColumns";
import { formatPrice, formatYesNo, protectCell } from "./csvValues";

type Row = Record<string, unknown>;

/** The cells of one stored row, in exportHeaders' order, as the import reads them back. */
const cellWriters: Record<ImportEntity, (row: Row, decimalMark: "," | ".") => Record<string, string>> = {
  products: (r, decimalMark) => ({
    name: String(r.name),
    reference: String(r.reference ?? ""),
    barcode: String(r.barcode ?? ""),
    category: String(r.category_name ?? ""),
    price: formatPrice(Number(r.price), decimalMark),
    priceIncludesTax: formatYesNo(Boolean(r.price_includes_tax)),
    tax: String(r.tax_name),
    active: formatYesNo(Boolean(r.active)),
    trackStock: formatYesNo(Boolean(r.track_stock)),
  }),
  clients: (r) => ({
    idType: String(r.id_type),
    idNumber: String(r.id_number),
    name: String(r.name),
    email: String(r.email ?? ""),
    phone: String(r.phone ?? ""),
    address: String(r.address ?? ""),
    active: formatYesNo(Boolean(r.active)),
  }),
};

const queries: Record<ImportEntity, string> = {
  products: `SELECT p.*, c.name AS category_name, t.name AS tax_name
             FROM products p
             JOIN taxes t ON t.company_id = p.company_id AND t.id = p.tax_id
             LEFT JOIN categories c ON c.company_id = p.company_id AND c.id = p.category_id
             WHERE p.company_id = $1 ORDER BY p.name, p.id`,
  clients: "SELECT * FROM clients WHERE company_id = $1 ORDER BY name, id",
};

/**
 * Every product or client of the company as a CSV file a spreadsheet opens with accents intact
 * (UTF-8 with BOM, CRLF) and the import reads back unchanged: Spanish headers, prices in pesos
 * with the decimal mark that goes with the delimiter (`;` → "1500,50", `,` → "1500.50"), Sí/No.
 */
export async function exportCatalog(
  q: Queryable,
  entity: ImportEntity,
  companyId: string,
  delimiter: ExportDelimiter,
): Promise<string> {
  const rows = await q.query(queries[entity], [companyId]);
  const decimalMark = delimiter === "semicolon" ? "," : ".";
  const columns = exportHeaders[entity];
  const write = cellWriters[entity];
  const data = rows.map((row) => {
    const cells = write(row, decimalMark);
    return columns.map(([field]) => protectCell(cells[field] ?? ""));
  });
  const csv = Papa.unparse(
    { fields: columns.map(([, header]) => header), data },
    { delimiter: delimiter === "semicolon" ? ";" : ",", newline: "\r\n", quotes: false, escapeFormulae: false },
  );
  return `\uFEFF${csv}\r\n`;
}
