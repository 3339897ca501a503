import type { ImportEntity } from "@mostrador/domain";
import { allocateVersions } from "../../db/changeVersions";
import type { Queryable } from "../../db/database";
import { snake } from "../catalog/resourceDefinition";

/** A row to write: its id and its values as the API names them (already checked by the shared schema). */
export interface PlannedRow {
  id: string;
  values: Record<string, unknown>;
  /** An update's stored values before the import (as the API presents them), for the audit trail. */
  before?: Record<string, unknown>;
}

/**
 * The columns an import writes and their SQL types (for jsonb_to_recordset). Stock is written
 * only for new products (empty); an update leaves the counts alone (movements own them).
 */
const writtenColumns: Record<ImportEntity, { table: string; insert: Record<string, string>; update: string[] }> = {
  products: {
    table: "products",
    insert: {
      name: "text",
      reference: "text",
      barcode: "text",
      categoryId: "uuid",
      price: "bigint",
      priceIncludesTax: "boolean",
      taxId: "uuid",
      active: "boolean",
      trackStock: "boolean",
      stock: "jsonb",
    },
    update: [
      "name",
      "reference",
      "barcode",
      "categoryId",
      "price",
      "priceIncludesTax",
      "taxId",
      "active",
      "trackStock",
    ],
  },
  clients: {
    table: "clients",
    insert: {
      name: "text",
      idType: "text",
      idNumber: "text",
      email: "text",
      phone: "text",
      address: "text",
      active: "boolean",
    },
    update: ["name", "idType", "idNumber", "email", "phone", "address", "active"],
  },
};

/** Rows per statement: one JSON parameter each, a few MB at most. */
const BATCH = 5000;

/**
 * Writes an import's creates and updates inside the caller's transaction: one allocation of change
 * versions for all of them (the tills then pull every row through the incremental feed), and a
 * few set-based statements instead of one per row.
 */
export async function writeImport(
  tx: Queryable,
  entity: ImportEntity,
  companyId: string,
  creates: PlannedRow[],
  updates: PlannedRow[],
): Promise<void> {
  const total = creates.length + updates.length;
  if (total === 0) return;
  const spec = writtenColumns[entity];
  const recordType = (fields: string[]) =>
    ["id uuid", "version bigint", ...fields.map((f) => `${snake(f)} ${spec.insert[f]}`)].join(", ");
  const jsonRows = (rows: PlannedRow[], fields: string[], first: number) =>
    JSON.stringify(
      rows.map((row, i) => {
        const out: Record<string, unknown> = { id: row.id, version: first + i };
        for (const f of fields) out[snake(f)] = row.values[f] ?? null;
        return out;
      }),
    );

  // Versions last, as late as possible in the transaction: the counter row stays locked until commit.
  let next = await allocateVersions(tx, companyId, total);
  const insertFields = Object.keys(spec.insert);
  const insertCols = insertFields.map(snake);
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO ${spec.table} (company_id, id, version, ${insertCols.join(", ")})
       SELECT $1, r.id, r.version, ${insertCols.map((c) => `r.${c}`).join(", ")}
       FROM jsonb_to_recordset($2::jsonb) AS r(${recordType(insertFields)})`,
      [companyId, jsonRows(batch, insertFields, next)],
    );
    next += batch.length;
  }
  const updateCols = spec.update.map(snake);
  for (let i = 0; i < updates.length; i += BATCH) {
    const batch = updates.slice(i, i + BATCH);
    await tx.query(
      `UPDATE ${spec.table} AS t SET version = r.version, ${updateCols.map((c) => `${c} = r.${c}`).join(", ")}
       FROM jsonb_to_recordset($2::jsonb) AS r(${recordType(spec.update)})
       WHERE t.company_id = $1 AND t.id = r.id`,
      [companyId, jsonRows(batch, spec.update, next)],
    );
    next += batch.length;
  }
}
