import {
  type DeviceRow,
  deviceListSchema,
  deviceRowSchema,
  releaseNumbersResultSchema,
  type Terminal,
} from "@mostrador/domain";
import { useEffect, useState } from "react";
import { useI18n } from "../../i18n/i18n";
import { useBackOfficeApi } from "../shared/backOfficeApi";

/**
 * The devices registered on this caja: last contact, pending and error counts, app version;
 * "Liberar números sin usar" (the terminal's unused leased numbers go back) and "Dar de baja
 * dispositivo" (its token ends; a till with unsynced invoices must export them).
 */
export function TerminalDevices({ terminal }: { terminal: Terminal }) {
  const { t, dateTime } = useI18n();
  const api = useBackOfficeApi();
  const [devices, setDevices] = useState<DeviceRow[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadCount, setLoadCount] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loadCount reloads after an action
  useEffect(() => {
    let current = true;
    api.send(deviceListSchema, "devices", "GET", "/api/devices").then(
      (answer) => current && setDevices(answer.items.filter((d) => d.terminalId === terminal.id)),
      () => current && setDevices([]),
    );
    return () => {
      current = false;
    };
  }, [api.send, terminal.id, loadCount]);

  async function act(run: () => Promise<string>) {
    setBusy(true);
    try {
      setMessage(await run());
      setLoadCount((n) => n + 1);
    } catch (e) {
      setMessage(api.unreachable ? t("bo.form.unreachable") : t("bo.form.failed", { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  const release = () =>
    act(async () => {
      const path = `/api/terminals/${encodeURIComponent(terminal.id)}/release-numbers`;
      const result = await api.send(releaseNumbersResultSchema, "release numbers", "POST", path, {});
      return t("bo.terminals.released", { count: result.released });
    });
  const revoke = (device: DeviceRow) =>
    act(async () => {
      if (!window.confirm(t("bo.terminals.revokeConfirm", { name: device.name }))) return "";
      const path = `/api/devices/${encodeURIComponent(device.id)}/revoke`;
      await api.send(deviceRowSchema, "revoke device", "POST", path, {});
      return t("bo.terminals.revoked", { name: device.name });
    });

  return (
    <aside className="card bo-aside">
      <h2>{t("bo.terminals.devices")}</h2>
      {devices?.length === 0 && <p className="muted">{t("bo.terminals.noDevices")}</p>}
      <ul className="bo-devices">
        {devices?.map((d) => (
          <li key={d.id}>
            <strong>{d.name}</strong>
            <span className="muted">
              {t("bo.terminals.lastSeen", { when: d.lastSeenAt ? dateTime(d.lastSeenAt, api.timeZone) : "—" })}
            </span>
            <span>
              {t("bo.terminals.queue", { pending: d.pending, errors: d.errors, version: d.appVersion ?? "—" })}
            </span>
            {d.revokedAt ? (
              <span className="bo-badge">{t("bo.terminals.revokedBadge")}</span>
            ) : (
              <button type="button" className="button button--danger" disabled={busy} onClick={() => void revoke(d)}>
                {t("bo.terminals.revoke")}
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="button" disabled={busy} onClick={() => void release()}>
        {t("bo.terminals.release")}
      </button>
      {message && (
        <p className="message message--info" role="status">
          {message}
        </p>
      )}
    </aside>
  );
}
