import type { CompanySettings } from "@mostrador/domain";
import { presentCompany } from "../auth/userPresenter";
import { presentDianSettings } from "./dianSettingsPresenter";

/** GET/PATCH /api/company: the editable settings and the row's change version (for expectedVersion). */
export function presentCompanySettings(row: Record<string, unknown>): CompanySettings {
  const { identifiedClientThreshold: _notEditedHere, ...company } = presentCompany(row);
  return { ...company, dian: presentDianSettings(row), version: Number(row.version) };
}
