import { MAX_MONEY } from "@mostrador/domain";

/**
 * Cell values of the CSV files as people and spreadsheets write them, both ways: prices with
 * thousands separators and either decimal mark, yes/no in Spanish or English, document types by
 * code or by name, and the guard against spreadsheet formulas.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/**
 * Pesos → centavos. "12500", "12.500", "12,500", "$ 12.500,50", "12500.5", "1.234.567" all read as
 * people mean them: with both marks the last one is the decimal mark; one mark followed by exactly
 * three digits is a thousands separator (Colombian prices have no thousandths); otherwise decimal.
 */
export function parsePrice(text: string): Parsed<number> {
  const s = text.replace(/[\s$\u00a0]|COP/gi, "");
  if (!s) return fail("is empty");
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s))
    return fail(`"${text}" is in scientific notation: format the column as a number in the spreadsheet`);
  if (!/^\d[\d.,]*$/.test(s) || /[.,]$/.test(s)) return fail(`"${text}" is not a price`);
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let integer: string;
  let decimals = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const mark = lastDot > lastComma ? "." : ",";
    const at = Math.max(lastDot, lastComma);
    integer = s.slice(0, at).replace(/[.,]/g, "");
    decimals = s.slice(at + 1);
    if (s.slice(0, at).includes(mark)) return fail(`"${text}" is not a price`);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? "." : ",";
    const parts = s.split(mark);
    const thousands = parts.length > 2 || parts[1]?.length === 3;
    if (thousands) {
      if (parts.slice(1).some((p) => p.length !== 3)) return fail(`"${text}" is not a price`);
      integer = parts.join("");
    } else {
      integer = parts[0] ?? "";
      decimals = parts[1] ?? "";
    }
  } else integer = s;
  if (decimals.length > 2) return fail(`"${text}" has more than two decimals`);
  const centavos = Number(integer) * 100 + Number(decimals.padEnd(2, "0"));
  if (!Number.isSafeInteger(centavos) || centavos > MAX_MONEY) return fail(`"${text}" is too large`);
  return ok(centavos);
}

/** Centavos → pesos as parsePrice reads them back: "12500" or, with centavos, "12500,50" / "12500.50". */
export function formatPrice(centavos: number, decimalMark: "," | "."): string {
  const pesos = Math.floor(centavos / 100);
  const cents = centavos % 100;
  return cents === 0 ? String(pesos) : `${pesos}${decimalMark}${String(cents).padStart(2, "0")}`;
}

const YES = new Set(["si", "s", "yes", "y", "true", "verdadero", "1", "x", "activo", "active"]);
const NO = new Set(["no", "n", "false", "falso", "0", "inactivo", "inactive"]);

/** "Sí", "si", "yes", "1", "x" → true; "No", "false", "0" → false. */
export function parseYesNo(text: string): Parsed<boolean> {
  const s = text.normalize("NFD").replace(/\p{M}/gu, "").trim().toLowerCase();
  if (YES.has(s)) return ok(true);
  if (NO.has(s)) return ok(false);
  return fail(`"${text}" is not yes or no (Sí/No)`);
}

export const formatYesNo = (value: boolean) => (value ? "Sí" : "No");

const ID_TYPES: Record<string, "CC" | "NIT" | "CE" | "PAS" | "TI"> = {
  cc: "CC",
  "cedula de ciudadania": "CC",
  cedula: "CC",
  nit: "NIT",
  ce: "CE",
  "cedula de extranjeria": "CE",
  pas: "PAS",
  pa: "PAS",
  pp: "PAS",
  pasaporte: "PAS",
  passport: "PAS",
  ti: "TI",
  "tarjeta de identidad": "TI",
};

/** "CC", "Cédula de ciudadanía", "NIT", "Pasaporte"… → the code. */
export function parseIdType(text: string): Parsed<"CC" | "NIT" | "CE" | "PAS" | "TI"> {
  const key = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
  const code = ID_TYPES[key];
  return code ? ok(code) : fail(`"${text}" is not a document type (CC, NIT, CE, PAS, TI)`);
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @ first) is written with a leading
 * apostrophe, which spreadsheets show as text (CSV injection); the import takes it off again, so
 * an export imports back unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const protectCell = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);
export const unprotectCell = (text: string) =>
  text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;

export interface TaxSpec {
  kind: "IVA" | "INC" | "EXENTO" | null;
  rateBp: number | null;
}

/** "IVA 19", "19%", "19 %", "INC 8%", "Exento", "5" → kind and/or rate; null when nothing is recognizable. */
export function parseTaxSpec(text: string): TaxSpec | null {
  const s = text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  if (/^(exento|excluido|exempt|sin iva|no aplica)$/.test(s)) return { kind: "EXENTO", rateBp: 0 };
  const m = /^(iva|inc|impoconsumo)?\s*(\d{1,3}(?:[.,]\d{1,2})?)\s*%?$/.exec(s);
  if (!m) return null;
  const kind = m[1] === "iva" ? "IVA" : m[1] ? "INC" : null;
  const rateBp = Math.round(Number((m[2] ?? "").replace(",", ".")) * 100);
  if (rateBp > 10_000) return null;
  return { kind, rateBp };
}
