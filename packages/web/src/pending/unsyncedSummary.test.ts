import { describe, expect, it } from "vitest";
import { type Locale, type MessageKey, type PluralKey, translate, translatePlural } from "../i18n/i18n";
import { catalogs } from "../messages";
import type { PendingImportResult } from "../storage/pendingFileImport";
import { noUnsynced, type UnsyncedCounts } from "../storage/unsyncedRecords";
import { unsyncedCountsText } from "./LogoutDialog";
import { exportedWhat, importResultText } from "./unsyncedSummary";

const i18nOf = (locale: Locale) => ({
  t: (key: MessageKey, params?: Record<string, string | number>) => translate(catalogs, locale, key, params),
  tp: (key: PluralKey, count: number, params?: Record<string, string | number>) =>
    translatePlural(catalogs, locale, key, count, params),
});

const counts = (over: Partial<UnsyncedCounts>): UnsyncedCounts => ({ ...noUnsynced, ...over });

describe("what exists only on this device, in words", () => {
  it("the sign-out dialog names every kind: «Hay 1 factura pendiente, 2 devoluciones, 1 anulación, 1 turno de caja y 1 cliente nuevo…»", () => {
    const all = counts({
      invoices: { pending: 1, error: 0 },
      creditNotes: { pending: 1, error: 1 },
      voids: { pending: 1, error: 0 },
      shifts: { pending: 0, error: 1 },
      clients: 1,
    });
    expect(unsyncedCountsText(i18nOf("es-CO"), all)).toMatch(
      /^Hay 1 factura pendiente, 2 devoluciones, 1 anulación, 1 turno de caja y 1 cliente nuevo que aún no están en el servidor/,
    );
    expect(unsyncedCountsText(i18nOf("en"), all)).toMatch(
      /^There are 1 pending invoice, 2 returns, 1 void, 1 cash shift and 1 new client that are not on the server yet/,
    );
    // A return alone is no longer «0 facturas» nor the vague text: it is named and counted.
    expect(unsyncedCountsText(i18nOf("es-CO"), counts({ creditNotes: { pending: 1, error: 0 } }))).toMatch(
      /^Hay 1 devolución que aún no está en el servidor: si cierras sesión se perdería\./,
    );
    expect(unsyncedCountsText(i18nOf("es-CO"), counts({ shifts: { pending: 2, error: 0 } }))).toMatch(
      /^Hay 2 turnos de caja que aún no están/,
    );
  });

  it("the revoked-device notice says what the file carries: «2 facturas» as before, other kinds after", () => {
    expect(exportedWhat(i18nOf("es-CO"), counts({ invoices: { pending: 2, error: 0 } }))).toBe("2 facturas");
    expect(
      exportedWhat(
        i18nOf("es-CO"),
        counts({ invoices: { pending: 1, error: 0 }, voids: { pending: 2, error: 0 }, clients: 1 }),
      ),
    ).toBe("1 factura, 2 anulaciones y 1 cliente nuevo");
    expect(exportedWhat(i18nOf("en"), counts({ shifts: { pending: 1, error: 0 } }))).toBe("1 cash shift");
  });

  it("the import's answer lists what stays only in the file, and why", () => {
    const result: PendingImportResult = {
      invoices: { imported: 2, alreadyPresent: 1, invalid: 0 },
      creditNotes: { imported: 0, alreadyPresent: 0, invalid: 1 },
      voids: { imported: 0, alreadyPresent: 0, invalid: 0 },
      shifts: { imported: 0, alreadyPresent: 0, invalid: 0 },
      clients: { imported: 1, alreadyPresent: 0, invalid: 0 },
      refused: [
        { kind: "shift", id: "c", reason: "SHIFT_OPEN_HERE", label: "Caja 1" },
        { kind: "shift", id: "d", reason: "OTHER_TERMINAL", label: "Caja 2" },
      ],
    };
    const es = importResultText(i18nOf("es-CO"), result);
    expect(es).toMatch(/^Importados: 3\. Ya estaban: 1\. No válidos: 1\./);
    expect(es).toContain("Sin cargar: 1 turno de caja. Este dispositivo ya tiene un turno abierto");
    expect(es).toContain("Sin cargar: 1 turno de caja de Caja 2.");
    expect(importResultText(i18nOf("en"), { ...result, refused: [] })).toBe(
      "Imported: 3. Already here: 1. Invalid: 1.",
    );
  });
});
