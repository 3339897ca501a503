import type { ProductReport, SalesGroupReport, SalesList, SalesTotals, TaxReport } from "@mostrador/domain";
import Papa from "papaparse";
import { formatPrice, protectCell } from "../catalogImport/csvValues";

export type CsvDelimiter = "semicolon" | "comma";

/**
 * A CSV file a spreadsheet opens with accents intact: UTF-8 with BOM, CRLF, cells that could be
 * read as formulas protected, money in pesos with the decimal mark that goes with the delimiter
 * (`;` → "1500,50"), as the catalog export writes them.
 */
export function csvFile(headers: string[], rows: (string | number)[][], delimiter: CsvDelimiter): string {
  const data = rows.map((r) => r.map((c) => (typeof c === "number" ? String(c) : protectCell(c))));
  const csv = Papa.unparse(
    { fields: headers, data },
    { delimiter: delimiter === "semicolon" ? ";" : ",", newline: "\r\n", quotes: false, escapeFormulae: false },
  );
  return `\uFEFF${csv}\r\n`;
}

const moneyCell = (delimiter: CsvDelimiter) => (centavos: number) =>
  (centavos < 0 ? "-" : "") + formatPrice(Math.abs(centavos), delimiter === "semicolon" ? "," : ".");
const quantityCell = (delimiter: CsvDelimiter) => (q: number) =>
  delimiter === "semicolon" ? String(q).replace(".", ",") : String(q);

const TOTALS_HEADERS = [
  "Facturas",
  "Ventas brutas",
  "Descuentos",
  "Devoluciones",
  "Ventas netas",
  "Impuestos",
  "Total",
  "Ticket promedio",
  "Notas crédito",
  "Anuladas",
  "Total anulado",
];
function totalsCells(t: SalesTotals, money: (c: number) => string) {
  return [
    t.invoiceCount,
    money(t.grossSales),
    money(t.discounts),
    money(t.returns),
    money(t.netSales),
    money(t.tax),
    money(t.total),
    money(t.averageTicket),
    t.returnCount,
    t.voidCount,
    money(t.voidTotal),
  ];
}

/** "Por caja" / "Por cajero": one row per terminal or cashier and the period's total. */
export function salesGroupCsv(report: SalesGroupReport, by: "terminal" | "cashier", delimiter: CsvDelimiter) {
  const money = moneyCell(delimiter);
  return csvFile(
    [by === "terminal" ? "Caja" : "Cajero", ...TOTALS_HEADERS],
    [...report.rows.map((r) => [r.name, ...totalsCells(r, money)]), ["Total", ...totalsCells(report.totals, money)]],
    delimiter,
  );
}

export function productCsv(report: ProductReport, delimiter: CsvDelimiter) {
  const money = moneyCell(delimiter);
  const qty = quantityCell(delimiter);
  return csvFile(
    ["Producto", "Cantidad", "Cantidad devuelta", "Ventas netas", "Total con impuestos"],
    report.rows.map((r) => [r.name, qty(r.quantity), qty(r.returnedQuantity), money(r.netSales), money(r.total)]),
    delimiter,
  );
}

export function taxCsv(report: TaxReport, delimiter: CsvDelimiter) {
  const money = moneyCell(delimiter);
  return csvFile(
    [
      "Impuesto",
      "Tipo",
      "Tarifa %",
      "Base vendida",
      "Impuesto vendido",
      "Base devuelta",
      "Impuesto devuelto",
      "Base",
      "Valor del impuesto",
    ],
    [
      ...report.rows.map((r) => [
        r.name,
        r.kind,
        quantityCell(delimiter)(r.rateBp / 100),
        money(r.soldBase),
        money(r.soldTax),
        money(r.returnedBase),
        money(r.returnedTax),
        money(r.base),
        money(r.tax),
      ]),
      ["Total", "", "", "", "", "", "", money(report.totals.base), money(report.totals.tax)],
    ],
    delimiter,
  );
}

const STATUS_ES: Record<string, string> = { accepted: "Aceptada", rejected: "Con error", voided: "Anulada" };

/** "Ventas": the filtered invoices, with the local date and time of the shop. */
export function salesListCsv(list: SalesList, delimiter: CsvDelimiter) {
  const money = moneyCell(delimiter);
  const when = new Intl.DateTimeFormat("sv-SE", {
    timeZone: list.range.timeZone,
    dateStyle: "short",
    timeStyle: "short",
  });
  return csvFile(
    ["Fecha", "Número", "Estado", "Caja", "Cajero", "Cliente", "Medios de pago", "Total"],
    list.items.map((i) => [
      when.format(new Date(i.issuedAt)),
      `${i.prefix}-${i.number ?? ""}`,
      STATUS_ES[i.status] ?? i.status,
      i.terminalName,
      i.cashierName,
      i.clientName,
      i.paymentMethods.join(" + "),
      money(i.total),
    ]),
    delimiter,
  );
}
