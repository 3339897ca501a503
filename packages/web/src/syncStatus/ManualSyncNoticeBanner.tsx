import { useI18n } from "../i18n/i18n";
import type { ManualSyncNotice } from "./manualSync";

/** One line under the header after "Sincronizar" could not sync; it goes away by itself. */
export function ManualSyncNoticeBanner({
  notice,
  onDismiss,
}: {
  notice: ManualSyncNotice | null;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  if (notice === null) return null;
  return (
    <div className="banner banner--info no-print manual-sync-notice" role="status">
      <span>{t(`sync.manual.${notice}`)}</span>
      <button type="button" className="button button--icon" aria-label={t("sync.manual.dismiss")} onClick={onDismiss}>
        ✕
      </button>
    </div>
  );
}
