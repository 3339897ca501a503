import { useI18n } from "../i18n/i18n";

/** IndexedDB could not be opened (private mode, disk full, blocked): nothing can be sold safely. */
export function StorageFailure({ error }: { error: unknown }) {
  const { t } = useI18n();
  const message = error instanceof Error ? error.message : String(error);
  return (
    <main className="centered-page">
      <section className="card" role="alert">
        <h1>{t("app.name")}</h1>
        <p>{t("app.storageFailed", { message })}</p>
      </section>
    </main>
  );
}
