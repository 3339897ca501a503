import { useI18n } from "../i18n/i18n";
import { useAppServices } from "../services/appServices";

/** Opened offline on a device that never loaded its terminal: nothing can be sold yet. */
export function NotReadyScreen() {
  const { connectivity } = useAppServices();
  const { t } = useI18n();
  return (
    <main className="centered-page">
      <section className="card" aria-labelledby="not-ready-title">
        <h1 id="not-ready-title">{t("notReady.title")}</h1>
        <p>{t("notReady.body")}</p>
        <button type="button" className="button button--primary" onClick={() => void connectivity.probe()}>
          {t("notReady.retry")}
        </button>
      </section>
    </main>
  );
}
