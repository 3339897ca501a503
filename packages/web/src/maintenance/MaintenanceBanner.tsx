import { useMemo } from "react";
import "../admin/admin.css";
import { useI18n } from "../i18n/i18n";
import type { SyncStatusSummary } from "../syncStatus/syncStatusSummary";
import {
  DEFAULT_NOTICE_MS,
  dismissalKey,
  formatWindowRange,
  type MaintenanceNotice,
  maintenanceNotice,
  pruneDismissed,
} from "./maintenanceSchedule";
import { useClock, useDismissedNotices, useMaintenance } from "./useMaintenance";

interface MaintenanceBannerProps {
  /** The company's time zone: the schedule is read in shop time. */
  timeZone: string;
  syncStatus: SyncStatusSummary;
  /** How long before a window the notice shows (24 h unless configured). */
  noticeMs?: number;
}

/**
 * The notice at the top of every POS screen: from `noticeMs` before a window (taken from the
 * local database, so it shows offline too) until it ends, with the advice to synchronize to
 * 100% and the sync state. Dismissing hides it until the window starts.
 */
export function MaintenanceBanner({ timeZone, syncStatus, noticeMs = configuredNoticeMs() }: MaintenanceBannerProps) {
  const { t, locale } = useI18n();
  const { windows, active } = useMaintenance();
  const [dismissed, setDismissed] = useDismissedNotices();
  // A second's precision while windows are known (the notice starts, the window starts or ends).
  const now = useClock(windows.length > 0 ? 1000 : null);
  const dismissedSet = useMemo(() => new Set(dismissed), [dismissed]);
  let notice: MaintenanceNotice | null = maintenanceNotice(windows, now, { noticeMs, dismissed: dismissedSet });
  // The server said so (a 503) although the clock does not: the window is current all the same.
  if (active && notice?.phase !== "current" && !dismissedSet.has(dismissalKey(active.id, "current"))) {
    notice = { window: active, phase: "current" };
  }
  if (!notice) return null;

  const { window, phase } = notice;
  const when = formatWindowRange(window, locale, timeZone);
  const outstanding = syncStatus.counts.pending + syncStatus.counts.error;
  const syncText = syncStatus.syncing
    ? t("maintenance.syncRunning")
    : outstanding === 0
      ? t("maintenance.syncAll")
      : t("maintenance.syncOutstanding", { count: outstanding });
  const dismiss = () =>
    setDismissed([...pruneDismissed(dismissed, windows, Date.now()), dismissalKey(window.id, phase)]);

  return (
    <section
      className={`banner maintenance-banner maintenance-banner--${phase} no-print`}
      aria-label={t("maintenance.banner")}
      data-testid="maintenance-banner"
      data-phase={phase}
    >
      <div className="maintenance-banner__text">
        <strong>{phase === "current" ? t("maintenance.inProgress") : t("maintenance.scheduled", { when })}</strong>
        <span>{phase === "current" ? t("maintenance.inProgressDetail", { when }) : t("maintenance.advice")}</span>
        {window.message ? <span className="maintenance-banner__message">{window.message}</span> : null}
      </div>
      <span
        className={`maintenance-banner__sync maintenance-banner__sync--${outstanding === 0 ? "ok" : "pending"}`}
        data-testid="maintenance-sync-state"
      >
        {syncText}
      </span>
      <button
        type="button"
        className="button button--ghost button--icon"
        aria-label={t("maintenance.dismiss")}
        onClick={dismiss}
      >
        ✕
      </button>
    </section>
  );
}

/** VITE_MAINTENANCE_NOTICE_HOURS at build time, else 24 h. */
function configuredNoticeMs(): number {
  const hours = Number(import.meta.env.VITE_MAINTENANCE_NOTICE_HOURS);
  return Number.isFinite(hours) && hours > 0 ? hours * 3_600_000 : DEFAULT_NOTICE_MS;
}
