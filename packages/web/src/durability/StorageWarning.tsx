import { localDate } from "@mostrador/domain";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import type { PersistenceState } from "./persistentStorage";
import { readDismissedOn, rememberDismissed, runsStandalone, storageWarningShown } from "./storageWarning";

/**
 * "Este navegador podría borrar las ventas guardadas" in one line, with "Más información" (the full
 * explanation, on demand) and "Ocultar por hoy". In the page's flow above the till, never over it.
 */
export function StorageWarning({ persistence, timeZone }: { persistence: PersistenceState; timeZone: string }) {
  const { t } = useI18n();
  const today = localDate(new Date().toISOString(), timeZone);
  const [dismissedOn, setDismissedOn] = useState(readDismissedOn);
  const [expanded, setExpanded] = useState(false);
  if (!storageWarningShown({ persistence, standalone: runsStandalone(), dismissedOn, today })) return null;
  return (
    <section className="storage-warning no-print" aria-label={t("durability.title")}>
      <div className="storage-warning__line">
        <span className="storage-warning__text">{t("durability.short")}</span>
        <button
          type="button"
          className="link-button storage-warning__more"
          aria-expanded={expanded}
          aria-controls="storage-warning-detail"
          onClick={() => setExpanded((open) => !open)}
        >
          {t("durability.more")}
        </button>
        <button
          type="button"
          className="button button--ghost button--icon storage-warning__dismiss"
          aria-label={t("durability.dismiss")}
          title={t("durability.dismiss")}
          onClick={() => {
            rememberDismissed(today);
            setDismissedOn(today);
          }}
        >
          ✕
        </button>
      </div>
      {expanded && (
        <p className="storage-warning__detail" id="storage-warning-detail">
          {t("durability.notPersisted")}
        </p>
      )}
    </section>
  );
}
