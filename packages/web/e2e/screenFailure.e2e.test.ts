/**
 * A screen that fails to render (here: the browser's IndexedDB refusing reads while the cashier opens the sales
 * history) shows what happened and that the sales are safe, instead of a blank page; «Volver a intentar» brings
 * the till back with every sale still there.
 */
import { describe, expect, test } from "vitest";
import { runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

describe.skipIf(!runBrowserTests)("a screen that fails to render", () => {
  const suite = useE2eSuite();

  test("shows the failure and that sales are safe; «Volver a intentar» brings the till back", async () => {
    const { context, page } = await suite.newPage();
    try {
      // Reads fail while window.__failReads is set: the next live query a screen starts rejects in render.
      await page.addInitScript(() => {
        const flagged = (name: string) => () => {
          if ((window as { __failReads?: boolean }).__failReads) throw new DOMException("reads refused", name);
        };
        for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype]) {
          for (const method of ["getAll", "openCursor", "count"] as const) {
            const original = proto[method] as (...args: unknown[]) => unknown;
            const check = flagged("UnknownError");
            Object.defineProperty(proto, method, {
              configurable: true,
              value(this: unknown, ...args: unknown[]) {
                check();
                return original.apply(this, args);
              },
            });
          }
        }
      });
      await till.openTill(page, suite.url, "Caja 1");
      const first = await till.sell(page, [till.demoProductNames[0]!]);

      await page.evaluate(() => {
        (window as { __failReads?: boolean }).__failReads = true;
      });
      const alert = page.getByRole("alert").filter({ hasText: "Algo falló en esta pantalla" });
      // Opening the history starts new reads; a live query of the sale screen re-running meanwhile (the sale's
      // sync writes) may fail first and replace the screen before the menu is reached: either way, the alert.
      await page
        .getByRole("button", { name: "Ingresos" })
        .click({ timeout: 5_000 })
        .then(() => page.getByRole("menuitem", { name: "Historial de ventas" }).click({ timeout: 5_000 }))
        .catch(() => undefined);
      await alert.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await alert.textContent()).toContain("Las ventas ya facturadas están guardadas en este dispositivo");
      expect(await alert.textContent()).toContain("reads refused");

      await page.evaluate(() => {
        (window as { __failReads?: boolean }).__failReads = false;
      });
      await page.getByRole("button", { name: "Volver a intentar" }).click();
      await till.productSearch(page).waitFor({ state: "visible", timeout: till.SETTLE_TIMEOUT_MS });
      const second = await till.sell(page, [till.demoProductNames[1]!]);
      await till.openSalesHistory(page);
      const numbers = (await till.readHistory(page)).map((row) => row.number);
      expect(numbers).toEqual(expect.arrayContaining([first, second]));
      expect(numbers).toHaveLength(2);
    } finally {
      await context.close();
    }
  });
});
