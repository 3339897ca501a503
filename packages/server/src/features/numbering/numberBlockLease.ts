import { randomUUID } from "node:crypto";
import {
  adaptiveBlockSize,
  leaseLimit,
  localDate,
  planLeaseSize,
  planNumberBlock,
  unusedInBlock,
} from "@mostrador/domain";
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
 * Unused numbers the device holds of the numbering: in each unreleased block, those after the last
 * one used. Only numbers an accepted or voided invoice claims count as used (the predicate of the
 * index invoices_number_once, which serves the lookup): a rejected invoice must not free allowance.
 * A credit-note numbering is leased the same way; its numbers are used by accepted credit notes.
 */
async function unusedHeldBy(tx: Queryable, companyId: string, deviceId: string, numberingId: string) {
  const blocks = await tx.query<{ range_from: number; range_to: number; last_used: number | null }>(
    `SELECT b.range_from, b.range_to,
            (SELECT max(u.number) FROM (
               SELECT i.number FROM invoices i
                WHERE i.company_id = b.company_id AND i.numbering_id = b.numbering_id
                  AND i.number BETWEEN b.range_from AND b.range_to
                  AND i.status IN ('accepted', 'voided') AND i.claims_number
               UNION ALL
               SELECT c.number FROM credit_notes c
                WHERE c.company_id = b.company_id AND c.numbering_id = b.numbering_id
                  AND c.number BETWEEN b.range_from AND b.range_to
               UNION ALL
               SELECT v.number FROM voided_numbers v
                WHERE v.company_id = b.company_id AND v.numbering_id = b.numbering_id
                  AND v.number BETWEEN b.range_from AND b.range_to) u)::bigint AS last_used
       FROM number_blocks b
      WHERE b.company_id = $1 AND b.device_id = $2 AND b.numbering_id = $3 AND b.released_from IS NULL`,
    [companyId, deviceId, numberingId],
  );
  return blocks.reduce(
    (sum, b) =>
      sum +
      unusedInBlock(
        { rangeFrom: Number(b.range_from), rangeTo: Number(b.range_to), releasedFrom: null },
        b.last_used == null ? null : Number(b.last_used),
      ),
    0,
  );
}

/**
 * numberBlockLease: cuts the next block from the numbering under its row lock, so
 * two leases (any process, any device) can never get the same number, and no device holds
 * more unused numbers than its limit (domain rule leaseLimit / planLeaseSize).
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
    const blockSize = n.block_size
      ? Number(n.block_size)
      : await adaptiveBlockSizeFor(tx, auth.companyId, auth.deviceTerminalId);
    // Under the numbering's row lock, so parallel leases of one device see each other's blocks.
    const held = await unusedHeldBy(tx, auth.companyId, deviceId, numberingId);
    const cap = n.max_unused_per_device == null ? null : Number(n.max_unused_per_device);
    const sizePlan = planLeaseSize({
      held,
      limit: leaseLimit(blockSize, cap),
      defaultSize: blockSize,
      requested: requestedSize,
    });
    const plan = planNumberBlock(
      {
        rangeFrom: Number(n.range_from),
        rangeTo: Number(n.range_to),
        nextNumber: Number(n.next_number),
        validFrom: day(n.valid_from),
        validUntil: day(n.valid_until),
      },
      sizePlan.ok ? sizePlan.size : 1,
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
    if (!sizePlan.ok) {
      const { held: h, limit, allowance } = sizePlan;
      throw new ApiError(
        409,
        "LEASE_LIMIT_REACHED",
        `this device already holds ${h} unused numbers of this numbering and may hold at most ${limit}` +
          (allowance > 0 ? ` (ask for ${allowance} or fewer)` : "; use them first, or an admin can release them"),
        { held: h, limit, allowance },
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
