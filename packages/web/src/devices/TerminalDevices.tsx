import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { DeviceFleetCells, DeviceFleetHeaders, DeviceStatus } from "./DeviceFleetCells";
import { deviceName, useDeviceFleet } from "./useDeviceFleet";
import "../admin/admin.css";
import "./devices.css";

/**
 * The devices registered on one terminal, for the "Cajas" screen: their last contact, queue and
 * app version; "Liberar números sin usar" gives back the terminal's unused numbers and "Dar de baja
 * dispositivo" revokes one device (its next sync gets DEVICE_REVOKED).
 */
export function TerminalDevices({
  userToken,
  timeZone,
  terminalId,
  terminalName,
}: {
  userToken: string;
  timeZone: string;
  terminalId: string;
  /** For the confirmation texts; the devices' own terminal name is used when absent. */
  terminalName?: string;
}) {
  const { t } = useI18n();
  const { transport, syncEngine } = useAppServices();
  const { devices, now, busy, setBusy, notice, setNotice, failed, load, revoke } = useDeviceFleet(
    userToken,
    terminalId,
  );
  const terminal = terminalName ?? devices?.[0]?.terminalName ?? terminalId.slice(0, 8);

  async function releaseNumbers() {
    if (!globalThis.confirm(t("numbering.admin.confirmRelease", { terminal }))) return;
    setBusy(true);
    try {
      const result = await transport.releaseTerminalNumbers(userToken, terminalId);
      setNotice({ tone: "info", text: t("numbering.admin.releasedResult", { count: result.released, terminal }) });
      syncEngine.requestSync("numbers-released"); // when this browser is one of the terminal's tills
      await load();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="terminal-devices" aria-label={t("devices.terminal.title", { terminal })}>
      <h2>{t("devices.terminal.title", { terminal })}</h2>
      {notice && (
        <p className={`message message--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      {!devices && !notice && <p className="muted">{t("devices.admin.loading")}</p>}
      {devices?.length === 0 && <p className="muted">{t("devices.terminal.none")}</p>}
      {devices && devices.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("devices.admin.device")}</th>
              <DeviceFleetHeaders />
              <th>{t("devices.admin.status")}</th>
              <th>
                <span className="visually-hidden">{t("devices.admin.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr
                key={d.id}
                data-testid={`terminal-device-${d.id}`}
                className={d.silent ? "device-fleet__row--silent" : undefined}
              >
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
                        void revoke(d, t("devices.terminal.confirmRetire", { name: deviceName(d), terminal }))
                      }
                    >
                      {t("devices.terminal.retire")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="admin-form">
        <button type="button" className="button" disabled={busy} onClick={() => void releaseNumbers()}>
          {t("devices.terminal.release")}
        </button>
        <button type="button" className="button" onClick={() => void load()} disabled={busy}>
          {t("devices.admin.reload")}
        </button>
      </div>
    </section>
  );
}

export default TerminalDevices;
