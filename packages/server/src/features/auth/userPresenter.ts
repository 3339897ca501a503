import type { Company, User } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { notFound } from "../../http/apiError";

type Row = Record<string, unknown>;

export async function loadUser(db: Queryable, companyId: string, userId: string): Promise<Row> {
  const rows = await db.query("SELECT * FROM users WHERE company_id = $1 AND id = $2", [companyId, userId]);
  if (!rows[0]) throw notFound("user");
  return rows[0];
}

export async function loadCompany(db: Queryable, companyId: string): Promise<Row> {
  const rows = await db.query("SELECT * FROM companies WHERE id = $1", [companyId]);
  if (!rows[0]) throw notFound("company");
  return rows[0];
}

export function presentUser(row: Row): User {
  return {
    id: String(row.id),
    name: String(row.name),
    email: String(row.email),
    role: row.role as User["role"],
    terminalIds: (row.terminal_ids as string[]) ?? [],
    active: Boolean(row.active),
    version: Number(row.version),
  };
}

export function presentCompany(row: Row): Company {
  return {
    id: String(row.id),
    name: String(row.name),
    nit: String(row.nit),
    timeZone: String(row.time_zone),
    currency: String(row.currency),
    maxOfflineAgeDays: Number(row.max_offline_age_days),
    identifiedClientThreshold:
      row.identified_client_threshold === null ? null : Number(row.identified_client_threshold),
    address: String(row.address),
    phone: String(row.phone),
    taxRegime: row.tax_regime as Company["taxRegime"],
    receiptHeader: String(row.receipt_header),
    receiptFooter: String(row.receipt_footer),
    deviceSilentMinutes: Number(row.device_silent_minutes),
    blockSaleAtZeroStock: row.block_sale_at_zero_stock === true,
  };
}
