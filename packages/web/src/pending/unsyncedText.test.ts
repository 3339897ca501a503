import { describe, expect, it } from "vitest";
import { type Locale, type MessageKey, type PluralKey, translate, translatePlural } from "../i18n/i18n";
import { catalogs } from "../messages";
import { unsyncedText } from "./LogoutDialog";

const i18nOf = (locale: Locale) => ({
  t: (key: MessageKey, params?: Record<string, string | number>) => translate(catalogs, locale, key, params),
  tp: (key: PluralKey, count: number, params?: Record<string, string | number>) =>
    translatePlural(catalogs, locale, key, count, params),
});

describe("the sign-out dialog counts invoices in the right plural form", () => {
  it("Spanish: «Hay 1 factura pendiente que aún no está…», «Hay 3 facturas pendientes y 1 factura con error…»", () => {
    const es = i18nOf("es-CO");
    expect(unsyncedText(es, 1, 0)).toMatch(
      /^Hay 1 factura pendiente que aún no está en el servidor: si cierras sesión se perdería\./,
    );
    expect(unsyncedText(es, 3, 1)).toMatch(
      /^Hay 3 facturas pendientes y 1 factura con error que aún no están en el servidor/,
    );
    expect(unsyncedText(es, 0, 2)).toMatch(/^Hay 2 facturas con error que aún no están/);
    // Signing out refused for a pending credit note, void or shift revision alone: never "Hay 0 facturas".
    expect(unsyncedText(es, 0, 0)).toMatch(/^Hay devoluciones, anulaciones o movimientos de turno que aún no están/);
  });

  it("English: «There is 1 pending invoice that is…», «There are 2 pending invoices and 2 invoices with errors…»", () => {
    const en = i18nOf("en");
    expect(unsyncedText(en, 1, 0)).toMatch(/^There is 1 pending invoice that is not on the server yet/);
    expect(unsyncedText(en, 2, 2)).toMatch(/^There are 2 pending invoices and 2 invoices with errors that are not/);
  });

  it("a plural category the texts do not spell out (Spanish «many», 1 000 000) falls back to «other»", () => {
    expect(translatePlural(catalogs, "es-CO", "sync.pending", 1_000_000)).toBe("1000000 pendientes");
    expect(translatePlural(catalogs, "es-CO", "sync.pending", 1)).toBe("1 pendiente");
    expect(translatePlural(catalogs, "en", "sync.pending", 0)).toBe("0 pending");
  });
});
