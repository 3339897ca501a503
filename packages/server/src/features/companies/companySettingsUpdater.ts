import type { CompanySettings, CompanySettingsField, CompanySettingsPatch, DianSettingsField } from "@mostrador/domain";
import { allocateVersions } from "../../db/changeVersions";
import type { Database } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { auditChanges, recordAudit } from "../audit/auditTrail";
import type { SecretBox } from "../dianCertificate/secretBox";
import { openSoftwarePin, SoftwarePinUnreadable, sealedSoftwarePinColumns } from "../dianCertificate/softwarePinSeal";
import { presentCompanySettings } from "./companySettingsPresenter";
import { dianSettingColumns } from "./dianSettingsPresenter";

/** Each editable field's column. */
const columns: Record<CompanySettingsField, string> = {
  name: "name",
  nit: "nit",
  address: "address",
  phone: "phone",
  taxRegime: "tax_regime",
  receiptHeader: "receipt_header",
  receiptFooter: "receipt_footer",
  timeZone: "time_zone",
  currency: "currency",
  maxOfflineAgeDays: "max_offline_age_days",
  deviceSilentMinutes: "device_silent_minutes",
  blockSaleAtZeroStock: "block_sale_at_zero_stock",
};

/**
 * "Empresa" saved by an admin: the fields sent replace the stored ones under a new change version,
 * so every till downloads the company again in its next pull. With `expectedVersion`, settings
 * changed meanwhile are refused (409 CONFLICT, details.current) and nothing is written. A patch
 * that changes nothing takes no version (the tills have nothing to download).
 */
export async function updateCompanySettings(
  db: Database,
  companyId: string,
  patch: CompanySettingsPatch,
  /** The admin saving: the change goes into the audit trail ("company"). */
  userId: string,
  /** Seals the DIAN software PIN. */
  secrets: SecretBox,
): Promise<CompanySettings> {
  return db.transaction(async (tx) => {
    // NO KEY UPDATE, not UPDATE: rows referencing the company (every insert) keep going meanwhile.
    const rows = await tx.query("SELECT * FROM companies WHERE id = $1 FOR NO KEY UPDATE", [companyId]);
    const row = rows[0];
    if (!row) throw notFound("company");
    const current = presentCompanySettings(row);
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== current.version)
      throw new ApiError(409, "CONFLICT", "the company settings were changed by someone else meanwhile", {
        current,
      });
    const changed = (Object.keys(columns) as CompanySettingsField[]).filter(
      (field) => patch[field] !== undefined && patch[field] !== current[field],
    );
    const dian = changedDianSettings(row, patch.dian, secrets);
    if (changed.length === 0 && dian.length === 0) return current;
    const version = await allocateVersions(tx, companyId);
    const values = [...changed.map((field) => patch[field]), ...dian.map(([, value]) => value)];
    const sets = [...changed.map((field) => columns[field]), ...dian.map(([column]) => column)].map(
      (column, i) => `${column} = $${i + 3}`,
    );
    const updated = await tx.query(`UPDATE companies SET ${sets.join(", ")}, version = $2 WHERE id = $1 RETURNING *`, [
      companyId,
      version,
      ...values,
    ]);
    const saved = presentCompanySettings(updated[0] as Record<string, unknown>);
    await recordAudit(tx, {
      companyId,
      entity: "company",
      recordId: companyId,
      userId,
      action: "update",
      // The PIN is only named in the trail, never written there.
      changes: auditChanges(
        current,
        saved,
        dian.some(([column]) => column === dianSettingColumns.softwarePin) ? ["dian.softwarePin"] : [],
      ),
    });
    return saved;
  });
}

/**
 * The DIAN settings a patch changes, as [column, value]; a PIN sent again unchanged changes nothing.
 * A new PIN is written sealed (and the plain column of migration 016 cleared).
 */
function changedDianSettings(
  row: Record<string, unknown>,
  patch: CompanySettingsPatch["dian"],
  secrets: SecretBox,
): [string, unknown][] {
  if (!patch) return [];
  const changed: [string, unknown][] = [];
  for (const field of Object.keys(dianSettingColumns) as DianSettingsField[]) {
    const value = patch[field];
    if (value === undefined) continue;
    if (field === "softwarePin") {
      if (value === currentPin(row, secrets)) continue;
      const sealed = sealedSoftwarePinColumns(value as string | null, String(row.id), secrets);
      changed.push(["dian_software_pin_sealed", sealed.dian_software_pin_sealed], [dianSettingColumns[field], null]);
    } else if (value !== (row[dianSettingColumns[field]] ?? null)) changed.push([dianSettingColumns[field], value]);
  }
  return changed;
}

/** The stored PIN, opened; one sealed under a lost key counts as none (the admin is replacing it). */
function currentPin(row: Record<string, unknown>, secrets: SecretBox): string | null {
  try {
    return openSoftwarePin(row, secrets);
  } catch (error) {
    if (error instanceof SoftwarePinUnreadable) return null;
    throw error;
  }
}
