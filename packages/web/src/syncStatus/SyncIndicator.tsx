import { useI18n } from "../i18n/i18n";
import { type SyncStatusSummary, syncLabelParts } from "./syncStatusSummary";

/** The sync icon at the top right: its accessible name says "Sincronizado 100%", "3 pendientes", … */
export function SyncIndicator({ status }: { status: SyncStatusSummary }) {
  const { t, tp, dateTime } = useI18n();
  const label = syncLabelParts(status)
    .map((part) => {
      switch (part.key) {
        case "sync.synced":
          return t("sync.synced");
        case "sync.syncing":
          return t("sync.syncing", { percent: part.percent });
        default:
          return tp(part.key, part.count);
      }
    })
    .join(", ");
  const tone = status.syncing ? "syncing" : status.counts.error > 0 ? "error" : status.fullySynced ? "ok" : "pending";
  const detail = status.lastFailureMessage
    ? t("header.syncFailed", { message: status.lastFailureMessage })
    : status.lastSyncAt
      ? t("header.lastSync", { time: dateTime(status.lastSyncAt) })
      : t("header.neverSynced");
  return (
    <div className={`sync-indicator sync-indicator--${tone}`} role="status" aria-label={label} title={detail}>
      <span className="sync-indicator__icon" aria-hidden="true">
        {status.syncing ? "⟳" : tone === "ok" ? "✓" : tone === "error" ? "!" : "↑"}
      </span>
      <span className="sync-indicator__text" aria-hidden="true">
        {label}
      </span>
    </div>
  );
}
