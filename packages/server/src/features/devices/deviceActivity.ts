import type { DeviceReport } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Queryable } from "../../db/database";

/**
 * The one owner of a device's row after registration: its invoice version counter, its last
 * contact and the queue it reported, and who signed in on it.
 */

/** What a till tells about itself with a request: its queue (push) and its schema version. */
export interface DeviceActivity {
  report?: DeviceReport;
  schemaVersion?: number | null;
}

/**
 * Reserves `count` invoice versions on a device's own counter (the row stays locked until
 * commit, so versions become visible in order) and, when given, writes the till's activity in the
 * same statement. Returns the first version, or null when the company has no such device.
 */
export async function takeInvoiceVersions(
  tx: Queryable,
  companyId: string,
  deviceId: string,
  count: number,
  activity?: DeviceActivity,
): Promise<number | null> {
  const rows = activity
    ? await tx.query<{ v: number }>(
        `UPDATE devices SET invoice_version = invoice_version + $3, last_seen_at = now(),
                reported_pending = COALESCE($4, reported_pending), reported_errors = COALESCE($5, reported_errors),
                oldest_pending_at = CASE WHEN $8::boolean THEN $6::timestamptz ELSE oldest_pending_at END,
                app_version = COALESCE($7, app_version), schema_version = COALESCE($9, schema_version),
                reported_at = CASE WHEN $8::boolean THEN now() ELSE reported_at END
          WHERE company_id = $1 AND id = $2 RETURNING invoice_version AS v`,
        [
          companyId,
          deviceId,
          count,
          activity.report?.pending ?? null,
          activity.report?.errors ?? null,
          activity.report?.oldestPendingAt ?? null,
          activity.report?.appVersion ?? null,
          activity.report !== undefined,
          activity.schemaVersion ?? null,
        ],
      )
    : await tx.query<{ v: number }>(
        "UPDATE devices SET invoice_version = invoice_version + $3 WHERE company_id = $1 AND id = $2 RETURNING invoice_version AS v",
        [companyId, deviceId, count],
      );
  const last = rows[0]?.v;
  return last === undefined ? null : Number(last) - count + 1;
}

/** One device's part of an invoice write: the versions it takes and, for the uploading till, its activity. */
export interface DeviceVersionTake {
  deviceId: string;
  count: number;
  activity?: DeviceActivity;
}

/**
 * takeInvoiceVersions for several devices as CTEs of a larger write statement (invoiceBatchWriter),
 * so the counters cost no round trip of their own: `dev` answers (id, first) per device, the first of
 * its `count` versions. The rows are locked in id order first (`dev_locked`), the order every writer
 * takes device rows in, so two writes of overlapping devices wait, never deadlock. Each row stays
 * locked until commit: a device's versions become visible in order. `$1` is the company; `param`
 * holds deviceVersionTakes(…). A device the company does not have is missing from `dev` (id, first, n).
 */
export function deviceVersionsSql(param: number): string {
  return `dev_take AS MATERIALIZED (
    SELECT * FROM jsonb_to_recordset($${param}::jsonb) AS c(id uuid, n bigint, active boolean, pending int, errors int,
           "oldestPendingAt" timestamptz, "appVersion" text, reported boolean, "schemaVersion" int)
  ), dev_locked AS MATERIALIZED (
    SELECT d.id FROM devices d WHERE d.company_id = $1 AND d.id IN (SELECT id FROM dev_take) ORDER BY d.id FOR UPDATE OF d
  ), dev AS (
    UPDATE devices d SET invoice_version = d.invoice_version + c.n,
           last_seen_at = CASE WHEN c.active THEN now() ELSE d.last_seen_at END,
           reported_pending = COALESCE(c.pending, d.reported_pending),
           reported_errors = COALESCE(c.errors, d.reported_errors),
           oldest_pending_at = CASE WHEN c.reported THEN c."oldestPendingAt" ELSE d.oldest_pending_at END,
           app_version = COALESCE(c."appVersion", d.app_version),
           schema_version = COALESCE(c."schemaVersion", d.schema_version),
           reported_at = CASE WHEN c.reported THEN now() ELSE d.reported_at END
      FROM dev_take c JOIN dev_locked l ON l.id = c.id
     WHERE d.company_id = $1 AND d.id = c.id
    RETURNING d.id, d.invoice_version - c.n + 1 AS first, c.n
  )`;
}

/** The parameter of deviceVersionsSql: the same columns takeInvoiceVersions writes, per device. */
export function deviceVersionTakes(takes: readonly DeviceVersionTake[]): string {
  return JSON.stringify(
    takes.map(({ deviceId, count, activity }) => ({
      id: deviceId,
      n: count,
      active: activity !== undefined,
      pending: activity?.report?.pending ?? null,
      errors: activity?.report?.errors ?? null,
      oldestPendingAt: activity?.report?.oldestPendingAt ?? null,
      appVersion: activity?.report?.appVersion ?? null,
      reported: activity?.report !== undefined,
      schemaVersion: activity?.schemaVersion ?? null,
    })),
  );
}

/**
 * What admins see in GET /api/devices: last contact, the queue the till reported (and when), its
 * schema version. Answers the time a report was stored (the database's clock), null without one.
 */
export async function recordDeviceActivity(
  q: Queryable,
  auth: AuthContext,
  activity: DeviceActivity,
): Promise<Date | null> {
  if (!auth.deviceId) return null;
  await takeInvoiceVersions(q, auth.companyId, auth.deviceId, 0, activity);
  if (!activity.report) return null;
  const rows = await q.query<{ at: Date }>("SELECT reported_at AS at FROM devices WHERE company_id = $1 AND id = $2", [
    auth.companyId,
    auth.deviceId,
  ]);
  return rows[0]?.at ?? null;
}

/**
 * A pull's contact: the device's last contact and schema version, written only when the version
 * changed or the last contact is older than CONTACT_PRECISION_SECONDS. A till polling with nothing
 * new then changes no row, and its request commits nothing (no WAL flush per idle pull); "silent"
 * devices are judged in minutes (at least 5), so the last contact loses nothing that is shown.
 * Two minutes: the till polls every 30 s counted from the end of its last sync, so at 30 s the
 * contact was due at nearly every poll (an UPDATE and a commit each, session 22); now one poll in
 * four or five writes it, and a till in contact is never more than ≈ 2.5 min behind on "Última
 * conexión", half the smallest silent threshold.
 */
export const CONTACT_PRECISION_SECONDS = 120;
export async function recordDeviceContact(q: Queryable, auth: AuthContext, schemaVersion: number | null) {
  if (!auth.deviceId) return;
  await q.query(
    `UPDATE devices SET last_seen_at = now(), schema_version = COALESCE($3, schema_version)
      WHERE company_id = $1 AND id = $2
        AND (last_seen_at IS NULL OR last_seen_at < now() - make_interval(secs => $4)
             OR schema_version IS DISTINCT FROM COALESCE($3, schema_version))`,
    [auth.companyId, auth.deviceId, schemaVersion, CONTACT_PRECISION_SECONDS],
  );
}

/** A user signed in on a device: from then on the device may invoice in that user's name. */
export async function recordSignIn(q: Queryable, companyId: string, deviceId: string, userId: string): Promise<void> {
  await q.query(
    `INSERT INTO device_sign_ins (company_id, device_id, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (company_id, device_id, user_id) DO UPDATE SET last_at = now()`,
    [companyId, deviceId, userId],
  );
}
