import { type ImportEntity, type ImportError, type ImportReport, MAX_IMPORT_ROWS } from "@mostrador/domain";
import Papa from "papaparse";
import { ApiError } from "../../http/apiError";
import { columnRules, fieldOfHeader } from "./csvColumns";
import { unprotectCell } from "./csvValues";

/** One data row: its spreadsheet line and its cells by import field (trimmed; only mapped columns). */
export interface CsvRecord {
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  columns: ImportReport["columns"];
  preview: ImportReport["preview"];
  records: CsvRecord[];
  /** Problems of the file as a whole (line 1); when any, rows are not checked one by one. */
  fileErrors: ImportError[];
  /** Problems of the text of one line (unterminated quotes, extra cells). */
  lineErrors: ImportError[];
}

const PREVIEW_ROWS = 5;

/** The delimiter is the one the header line uses most (a header never holds a price like "1.500,50"). */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ",";
  let bestCount = 0;
  for (const d of [";", ",", "\t", "|"]) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Reads the CSV text (a leading BOM ignored; `;`, `,`, tab or `|` separated) into mapped records.
 * Text that is not a CSV file at all is refused with 400; everything else is reported by line.
 */
export function readCsvTable(entity: ImportEntity, csv: string): CsvTable {
  const text = csv.replace(/^\uFEFF/, "");
  if (text.includes("\u0000"))
    throw new ApiError(400, "VALIDATION_FAILED", "the file is not a CSV text file (it holds binary data)");
  if (!text.trim()) throw new ApiError(400, "VALIDATION_FAILED", "the CSV file is empty");

  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  const [headerRow = [], ...rows] = parsed.data;
  const headers = headerRow.map((h) => h.trim());
  const fields = headers.map((h) => fieldOfHeader(entity, h));

  const fileErrors: ImportError[] = [];
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (!field) return;
    if (seen.has(field)) {
      fileErrors.push({
        line: 1,
        field,
        code: "DUPLICATE_COLUMN",
        message: `column "${headers[i]}" appears twice`,
      });
      fields[i] = null;
    }
    seen.add(field);
  });
  const rules = columnRules[entity];
  for (const group of rules.exclusive) {
    const present = group.filter((f) => seen.has(f));
    if (present.length > 1)
      fileErrors.push({
        line: 1,
        field: present[1] ?? null,
        code: "DUPLICATE_COLUMN",
        message: `state the price in one column only (${present.join(", ")})`,
      });
  }
  for (const need of rules.required) {
    const options = Array.isArray(need) ? need : [need];
    if (!options.some((f) => seen.has(f)))
      fileErrors.push({
        line: 1,
        field: options[0] ?? null,
        code: "MISSING_COLUMN",
        message: `the file has no column for ${options.join(" / ")}`,
      });
  }

  const lineErrors: ImportError[] = [];
  const badLines = new Set<number>();
  for (const e of parsed.errors) {
    const line = (e.row ?? 0) + 1;
    if (badLines.has(line)) continue;
    badLines.add(line);
    lineErrors.push({ line, field: null, code: "INVALID_VALUE", message: `the line is not valid CSV: ${e.message}` });
  }

  const records: CsvRecord[] = [];
  const preview: ImportReport["preview"] = [];
  rows.forEach((row, i) => {
    const line = i + 2;
    if (row.every((c) => c.trim() === "")) return; // blank lines (and the final line break) are not rows
    if (preview.length < PREVIEW_ROWS)
      preview.push(Object.fromEntries(headers.map((h, c) => [h || `#${c + 1}`, row[c] ?? ""])));
    const extra = row.slice(headers.length).some((c) => c.trim() !== "");
    if (extra && !badLines.has(line)) {
      badLines.add(line);
      lineErrors.push({
        line,
        field: null,
        code: "INVALID_VALUE",
        message: `the line has ${row.length} cells but the header has ${headers.length}`,
      });
    }
    if (badLines.has(line)) {
      records.push({ line, cells: {} }); // counted as a row, never written
      return;
    }
    const cells: Record<string, string> = {};
    fields.forEach((field, c) => {
      if (field) cells[field] = unprotectCell((row[c] ?? "").trim());
    });
    records.push({ line, cells });
  });

  if (records.length === 0)
    fileErrors.push({ line: 1, field: null, code: "NO_ROWS", message: "the file has a header but no data rows" });
  if (records.length > MAX_IMPORT_ROWS)
    fileErrors.push({
      line: 1,
      field: null,
      code: "TOO_MANY_ROWS",
      message: `the file has ${records.length} rows; import at most ${MAX_IMPORT_ROWS} at a time`,
    });

  return {
    columns: headers.map((header, i) => ({ header, field: fields[i] ?? null })),
    preview,
    records,
    fileErrors,
    lineErrors,
  };
}

/** The key of a row seen on an earlier line: "also on line 12". */
export class FirstLineOf {
  private readonly lines = new Map<string, number>();
  /** The earlier line with this key, or null (and the key is remembered for this line). */
  claim(key: string, line: number): number | null {
    const earlier = this.lines.get(key);
    if (earlier !== undefined) return earlier;
    this.lines.set(key, line);
    return null;
  }
}
