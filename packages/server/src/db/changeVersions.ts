import type { Queryable } from "./database";

/**
 * Reserves `count` consecutive change versions for a company and returns the first.
 * The UPDATE locks the company's counter row until commit, so a transaction that
 * got a higher version always commits after one with a lower version: a client
 * that has seen version N can never later miss a row with a version <= N.
 * Call it as late as possible in a transaction to keep the lock short.
 */
export async function allocateVersions(tx: Queryable, companyId: string, count = 1): Promise<number> {
  const rows = await tx.query<{ version: number }>(
    "UPDATE change_counters SET version = version + $2 WHERE company_id = $1 RETURNING version",
    [companyId, count],
  );
  const last = rows[0]?.version;
  if (last === undefined) throw new Error(`no change counter for company ${companyId}`);
  return last - count + 1;
}
