import type { DeviceRow } from "@mostrador/domain";
import { useCallback, useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import "../admin/admin.css";

/** Admin screen "Dispositivos": every registered till, its sync state, and "Revocar". */
export default function DeviceAdmin({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const { transport } = useAppServices();
  const { t, number, dateTime } = useI18n();
  const [devices, setDevices] = useState<DeviceRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const failed = useCallback(
    (error: unknown) =>
      setNotice({
        tone: "error",
        text: t("devices.admin.failed", { message: error instanceof Error ? error.message : String(error) }),
      }),
    [t],
  );
  const load = useCallback(async () => {
    try {
      setDevices(await transport.listDevices(userToken));
    } catch (error) {
      failed(error);
    }
  }, [transport, userToken, failed]);

  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(device: DeviceRow) {
    const name = device.name || device.id.slice(0, 8);
    const terminal = device.terminalName ?? device.terminalId;
    if (!globalThis.confirm(t("devices.admin.confirmRevoke", { name, terminal }))) return;
    setBusy(true);
    try {
      await transport.revokeDevice(userToken, device.id);
      setNotice({ tone: "info", text: t("devices.admin.revokedResult", { name }) });
      await load();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-page" aria-labelledby="device-admin-title">
      <h1 id="device-admin-title">{t("devices.admin.title")}</h1>
      <p className="muted">{t("devices.admin.hint")}</p>
      {notice && (
        <p className={`message message--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      {!devices && !notice && <p className="muted">{t("devices.admin.loading")}</p>}
      {devices?.length === 0 && <p className="muted">{t("devices.admin.none")}</p>}
      {devices && devices.length > 0 && (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("devices.admin.terminal")}</th>
              <th>{t("devices.admin.device")}</th>
              <th>{t("devices.admin.lastSeen")}</th>
              <th className="numeric">{t("devices.admin.pending")}</th>
              <th className="numeric">{t("devices.admin.errors")}</th>
              <th>{t("devices.admin.status")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-testid={`device-${d.id}`}>
                <td>{d.terminalName ?? d.terminalId}</td>
                <td>
                  {d.name || "—"}
                  <div className="muted">{d.id.slice(0, 8)}</div>
                </td>
                <td>{d.lastSeenAt ? dateTime(d.lastSeenAt, timeZone) : t("devices.admin.neverSeen")}</td>
                <td className="numeric">{number(d.pending)}</td>
                <td className="numeric">{number(d.errors)}</td>
                <td>
                  {d.revokedAt
                    ? t("devices.admin.revoked", { date: dateTime(d.revokedAt, timeZone) })
                    : t("devices.admin.active")}
                </td>
                <td>
                  {!d.revokedAt && (
                    <button
                      type="button"
                      className="button button--danger"
                      disabled={busy}
                      onClick={() => void revoke(d)}
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
