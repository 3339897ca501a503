import type { NewClient } from "@mostrador/domain";
import { allocateVersions } from "../../db/changeVersions";
import type { Queryable } from "../../db/database";

/**
 * Clients created at the till, written in the caller's transaction: by the push's `clients`
 * section (tillClientAcceptor) and with their first accepted invoice (invoiceBatchWriter). One the
 * server knows is left as is. So is one whose id type and number another client already has (two
 * tills made the same customer offline): the clients table keeps one row per identity
 * (clients_identity_once). Returns the ids this call inserted.
 */
export async function insertNewClients(
  tx: Queryable,
  companyId: string,
  newClients: readonly NewClient[],
): Promise<Set<string>> {
  if (newClients.length === 0) return new Set();
  // Clients are company data: they take company versions (and its counter lock) only when present.
  const first = await allocateVersions(tx, companyId, newClients.length);
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO clients (company_id, id, name, id_type, id_number, email, phone, address, active, version)
     SELECT $1, x.id, x.name, x."idType", x."idNumber", x.email, x.phone, x.address, true, x.version
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, name text, "idType" text, "idNumber" text,
            email text, phone text, address text, version bigint)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [companyId, JSON.stringify(newClients.map((c, i) => ({ ...c, version: first + i })))],
  );
  return new Set(inserted.map((r) => String(r.id)));
}
