import type { MaintenanceWindow as MaintenanceWindowRow } from "@mostrador/domain";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";
import { formatWindowRange } from "./maintenanceSchedule";
import { isoToWallTime, wallTimeToIso } from "./zonedTime";

const HOUR = 3_600_000;

/** Admin screen: schedule, list and cancel the company's maintenance windows (online, user token). */
export default function MaintenanceAdmin({ userToken, timeZone }: { userToken: string; timeZone: string }) {
  const { transport, syncEngine } = useAppServices();
  const { t, locale } = useI18n();
  const [windows, setWindows] = useState<MaintenanceWindowRow[] | null>(null);
  const [startsAt, setStartsAt] = useState(() => isoToWallTime(Math.ceil(Date.now() / HOUR) * HOUR + HOUR, timeZone));
  const [endsAt, setEndsAt] = useState(() => isoToWallTime(Math.ceil(Date.now() / HOUR) * HOUR + 3 * HOUR, timeZone));
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const when = (w: Pick<MaintenanceWindowRow, "startsAt" | "endsAt">) => formatWindowRange(w, locale, timeZone);
  const failed = useCallback(
    (error: unknown) =>
      setNotice({
        tone: "error",
        text: t("maintenance.admin.failed", { message: error instanceof Error ? error.message : String(error) }),
      }),
    [t],
  );

  const load = useCallback(async () => {
    try {
      setWindows(await transport.listMaintenanceWindows(userToken));
    } catch (error) {
      setWindows((w) => w ?? []);
      failed(error);
    }
  }, [transport, userToken, failed]);

  useEffect(() => {
    void load();
  }, [load]);

  async function schedule(event: FormEvent) {
    event.preventDefault();
    const start = wallTimeToIso(startsAt, timeZone);
    const end = wallTimeToIso(endsAt, timeZone);
    if (!start || !end || end <= start) {
      setNotice({ tone: "error", text: t("maintenance.admin.invalidTimes") });
      return;
    }
    setBusy(true);
    try {
      const created = await transport.createMaintenanceWindow(userToken, { startsAt: start, endsAt: end, message });
      setMessage("");
      syncEngine.requestSync("maintenance-scheduled"); // this till learns of it (banner) at once
      await load();
      setNotice({ tone: "info", text: t("maintenance.admin.scheduled", { when: when(created) }) });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function cancel(w: MaintenanceWindowRow) {
    if (!globalThis.confirm(t("maintenance.admin.confirmCancel", { when: when(w) }))) return;
    setBusy(true);
    try {
      await transport.cancelMaintenanceWindow(userToken, w.id);
      syncEngine.requestSync("maintenance-cancelled");
      await load();
      setNotice({ tone: "info", text: t("maintenance.admin.cancelled") });
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const now = Date.now();
  const stateOf = (w: MaintenanceWindowRow) =>
    Date.parse(w.endsAt) <= now
      ? t("maintenance.admin.statePast")
      : Date.parse(w.startsAt) <= now
        ? t("maintenance.admin.stateCurrent")
        : t("maintenance.admin.stateUpcoming");

  return (
    <section className="admin-page" aria-labelledby="maintenance-admin-title">
      <h1 id="maintenance-admin-title">{t("maintenance.admin.title")}</h1>
      <p className="muted">{t("maintenance.admin.hint", { timeZone })}</p>
      <form className="admin-form" onSubmit={(e) => void schedule(e)}>
        <label className="field">
          <span>{t("maintenance.admin.startsAt")}</span>
          <input type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </label>
        <label className="field">
          <span>{t("maintenance.admin.endsAt")}</span>
          <input type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </label>
        <label className="field field--grow">
          <span>{t("maintenance.admin.message")}</span>
          <input maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("maintenance.admin.scheduling") : t("maintenance.admin.schedule")}
        </button>
      </form>
      {notice && (
        <p className={`message message--${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      )}
      {windows === null ? (
        <p className="muted">{t("maintenance.admin.loading")}</p>
      ) : windows.length === 0 ? (
        <p className="muted">{t("maintenance.admin.empty")}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th>{t("maintenance.admin.when")}</th>
              <th>{t("maintenance.admin.state")}</th>
              <th>{t("maintenance.admin.message")}</th>
              <th>
                <span className="visually-hidden">{t("maintenance.admin.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {windows.map((w) => (
              <tr key={w.id}>
                <td>{when(w)}</td>
                <td>{stateOf(w)}</td>
                <td>{w.message}</td>
                <td>
                  {Date.parse(w.endsAt) > now && (
                    <button
                      type="button"
                      className="button button--danger"
                      disabled={busy}
                      aria-label={t("maintenance.admin.cancelLabel", { when: when(w) })}
                      onClick={() => void cancel(w)}
                    >
                      {t("maintenance.admin.cancel")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="button" onClick={() => void load()} disabled={busy}>
        {t("maintenance.admin.reload")}
      </button>
    </section>
  );
}
