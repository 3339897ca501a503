import { useI18n } from "../i18n/i18n";
import { DeviceFleetCells, DeviceFleetHeaders, DeviceStatus } from "./DeviceFleetCells";
import { deviceName, useDeviceFleet } from "./useDeviceFleet";
import "../admin/admin.css";
import "./devices.css";

/**
 * Admin screen "Dispositivos": every registered till with its last contact, queue, versions and
 * report age; tills silent too long with anything pending (sales, returns, shifts) are highlighted first. "Revocar" ends one.
 */
export default function DeviceAdmin({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const { t } = useI18n();
  const { devices, now, busy, notice, load, revoke } = useDeviceFleet(userToken);
  const silent = devices?.filter((d) => d.silent).length ?? 0;
  // Silent tills first: they are the ones about to lose sales.
  const rows = devices ? [...devices].sort((a, b) => Number(b.silent) - Number(a.silent)) : null;

  return (
    <section className="admin-page" aria-labelledby="device-admin-title">
      <h1 id="device-admin-title">{t("devices.admin.title")}</h1>
      <p className="muted">{t("devices.admin.hint")}</p>
      {notice && (
        <p className={`message message--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      {silent > 0 && (
        <p className="message message--error" role="alert">
          {t("devices.admin.silentSummary", { count: silent })}
        </p>
      )}
      {!devices && !notice && <p className="muted">{t("devices.admin.loading")}</p>}
      {devices?.length === 0 && <p className="muted">{t("devices.admin.none")}</p>}
      {rows && rows.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("devices.admin.terminal")}</th>
              <th>{t("devices.admin.device")}</th>
              <DeviceFleetHeaders />
              <th>{t("devices.admin.status")}</th>
              <th>
                <span className="visually-hidden">{t("devices.admin.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr
                key={d.id}
                data-testid={`device-${d.id}`}
                className={d.silent ? "device-fleet__row--silent" : undefined}
              >
                <td>{d.terminalName ?? d.terminalId}</td>
                <td>
                  {d.name || "—"}
                  <div className="muted">{d.id.slice(0, 8)}</div>
                </td>
                <DeviceFleetCells device={d} now={now} timeZone={timeZone} />
                <td>
                  <DeviceStatus device={d} timeZone={timeZone} />
                </td>
                <td>
                  {!d.revokedAt && (
                    <button
                      type="button"
                      className="button button--danger"
                      disabled={busy}
                      onClick={() =>
                        void revoke(
                          d,
                          t("devices.admin.confirmRevoke", {
                            name: deviceName(d),
                            terminal: d.terminalName ?? d.terminalId,
                          }),
                        )
                      }
                    >
                      {t("devices.admin.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin-form">
        <button type="button" className="button" onClick={() => void load()} disabled={busy}>
          {t("devices.admin.reload")}
        </button>
      </div>
    </section>
  );
}
