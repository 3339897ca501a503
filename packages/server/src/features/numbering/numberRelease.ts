import { releasableFrom } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { allocateVersions } from "../../db/changeVersions";
import type { Database, Queryable } from "../../db/database";
import { notFound } from "../../http/apiError";

/**
 * numberRelease: an admin gives back the numbers a terminal's devices leased but never used
 * (a retired till, a closed shop). They are recorded as released — never handed out again —
 * and a till that still had them learns it at its next download; an invoice that used one
 * anyway is refused as NUMBER_NOT_LEASED.
 */
export async function releaseTerminalNumbers(db: Database, auth: AuthContext, terminalId: string) {
  return db.transaction(async (tx) => {
    const terminal = await tx.query("SELECT id FROM terminals WHERE company_id = $1 AND id = $2", [
      auth.companyId,
      terminalId,
    ]);
    if (!terminal[0]) throw notFound("terminal");
    return releaseUnusedNumbers(tx, auth.companyId, { terminalId });
  });
}

/**
 * The unused tail of every unreleased block of a terminal's devices, or of one device (a till
 * retiring itself at sign-out), in the caller's transaction.
 */
export async function releaseUnusedNumbers(
  tx: Queryable,
  companyId: string,
  of: { terminalId: string } | { deviceId: string },
) {
  const blocks = await tx.query<{ id: string; numbering_id: string; range_from: number; range_to: number }>(
    `SELECT b.id, b.numbering_id, b.range_from, b.range_to FROM number_blocks b
       JOIN devices d ON d.company_id = b.company_id AND d.id = b.device_id
      WHERE b.company_id = $1 AND ${"terminalId" in of ? "d.terminal_id" : "d.id"} = $2 AND b.released_from IS NULL
      FOR UPDATE OF b`,
    [companyId, "terminalId" in of ? of.terminalId : of.deviceId],
  );
  let released = 0;
  const releasedBlocks: { blockId: string; from: number; to: number }[] = [];
  for (const b of blocks) {
    const last = await tx.query<{ n: number | null }>(
      `SELECT max(number)::bigint AS n FROM (
         SELECT number FROM invoices WHERE company_id = $1 AND numbering_id = $2 AND number BETWEEN $3 AND $4
         UNION ALL
         SELECT number FROM credit_notes WHERE company_id = $1 AND numbering_id = $2 AND number BETWEEN $3 AND $4
         UNION ALL
         SELECT number FROM voided_numbers WHERE company_id = $1 AND numbering_id = $2 AND number BETWEEN $3 AND $4) u`,
      [companyId, b.numbering_id, b.range_from, b.range_to],
    );
    const from = releasableFrom(
      { rangeFrom: Number(b.range_from), rangeTo: Number(b.range_to) },
      last[0]?.n == null ? null : Number(last[0].n),
    );
    if (from === null) continue;
    const version = await allocateVersions(tx, companyId);
    await tx.query(
      "UPDATE number_blocks SET released_from = $3, released_at = now(), version = $4 WHERE company_id = $1 AND id = $2",
      [companyId, b.id, from, version],
    );
    released += Number(b.range_to) - from + 1;
    releasedBlocks.push({ blockId: b.id, from, to: Number(b.range_to) });
  }
  return { released, blocks: releasedBlocks };
}
