import { formatMoney as formatMinor, type Minor } from "@mostrador/domain";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";

/**
 * The message keys. Empty here: the app's catalog (src/messages.ts) fills it by declaration
 * merging, so i18n only looks texts up and imports no feature.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in src/messages.ts
export interface Messages {}
export type MessageKey = keyof Messages & string;

export type Locale = "es-CO" | "en";
/** One text per key and language; Spanish (es-CO) is the default and the fallback. */
export type Catalogs = Record<Locale, Partial<Record<MessageKey, string>>>;
export const locales: readonly { id: Locale; label: string }[] = [
  { id: "es-CO", label: "Español" },
  { id: "en", label: "English" },
];
const LOCALE_STORAGE_KEY = "mostrador.locale";

export type MessageParams = Record<string, string | number>;
/** Texts with a form per plural category: "<key>.one" and "<key>.other" (and "<key>.many" where a language has it). */
export type PluralKey =
  | "sync.pending"
  | "sync.errors"
  | "logout.pendingCount"
  | "logout.errorCount"
  | "logout.blocked"
  | "unsynced.invoices"
  | "unsynced.creditNotes"
  | "unsynced.voids"
  | "unsynced.shifts"
  | "unsynced.clients";

const pluralRules = new Map<Locale, Intl.PluralRules>();
/** The plural category of a count in a language (Intl.PluralRules: CLDR's rules, not "1 or not"). */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** The form of `key` for `count`; a category the texts do not spell out (Spanish "many") falls back to "other". */
export function translatePlural(
  catalogs: Catalogs,
  locale: Locale,
  key: PluralKey,
  count: number,
  params?: MessageParams,
): string {
  const category = pluralCategory(locale, count);
  const specific = `${key}.${category}` as MessageKey;
  const known = catalogs[locale][specific] ?? registered[locale][specific];
  return translate(catalogs, locale, known ? specific : (`${key}.other` as MessageKey), { count, ...params });
}

/** Fills "{name}" placeholders. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * Texts of lazily loaded parts (the back office): their chunk registers them when it loads, so the
 * till's first load does not carry them. Their keys are typed like the rest (src/messages.ts).
 */
const registered: Record<Locale, Partial<Record<MessageKey, string>>> = { "es-CO": {}, en: {} };

export function registerMessages(texts: Record<Locale, Partial<Record<MessageKey, string>>>): void {
  Object.assign(registered["es-CO"], texts["es-CO"]);
  Object.assign(registered.en, texts.en);
}

export function translate(catalogs: Catalogs, locale: Locale, key: MessageKey, params?: MessageParams): string {
  const text = catalogs[locale][key] ?? registered[locale][key] ?? catalogs["es-CO"][key] ?? registered["es-CO"][key];
  return interpolate(text ?? key, params);
}

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: MessageParams): string;
  /** "1 pendiente" / "3 pendientes". */
  tp(key: PluralKey, count: number, params?: MessageParams): string;
  /** Money in the company's currency, always es-CO style ("$ 12.500") as printed on receipts. */
  money(minor: Minor): string;
  number(value: number): string;
  dateTime(iso: string, timeZone?: string): string;
  date(iso: string, timeZone?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const saved = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    if (saved === "en" || saved === "es-CO") return saved;
  } catch {
    // storage unavailable: default language
  }
  return "es-CO";
}

export function I18nProvider({
  catalogs,
  children,
  currency = "COP",
}: {
  catalogs: Catalogs;
  children: ReactNode;
  currency?: string;
}) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // ignore: the choice just will not survive a reload
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18n>(() => {
    const numberFormat = new Intl.NumberFormat(locale === "en" ? "en-US" : "es-CO");
    return {
      locale,
      setLocale,
      t: (key, params) => translate(catalogs, locale, key, params),
      tp: (key, count, params) => translatePlural(catalogs, locale, key, count, params),
      money: (minor) => formatMinor(minor, currency, "es-CO"),
      number: (value) => numberFormat.format(value),
      dateTime: (iso, timeZone) => cachedDateFormat(locale, "dateTime", timeZone).format(new Date(iso)),
      date: (iso, timeZone) => cachedDateFormat(locale, "date", timeZone).format(new Date(iso)),
    };
  }, [catalogs, locale, setLocale, currency]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per language, style and zone, made once: a new Intl.DateTimeFormat costs ~1 ms in Chromium. */
function cachedDateFormat(
  locale: Locale,
  style: "dateTime" | "date",
  timeZone: string | undefined,
): Intl.DateTimeFormat {
  const key = `${locale}|${style}|${timeZone ?? ""}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      style === "dateTime" ? { dateStyle: "short", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone };
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}
