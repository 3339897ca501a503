import { randomUUID } from "node:crypto";
import { adaptiveBlockSize, localDate, planNumberBlock } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { allocateVersions } from "../../db/changeVersions";
import type { Database, Queryable } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { presentNumberBlock } from "./numberBlockPresenter";

/** Block size from the terminal's busiest 24 hours of the last 30 days (domain rule). */
async function adaptiveBlockSizeFor(tx: Queryable, companyId: string, terminalId: string | null): Promise<number> {
  if (!terminalId) return adaptiveBlockSize(0);
  const rows = await tx.query<{ busiest: number | null }>(
    `SELECT max(n)::int AS busiest FROM (
       SELECT count(*) AS n FROM invoices
        WHERE company_id = $1 AND terminal_id = $2 AND issued_at > now() - interval '30 days'
        GROUP BY date_trunc('day', issued_at)) d`,
    [companyId, terminalId],
  );
  return adaptiveBlockSize(rows[0]?.busiest ?? 0);
}

/**
 * numberBlockLease: cuts the next block from the numbering under its row lock, so
 * two leases (any process, any device) can never get the same number.
 */
export async function leaseNumberBlock(
  db: Database,
  auth: AuthContext,
  numberingId: string,
  requestedSize?: number,
  today = new Date(),
) {
  if (!auth.deviceId) throw new ApiError(403, "FORBIDDEN", "only a registered device leases numbers");
  const deviceId = auth.deviceId;
  return db.transaction(async (tx) => {
    const rows = await tx.query<Record<string, unknown>>(
      "SELECT * FROM numberings WHERE company_id = $1 AND id = $2 FOR UPDATE",
      [auth.companyId, numberingId],
    );
    const n = rows[0];
    if (!n) throw notFound("numbering");
    if (n.electronic) throw new ApiError(409, "CONFLICT", "electronic numberings are online only and are not leased");
    if (!n.active) throw new ApiError(409, "CONFLICT", "this numbering is inactive");
    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
    const company = await tx.query<{ time_zone: string }>("SELECT time_zone FROM companies WHERE id = $1", [
      auth.companyId,
    ]);
    // Validity is per calendar day in the shop's time zone, not UTC.
    const localToday = localDate(today.toISOString(), company[0]?.time_zone);
    const wanted =
      requestedSize ??
      (n.block_size ? Number(n.block_size) : await adaptiveBlockSizeFor(tx, auth.companyId, auth.deviceTerminalId));
    const plan = planNumberBlock(
      {
        rangeFrom: Number(n.range_from),
        rangeTo: Number(n.range_to),
        nextNumber: Number(n.next_number),
        validFrom: day(n.valid_from),
        validUntil: day(n.valid_until),
      },
      wanted,
      localToday,
    );
    if (!plan.ok) {
      if (plan.reason === "RANGE_EXHAUSTED")
        throw new ApiError(409, "NUMBERING_RANGE_EXHAUSTED", "the numbering's range is used up");
      throw new ApiError(
        409,
        "NUMBERING_EXPIRED",
        plan.reason === "EXPIRED"
          ? `numbering expired on ${day(n.valid_until)}`
          : `numbering is valid from ${day(n.valid_from)}`,
      );
    }
    const version = await allocateVersions(tx, auth.companyId, 2);
    await tx.query("UPDATE numberings SET next_number = $3, version = $4 WHERE company_id = $1 AND id = $2", [
      auth.companyId,
      numberingId,
      plan.nextNumber,
      version,
    ]);
    const inserted = await tx.query(
      `INSERT INTO number_blocks (company_id, id, numbering_id, device_id, range_from, range_to, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [auth.companyId, randomUUID(), numberingId, deviceId, plan.from, plan.to, version + 1],
    );
    return presentNumberBlock(inserted[0] as Record<string, unknown>);
  });
}
