import { useSyncExternalStore } from "react";
import { useI18n } from "../i18n/i18n";
import { applyUpdate, isUpdateAvailable, onUpdateAvailable } from "./serviceWorkerRegistration";

/** "Nueva versión disponible" with a button that switches to it (local data stays). */
export function UpdateBanner() {
  const { t } = useI18n();
  const available = useSyncExternalStore(onUpdateAvailable, isUpdateAvailable);
  if (!available) return null;
  return (
    <div className="banner banner--info no-print" role="status">
      <span>{t("pwa.updateAvailable")}</span>
      <button type="button" className="button button--primary" onClick={applyUpdate}>
        {t("pwa.reload")}
      </button>
    </div>
  );
}
