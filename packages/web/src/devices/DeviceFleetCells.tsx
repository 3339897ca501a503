import type { DeviceRow } from "@mostrador/domain";
import { useI18n } from "../i18n/i18n";
import { timeAgo } from "./deviceAge";

/**
 * The cells both fleet tables show for a device: last contact, pending and error counts, the age
 * of the oldest pending invoice, app and schema version, and how old the till's report is.
 */
export function DeviceFleetCells({ device: d, now, timeZone }: { device: DeviceRow; now: number; timeZone: string }) {
  const { t, number, dateTime, locale } = useI18n();
  const ago = (iso: string) => timeAgo(iso, now, locale);
  return (
    <>
      <td title={d.lastSeenAt ? dateTime(d.lastSeenAt, timeZone) : undefined}>
        {d.lastSeenAt ? ago(d.lastSeenAt) : t("devices.admin.neverSeen")}
      </td>
      <td className="numeric">{number(d.pending)}</td>
      <td className="numeric">{number(d.errors)}</td>
      <td title={d.oldestPendingAt ? dateTime(d.oldestPendingAt, timeZone) : undefined}>
        {d.oldestPendingAt ? ago(d.oldestPendingAt) : "—"}
      </td>
      <td>
        {d.appVersion ?? "—"}
        {d.schemaVersion !== null && (
          <div className="muted">{t("devices.admin.schema", { schema: d.schemaVersion })}</div>
        )}
      </td>
      <td title={d.reportedAt ? dateTime(d.reportedAt, timeZone) : undefined}>
        {d.reportedAt ? ago(d.reportedAt) : t("devices.admin.notReported")}
      </td>
    </>
  );
}

/** The header cells matching DeviceFleetCells. */
export function DeviceFleetHeaders() {
  const { t } = useI18n();
  return (
    <>
      <th>{t("devices.admin.lastSeen")}</th>
      <th className="numeric">{t("devices.admin.pending")}</th>
      <th className="numeric">{t("devices.admin.errors")}</th>
      <th>{t("devices.admin.oldestPending")}</th>
      <th>{t("devices.admin.version")}</th>
      <th>{t("devices.admin.reported")}</th>
    </>
  );
}

/** "Activo" / "Revocado el …", and the silent highlight that calls for attention. */
export function DeviceStatus({ device: d, timeZone }: { device: DeviceRow; timeZone: string }) {
  const { t, dateTime } = useI18n();
  if (d.revokedAt) return <>{t("devices.admin.revoked", { date: dateTime(d.revokedAt, timeZone) })}</>;
  if (d.silent) return <strong className="device-fleet__silent">{t("devices.admin.silent")}</strong>;
  return <>{t("devices.admin.active")}</>;
}
