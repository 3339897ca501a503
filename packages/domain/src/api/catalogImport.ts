import { z } from "zod";

/**
 * CSV import and export of products and clients (`POST /api/{products|clients}/import`,
 * `GET /api/{products|clients}/export`). The same report answers a preview (`commit: false`),
 * a commit, and rides in `details` of the 400 IMPORT_INVALID that refuses a commit with errors.
 */

export const importEntitySchema = z.enum(["products", "clients"]);
export type ImportEntity = z.infer<typeof importEntitySchema>;

/** The largest CSV text accepted (characters); the route's body limit is a little above it. */
export const MAX_IMPORT_CSV_CHARS = 16 * 1024 * 1024;
/** Data rows one import may carry. */
export const MAX_IMPORT_ROWS = 50_000;

export const catalogImportRequestSchema = z.strictObject({
  csv: z.string().max(MAX_IMPORT_CSV_CHARS, { message: "the CSV file is larger than 16 MB" }),
  commit: z.boolean(),
  /**
   * With `commit`: write the valid rows and leave the rows with errors out (the owner saw them in
   * the preview and chose "Importar solo las filas válidas"). A file-level problem still refuses all.
   */
  skipInvalid: z.boolean().default(false),
});
export type CatalogImportRequest = z.infer<typeof catalogImportRequestSchema>;

/**
 * Why a line was refused. The web shows its own text per code (es/en); `message` is the
 * server's English explanation (with the offending value), shown when a code is not known.
 */
export const importErrorCodes = [
  /** A file-level problem (line 1): a required column is missing, a column appears twice, no data rows. */
  "MISSING_COLUMN",
  "DUPLICATE_COLUMN",
  "NO_ROWS",
  "TOO_MANY_ROWS",
  /** A cell: required and empty, or a value that does not parse (price, yes/no, id type). */
  "REQUIRED",
  "INVALID_VALUE",
  /** A category or tax named in the row does not exist (or the name fits several). */
  "UNKNOWN_REFERENCE",
  "AMBIGUOUS_REFERENCE",
  /** The key (reference, barcode, id type + number) is on an earlier line of the file. */
  "DUPLICATE_IN_FILE",
  /** The barcode belongs to another product already stored. */
  "DUPLICATE_IN_DATABASE",
] as const;
export const importErrorCodeSchema = z.enum(importErrorCodes);
export type ImportErrorCode = z.infer<typeof importErrorCodeSchema>;

export const importErrorSchema = z.object({
  /** Spreadsheet row: the header is line 1, the first data row line 2. */
  line: z.number().int().min(1),
  /** The field of the import (name, price, tax, idNumber…), null for the whole line or file. */
  field: z.string().nullable(),
  code: importErrorCodeSchema,
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importReportSchema = z.object({
  /** Each header of the file and the field it was mapped to (null: not recognized, ignored). */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  /** Data rows read (blank lines skipped). */
  rows: z.number().int().min(0),
  /** The first 5 data rows as the file has them, header → cell text. */
  preview: z.array(z.record(z.string(), z.string())),
  creates: z.number().int().min(0),
  updates: z.number().int().min(0),
  /** Rows that match a stored record with the same values: nothing to write. */
  unchanged: z.number().int().min(0),
  /** At most 1,000 listed, by line; `errorCount` is the whole count. */
  errors: z.array(importErrorSchema),
  errorCount: z.number().int().min(0),
  /** Data lines with errors (each may have several): what `skipInvalid` leaves out. */
  invalidRows: z.number().int().min(0),
  committed: z.boolean(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const exportDelimiterSchema = z.enum(["semicolon", "comma"]);
export type ExportDelimiter = z.infer<typeof exportDelimiterSchema>;
export const catalogExportQuerySchema = z.strictObject({ delimiter: exportDelimiterSchema.default("semicolon") });
/** The export's answer as the web reads it: the CSV text (JSON is never a CSV file's first line). */
export const catalogExportCsvSchema = z.string().describe("text/csv; charset=utf-8, UTF-8 with BOM");
