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
 */
export const CONTACT_PRECISION_SECONDS = 30;
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
