import type { ImportEntity, ImportReport } from "@mostrador/domain";
import type { Database, Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";
import { auditChanges, recordAuditBatch } from "../audit/auditTrail";
import { planClientImport } from "./clientImporter";
import { readCsvTable } from "./csvTable";
import { emptyPlan, type ImportPlan } from "./importPlan";
import { writeImport } from "./importWriter";
import { planProductImport } from "./productImporter";

const MAX_LISTED_ERRORS = 1000;

const planners: Record<
  ImportEntity,
  (q: Queryable, companyId: string, records: ReturnType<typeof readCsvTable>["records"]) => Promise<ImportPlan>
> = { products: planProductImport, clients: planClientImport };

/**
 * Imports a CSV file of products or clients, all or nothing. (1) read the text into mapped rows
 * (file problems stop here); (2) plan every row against the stored records — creates, updates,
 * unchanged, errors by line; (3) a preview answers the plan; a commit with any error is refused
 * with 400 IMPORT_INVALID carrying the same report, unless the owner chose to import only the valid
 * rows (`skipInvalid`; a file-level problem refuses all the same); (4) a clean commit writes every row in the
 * planning transaction (so what was checked is what is written), with one audit entry per
 * created or changed record, and answers `committed: true`.
 */
export async function importCatalog(
  db: Database,
  entity: ImportEntity,
  companyId: string,
  csv: string,
  commit: boolean,
  /** With `commit`: write the valid rows, leave the lines with errors out (never on a file-level problem). */
  skipInvalid: boolean,
  /** Who imports: every created or changed record gets an "import" entry in the audit trail. */
  userId: string,
): Promise<ImportReport> {
  const table = readCsvTable(entity, csv);
  const planOn = async (q: Queryable) =>
    table.fileErrors.length > 0 ? emptyPlan() : planners[entity](q, companyId, table.records);
  const reportOf = (plan: ImportPlan, committed: boolean): ImportReport => {
    const errors = [...table.fileErrors, ...table.lineErrors, ...plan.errors].sort((a, b) => a.line - b.line);
    return {
      columns: table.columns,
      rows: table.records.length,
      preview: table.preview,
      creates: plan.creates.length,
      updates: plan.updates.length,
      unchanged: plan.unchanged,
      errors: errors.slice(0, MAX_LISTED_ERRORS),
      errorCount: errors.length,
      invalidRows: new Set(errors.filter((e) => e.line > 1).map((e) => e.line)).size,
      committed,
    };
  };

  if (!commit) return reportOf(await planOn(db), false);
  return db.transaction(async (tx) => {
    const plan = await planOn(tx);
    const report = reportOf(plan, false);
    const onlyValidRows = skipInvalid && table.fileErrors.length === 0 && plan.creates.length + plan.updates.length > 0;
    if (report.errorCount > 0 && !onlyValidRows)
      throw new ApiError(
        400,
        "IMPORT_INVALID",
        `nothing was imported: ${report.errorCount} error(s) in the file, see details`,
        report,
      );
    await writeImport(tx, entity, companyId, plan.creates, plan.updates);
    await recordAuditBatch(
      tx,
      [...plan.creates, ...plan.updates].map((row) => ({
        companyId,
        entity,
        recordId: row.id,
        userId,
        action: "import" as const,
        changes: auditChanges(row.before ?? null, { ...(row.before ?? {}), ...row.values }),
      })),
    );
    return { ...report, committed: true };
  });
}
