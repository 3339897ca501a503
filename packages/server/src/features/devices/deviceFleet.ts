import type { DeviceRow } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null));

/** A device as the fleet list shows it; `silent` is computed by the query (see loadFleet). */
export function presentDevice(r: Row): DeviceRow {
  return {
    id: String(r.id),
    terminalId: String(r.terminal_id),
    terminalName: (r.terminal_name as string | null) ?? null,
    userId: String(r.user_id),
    name: String(r.name),
    createdAt: iso(r.created_at) as string,
    lastSeenAt: iso(r.last_seen_at),
    pending: Number(r.reported_pending),
    errors: Number(r.reported_errors),
    oldestPendingAt: iso(r.oldest_pending_at),
    oldestPendingAgeSeconds:
      r.oldest_pending_at instanceof Date ? Math.round((Date.now() - r.oldest_pending_at.getTime()) / 1000) : null,
    appVersion: (r.app_version as string | null) ?? null,
    schemaVersion: r.schema_version === null ? null : Number(r.schema_version),
    active: Boolean(r.active),
    revokedAt: iso(r.revoked_at),
    reportedAt: iso(r.reported_at),
    silent: Boolean(r.silent),
  };
}

/**
 * The company's devices (or one terminal's, or one device), most recently heard from first.
 * Silent: a live device with records pending (sales, returns, shifts: what its last report counted) that
 * has not called for longer than the company's deviceSilentMinutes — the till that is about to lose sales
 * if nobody looks at it.
 */
export async function loadFleet(
  db: Queryable,
  companyId: string,
  filter: { terminalId?: string; deviceId?: string } = {},
): Promise<DeviceRow[]> {
  const rows = await db.query(
    `SELECT d.*, t.name AS terminal_name,
            (d.active AND d.reported_pending > 0
              AND (d.last_seen_at IS NULL OR d.last_seen_at < now() - make_interval(mins => c.device_silent_minutes))
            ) AS silent
       FROM devices d
       JOIN terminals t ON t.company_id = d.company_id AND t.id = d.terminal_id
       JOIN companies c ON c.id = d.company_id
      WHERE d.company_id = $1 AND ($2::uuid IS NULL OR d.terminal_id = $2) AND ($3::uuid IS NULL OR d.id = $3)
      ORDER BY d.last_seen_at DESC NULLS LAST, d.id`,
    [companyId, filter.terminalId ?? null, filter.deviceId ?? null],
  );
  return rows.map(presentDevice);
}
