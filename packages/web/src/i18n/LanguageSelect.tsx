import { type Locale, locales, useI18n } from "./i18n";

export function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label className="language-select">
      <span>{t("language.label")}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {locales.map((l) => (
          <option key={l.id} value={l.id}>
            {l.label}
          </option>
        ))}
      </select>
    </label>
  );
}
