import { randomUUID } from "node:crypto";
import { type ImportError, productInputSchema } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { productsResource } from "../catalog/resourceDefinitions";
import { presentRow } from "../catalog/resourceStore";
import type { CsvRecord } from "./csvTable";
import { FirstLineOf } from "./csvTable";
import { parsePrice, parseTaxSpec, parseYesNo } from "./csvValues";
import {
  emptyPlan,
  groupBy,
  type ImportPlan,
  inputOf,
  nameKey,
  sameValues,
  schemaErrors,
  withoutReported,
} from "./importPlan";

interface TaxRow {
  id: string;
  name: string;
  kind: string;
  rate_bp: number;
  active: boolean;
}
interface NamedRow {
  id: string;
  name: string;
  active: boolean;
}
type Stored = Record<string, unknown> & { id: string };

/** Everything a products file is checked against, read once per import. */
async function loadProductContext(q: Queryable, companyId: string) {
  // One after another: inside the commit's transaction they share one connection.
  const taxes = await q.query<TaxRow>("SELECT id, name, kind, rate_bp, active FROM taxes WHERE company_id = $1", [
    companyId,
  ]);
  const categories = await q.query<NamedRow>("SELECT id, name, active FROM categories WHERE company_id = $1", [
    companyId,
  ]);
  const products = await q.query("SELECT * FROM products WHERE company_id = $1", [companyId]);
  const stored = products.map((r) => presentRow(productsResource, r) as Stored);
  return {
    taxes,
    taxesByName: groupBy(taxes, (t) => nameKey(t.name)),
    categoriesByName: groupBy(categories, (c) => nameKey(c.name)),
    byReference: groupBy(stored, (p) => (p.reference ? String(p.reference) : null)),
    byBarcode: groupBy(stored, (p) => (p.barcode ? String(p.barcode) : null)),
    // Products with neither reference nor barcode are known by name only (so their export imports back unchanged).
    unkeyedByName: groupBy(stored, (p) => (p.reference || p.barcode ? null : nameKey(String(p.name)))),
  };
}
type ProductContext = Awaited<ReturnType<typeof loadProductContext>>;

/** Several candidates: the active ones decide; still several is ambiguous. */
function pickOne<T extends { active: boolean }>(rows: T[]): T[] {
  const active = rows.filter((r) => r.active);
  return active.length > 0 ? active : rows;
}

type Resolved = { id: string } | { error: Omit<ImportError, "line"> };

/** "IVA 19%" (a tax's name), "IVA 19", "19%", "Exento", "INC 8" → the tax. */
function resolveTax(ctx: ProductContext, text: string): Resolved {
  const field = "tax";
  let candidates = ctx.taxesByName.get(nameKey(text)) ?? [];
  if (candidates.length === 0) {
    const spec = parseTaxSpec(text);
    if (spec)
      candidates = ctx.taxes.filter((t) => t.rate_bp === spec.rateBp && (spec.kind === null || t.kind === spec.kind));
    // A bare rate ("19%") means IVA when an IVA and another kind share it.
    if (spec?.kind === null && candidates.some((t) => t.kind === "IVA"))
      candidates = candidates.filter((t) => t.kind === "IVA");
  }
  candidates = pickOne(candidates);
  if (candidates.length === 1 && candidates[0]) return { id: candidates[0].id };
  if (candidates.length === 0)
    return {
      error: { field, code: "UNKNOWN_REFERENCE", message: `no tax "${text}" (write its name or rate, e.g. "IVA 19")` },
    };
  return {
    error: {
      field,
      code: "AMBIGUOUS_REFERENCE",
      message: `"${text}" fits several taxes (${candidates.map((t) => t.name).join(", ")}): write the tax's name`,
    },
  };
}

function resolveCategory(ctx: ProductContext, text: string): Resolved {
  const candidates = pickOne(ctx.categoriesByName.get(nameKey(text)) ?? []);
  if (candidates.length === 1 && candidates[0]) return { id: candidates[0].id };
  if (candidates.length === 0)
    return {
      error: { field: "category", code: "UNKNOWN_REFERENCE", message: `no category "${text}": create it first` },
    };
  return {
    error: { field: "category", code: "AMBIGUOUS_REFERENCE", message: `several categories are named "${text}"` },
  };
}

/** The cells of one row as product input fields; empty cells of required fields are left out (kept on update). */
function readCells(ctx: ProductContext, cells: Record<string, string>) {
  const values: Record<string, unknown> = {};
  const errors: Omit<ImportError, "line">[] = [];
  const given = (f: string) => cells[f] !== undefined && cells[f] !== "";
  if (given("name")) values.name = cells.name;
  if (cells.reference !== undefined) values.reference = cells.reference;
  if (cells.barcode !== undefined) {
    const barcode = cells.barcode;
    if (/^\d(\.\d+)?e\+?\d+$/i.test(barcode))
      errors.push({
        field: "barcode",
        code: "INVALID_VALUE",
        message: `"${barcode}" is in scientific notation: format the column as text in the spreadsheet`,
      });
    else values.barcode = barcode || null;
  }
  if (cells.category !== undefined) {
    if (!cells.category) values.categoryId = null;
    else {
      const r = resolveCategory(ctx, cells.category);
      if ("id" in r) values.categoryId = r.id;
      else errors.push(r.error);
    }
  }
  if (given("tax")) {
    const r = resolveTax(ctx, cells.tax ?? "");
    if ("id" in r) values.taxId = r.id;
    else errors.push(r.error);
  }
  for (const [field, includesTax] of [
    ["price", undefined],
    ["priceWithTax", true],
    ["priceWithoutTax", false],
  ] as const) {
    if (!given(field)) continue;
    const p = parsePrice(cells[field] ?? "");
    if (p.ok) values.price = p.value;
    else errors.push({ field, code: "INVALID_VALUE", message: `price ${p.message}` });
    if (includesTax !== undefined) values.priceIncludesTax = includesTax;
  }
  for (const field of ["priceIncludesTax", "active", "trackStock"] as const) {
    if (!given(field)) continue;
    const b = parseYesNo(cells[field] ?? "");
    if (b.ok) values[field] = b.value;
    else errors.push({ field, code: "INVALID_VALUE", message: b.message });
  }
  return { values, errors };
}

/** The import's field of a product input field ("taxId" → "tax"), for error reports. */
function importFieldOf(cells: Record<string, string>) {
  return (key: string) => {
    if (key === "taxId") return "tax";
    if (key === "categoryId") return "category";
    if (key === "price") return ["priceWithTax", "priceWithoutTax"].find((f) => cells[f] !== undefined) ?? "price";
    return key;
  };
}

/**
 * Plans a products import: each row is matched to a stored product by reference (else barcode; a row
 * with neither, by name among products that have neither) and becomes an update, or a create; values are checked with the shared productInputSchema; duplicates
 * in the file and barcodes of other products are reported with their lines. Writes nothing.
 */
export async function planProductImport(q: Queryable, companyId: string, records: CsvRecord[]): Promise<ImportPlan> {
  const ctx = await loadProductContext(q, companyId);
  const plan = emptyPlan();
  const references = new FirstLineOf();
  const barcodes = new FirstLineOf();
  const matched = new FirstLineOf();
  for (const { line, cells } of records) {
    if (Object.keys(cells).length === 0) continue; // a line that is not valid CSV, already reported
    const { values, errors } = readCells(ctx, cells);
    const lineErrors: ImportError[] = errors.map((e) => ({ line, ...e }));
    const reference = typeof values.reference === "string" ? values.reference.trim() : "";
    const barcode = typeof values.barcode === "string" ? values.barcode.trim() : null;

    let match: Stored | undefined;
    const byRef = reference ? (ctx.byReference.get(reference) ?? []) : [];
    if (byRef.length > 1)
      lineErrors.push({
        line,
        field: "reference",
        code: "AMBIGUOUS_REFERENCE",
        message: `${byRef.length} stored products have reference "${reference}"`,
      });
    else if (byRef.length === 1) match = byRef[0];
    else if (barcode) {
      // Found by barcode, unless the row names another reference than the stored product's (then it is a clash).
      const byCode = ctx.byBarcode.get(barcode)?.[0];
      if (byCode && (!reference || !byCode.reference)) match = byCode;
    } else if (!reference && typeof values.name === "string") {
      const byName = ctx.unkeyedByName.get(nameKey(values.name)) ?? [];
      if (byName.length > 1)
        lineErrors.push({
          line,
          field: "name",
          code: "AMBIGUOUS_REFERENCE",
          message: `${byName.length} stored products without reference or barcode are named "${values.name}": add a reference`,
        });
      else match = byName[0];
    }

    const earlierRef = reference ? references.claim(reference, line) : null;
    if (earlierRef !== null)
      lineErrors.push({
        line,
        field: "reference",
        code: "DUPLICATE_IN_FILE",
        message: `reference "${reference}" is also on line ${earlierRef}`,
      });
    const earlierBarcode = barcode ? barcodes.claim(barcode, line) : null;
    if (earlierBarcode !== null)
      lineErrors.push({
        line,
        field: "barcode",
        code: "DUPLICATE_IN_FILE",
        message: `barcode "${barcode}" is also on line ${earlierBarcode}`,
      });
    const earlierMatch = match && earlierRef === null && earlierBarcode === null ? matched.claim(match.id, line) : null;
    if (earlierMatch !== null)
      lineErrors.push({
        line,
        field: null,
        code: "DUPLICATE_IN_FILE",
        message: `line ${earlierMatch} already changes the same product`,
      });
    const holder = barcode ? ctx.byBarcode.get(barcode)?.find((p) => p.id !== match?.id) : undefined;
    if (holder)
      lineErrors.push({
        line,
        field: "barcode",
        code: "DUPLICATE_IN_DATABASE",
        message: `barcode "${barcode}" belongs to the product "${String(holder.name)}"`,
      });

    const parsed = productInputSchema.safeParse(match ? { ...inputOf(match), ...values } : values);
    if (!parsed.success)
      lineErrors.push(...withoutReported(lineErrors, schemaErrors(line, parsed.error, importFieldOf(cells))));
    if (lineErrors.length > 0 || !parsed.success) {
      plan.errors.push(...lineErrors);
      continue;
    }
    if (!match) plan.creates.push({ id: randomUUID(), values: parsed.data });
    else if (sameValues(parsed.data, match)) plan.unchanged++;
    else plan.updates.push({ id: match.id, values: parsed.data, before: inputOf(match) });
  }
  return plan;
}
