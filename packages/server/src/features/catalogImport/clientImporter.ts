import { randomUUID } from "node:crypto";
import { clientInputSchema, type ImportError } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { clientsResource } from "../catalog/resourceDefinitions";
import { presentRow } from "../catalog/resourceStore";
import type { CsvRecord } from "./csvTable";
import { FirstLineOf } from "./csvTable";
import { parseIdType, parseYesNo } from "./csvValues";
import { emptyPlan, groupBy, type ImportPlan, inputOf, sameValues, schemaErrors, withoutReported } from "./importPlan";

type Stored = Record<string, unknown> & { id: string };

/** A client is known by its document: type and number. */
const keyOf = (idType: unknown, idNumber: unknown) => `${String(idType)}|${String(idNumber).trim().toUpperCase()}`;

/** The cells of one row as client input fields; empty optional cells clear the field, empty required ones are kept. */
function readCells(cells: Record<string, string>) {
  const values: Record<string, unknown> = {};
  const errors: Omit<ImportError, "line">[] = [];
  const given = (f: string) => cells[f] !== undefined && cells[f] !== "";
  if (given("name")) values.name = cells.name;
  if (given("idNumber")) values.idNumber = cells.idNumber;
  if (given("idType")) {
    const t = parseIdType(cells.idType ?? "");
    if (t.ok) values.idType = t.value;
    else errors.push({ field: "idType", code: "INVALID_VALUE", message: t.message });
  }
  for (const field of ["email", "phone", "address"] as const)
    if (cells[field] !== undefined) values[field] = cells[field] || null;
  if (given("active")) {
    const b = parseYesNo(cells.active ?? "");
    if (b.ok) values.active = b.value;
    else errors.push({ field: "active", code: "INVALID_VALUE", message: b.message });
  }
  return { values, errors };
}

/**
 * Plans a clients import: each row is matched to a stored client by document type and number and
 * becomes an update, or a create; values are checked with the shared clientInputSchema; a document
 * twice in the file is reported with both lines. Writes nothing.
 */
export async function planClientImport(q: Queryable, companyId: string, records: CsvRecord[]): Promise<ImportPlan> {
  const rows = await q.query("SELECT * FROM clients WHERE company_id = $1", [companyId]);
  const byDocument = groupBy(
    rows.map((r) => presentRow(clientsResource, r) as Stored),
    (c) => keyOf(c.idType, c.idNumber),
  );
  const plan = emptyPlan();
  const documents = new FirstLineOf();
  for (const { line, cells } of records) {
    if (Object.keys(cells).length === 0) continue; // a line that is not valid CSV, already reported
    const { values, errors } = readCells(cells);
    const lineErrors: ImportError[] = errors.map((e) => ({ line, ...e }));
    let match: Stored | undefined;
    if (values.idType && values.idNumber) {
      const key = keyOf(values.idType, values.idNumber);
      const earlier = documents.claim(key, line);
      if (earlier !== null)
        lineErrors.push({
          line,
          field: "idNumber",
          code: "DUPLICATE_IN_FILE",
          message: `${String(values.idType)} ${String(values.idNumber)} is also on line ${earlier}`,
        });
      const stored = byDocument.get(key) ?? [];
      if (stored.length > 1)
        lineErrors.push({
          line,
          field: "idNumber",
          code: "AMBIGUOUS_REFERENCE",
          message: `${stored.length} stored clients have ${String(values.idType)} ${String(values.idNumber)}`,
        });
      else match = stored[0];
    }
    const parsed = clientInputSchema.safeParse(match ? { ...inputOf(match), ...values } : values);
    if (!parsed.success)
      lineErrors.push(
        ...withoutReported(
          lineErrors,
          schemaErrors(line, parsed.error, (k) => k),
        ),
      );
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
