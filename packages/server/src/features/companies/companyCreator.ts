import { randomUUID } from "node:crypto";
import { hashPassword } from "../../auth/passwordHasher";
import { assertPasswordPolicy } from "../../auth/passwordPolicy";
import type { Database } from "../../db/database";

export interface NewCompany {
  name: string;
  nit: string;
  timeZone?: string;
  currency?: string;
  admin: { name: string; email: string; password: string };
}

/** A tenant with its change counter and first admin; everything else is added through the API or the seeders. */
export async function createCompany(db: Database, input: NewCompany) {
  const companyId = randomUUID();
  const adminId = randomUUID();
  assertPasswordPolicy(input.admin.password);
  const passwordHash = await hashPassword(input.admin.password);
  await db.transaction(async (tx) => {
    await tx.query(
      "INSERT INTO companies (id, name, nit, time_zone, currency, version) VALUES ($1, $2, $3, $4, $5, 1)",
      [companyId, input.name, input.nit, input.timeZone ?? "America/Bogota", input.currency ?? "COP"],
    );
    await tx.query("INSERT INTO change_counters (company_id, version) VALUES ($1, 1)", [companyId]);
    await tx.query(
      "INSERT INTO users (company_id, id, name, email, password_hash, role) VALUES ($1, $2, $3, $4, $5, 'admin')",
      [companyId, adminId, input.admin.name, input.admin.email.toLowerCase(), passwordHash],
    );
  });
  return { companyId, adminId };
}
