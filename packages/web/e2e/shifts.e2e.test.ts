/**
 * Issue 12 in a real browser: Caja 1 requires a shift. Open it with a base of 100.000, sell three
 * cash invoices, take 20.000 out ("Retiro"), lose the connection, sell two more, close with a count
 * 5.000 short → "Faltante $ 5.000" on screen and on the "Cierre de turno"; back online the shift
 * reaches the server exactly once with the same figures.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();

/** "$ 123.456" → centavos. */
const centavosOf = (money: string) => Number(money.replace(/[^\d]/g, "")) * 100;
const typed = (centavos: number) => String(centavos / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

interface ServerShift {
  id: string;
  status: string;
  revision: number;
  openingFloat: number;
  countedCash: number | null;
  tillExpectedCash: number | null;
  tillDifference: number | null;
}

async function serverShifts(url: string, token: string): Promise<{ items: ServerShift[]; total: number }> {
  const response = await fetch(`${url}/api/shifts`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/shifts failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { items: ServerShift[]; total: number };
}

describe.skipIf(!runBrowserTests)("cash shifts at the till (issue 12)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("open with 100.000, sell, Retiro 20.000, offline sales, close 5.000 short → Faltante $ 5.000; online → the server has it once", async () => {
    const { context, page } = await suite.newPage();
    try {
      till.confirmLeaving(page);
      await page.goto(suite.url);
      await till.logIn(page);
      await till.pickTerminal(page, "Caja 1");
      await till.waitUntilReady(page, undefined, { shift: "leave" });
      // No selling without a shift on Caja 1.
      await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await till.productSearch(page).count()).toBe(0);
      await till.openShift(page, "100.000", "Turno de la mañana");
      await till.waitForOfflineShell(page);

      const online = await till.sellInvoices(page, 3);
      await page.getByRole("button", { name: "Movimientos de efectivo" }).click();
      await page.getByLabel("Tipo").selectOption({ label: "Retiro" });
      await page.getByLabel("Valor").fill("20.000");
      await page.getByLabel("Motivo").fill("Pago a proveedor");
      await page.getByRole("button", { name: "Registrar", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /^Retiro de \$\s20\.000 registrado\.$/ })
        .waitFor({
          timeout: till.SETTLE_TIMEOUT_MS,
        });
      await till.waitForSyncIndicator(page, "Sincronizado 100%");

      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const offline = await till.sellInvoices(page, 2, 3);
      expect(new Set([...online, ...offline]).size).toBe(5);

      await page.getByRole("button", { name: "Cerrar turno", exact: true }).click();
      const cashRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Efectivo" }) });
      await cashRow.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const expected = centavosOf(((await cashRow.getByRole("cell").first().textContent()) ?? "").trim());
      expect(expected).toBeGreaterThan(100_000_00 - 20_000_00);
      const counted = expected - 5_000_00;
      await page.getByLabel("Contado en Efectivo").fill(typed(counted));
      await expect.poll(() => text(page, ".shift-difference[data-kind=cash]")).toBe("Faltante $ 5.000");
      await page.getByRole("button", { name: "Confirmar cierre" }).click();

      const report = page.getByRole("article", { name: "Cierre de turno" });
      await report.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const printed = ((await report.textContent()) ?? "").replace(/\s+/g, " ");
      expect(printed).toContain("Faltante $ 5.000");
      expect(printed).toContain("2 facturas pendientes de sincronizar");
      expect(printed).toContain("Base inicial$ 100.000");
      await page.getByRole("button", { name: "Continuar" }).click();
      await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

      await till.goOnline(context);
      await till.waitForConnectivity(page, "En línea");
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await expect
        .poll(async () => (await serverShifts(suite.url, suite.token)).items.map((s) => s.status), {
          timeout: till.SETTLE_TIMEOUT_MS,
        })
        .toEqual(["closed"]);
      const { items, total } = await serverShifts(suite.url, suite.token);
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({
        openingFloat: 100_000_00,
        countedCash: counted,
        tillExpectedCash: expected,
        tillDifference: -5_000_00,
      });
      const tally = await till.serverTally(suite.url, suite.token, [...online, ...offline]);
      expect(Object.values(tally.copies)).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await context.close();
    }
  });
});
