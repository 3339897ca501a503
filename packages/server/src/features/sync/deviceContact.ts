import { type DeviceReport, SCHEMA_VERSION_HEADER, SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import type { FastifyRequest } from "fastify";
import type { AuthContext } from "../../auth/authTokens";
import type { Database, Queryable } from "../../db/database";
import { ApiError } from "../../http/apiError";

/** The till's schema version: this one and the previous one are served, so old offline data still uploads. */
export function requestSchemaVersion(req: FastifyRequest): number | null {
  const raw = req.headers[SCHEMA_VERSION_HEADER];
  if (raw === undefined) return null;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < SYNC_SCHEMA_VERSION - 1 || v > SYNC_SCHEMA_VERSION)
    throw new ApiError(
      400,
      "UNSUPPORTED_SCHEMA_VERSION",
      `schema version ${String(raw)} is not supported; this server speaks ${SYNC_SCHEMA_VERSION - 1}..${SYNC_SCHEMA_VERSION}: update the app`,
    );
  return v;
}

export async function recordDeviceReport(
  q: Queryable,
  auth: AuthContext,
  report: DeviceReport,
  schemaVersion?: number | null,
) {
  await q.query(
    `UPDATE devices SET last_seen_at = now(), reported_pending = $3, reported_errors = $4, oldest_pending_at = $5,
            app_version = COALESCE($6, app_version), schema_version = COALESCE($7, schema_version)
      WHERE company_id = $1 AND id = $2`,
    [
      auth.companyId,
      auth.deviceId,
      report.pending,
      report.errors,
      report.oldestPendingAt,
      report.appVersion ?? null,
      schemaVersion ?? null,
    ],
  );
}

/** What admins see in GET /api/devices: last contact and the queue the till reported. */
export async function recordDeviceContact(
  db: Database,
  auth: AuthContext,
  report: DeviceReport | undefined,
  schemaVersion: number | null,
) {
  if (!auth.deviceId) return;
  if (report) {
    await recordDeviceReport(db, auth, report, schemaVersion);
  } else {
    await db.query(
      "UPDATE devices SET last_seen_at = now(), schema_version = COALESCE($3, schema_version) WHERE company_id = $1 AND id = $2",
      [auth.companyId, auth.deviceId, schemaVersion],
    );
  }
}
