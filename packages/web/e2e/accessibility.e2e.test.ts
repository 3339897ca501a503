/**
 * Issue 16, accessibility: axe-core (@axe-core/playwright, on playwright-core and the system Chromium)
 * checks the till's login, sale (with products in the cart), payment, receipt and history, and every
 * back-office screen its menu lists: no "serious" or "critical" violation (contrast, names, list and
 * table structure, …). Moderate and minor findings are printed, not failed.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import { backOfficePaths, openBackOfficeScreen } from "./support/layoutChecks";
import * as till from "./support/tillSteps";

const blocking = new Set(["serious", "critical"]);
/** Rules the issue named (contrast, the receipt's lists, the page's heading) and a few more: axe really ran them. */
const expectedRules = [
  "color-contrast",
  "definition-list",
  "dlitem",
  "list",
  "button-name",
  "label",
  "page-has-heading-one",
];
const rulesRun = new Set<string>();

/** axe on the page as it is: the serious and critical violations, each with the elements involved. */
async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  for (const outcome of [results.passes, results.violations, results.incomplete])
    for (const rule of outcome) rulesRun.add(rule.id);
  const found: string[] = [];
  for (const violation of results.violations) {
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => node.target.join(" "))
      .join(" | ");
    const line = `${screen}: ${violation.id} (${violation.impact}) ${violation.help} — ${where}`;
    if (blocking.has(violation.impact ?? "")) found.push(line);
    else console.info(`[axe] ${line}`);
  }
  return found;
}

describe.skipIf(!runBrowserTests)("accessibility (issue 16)", () => {
  const suite = useE2eSuite();

  test("the till: login, sale, payment, receipt and history have no serious or critical violations", async () => {
    const { context, page } = await suite.newPage({ width: 1366, height: 768 });
    try {
      till.confirmLeaving(page);
      await page.goto(suite.url);
      await page.getByLabel("Correo electrónico").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const found = await seriousViolations(page, "login");

      await till.logIn(page);
      await till.pickTerminal(page, "Caja 1");
      await till.waitUntilReady(page, "Caja 1");
      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await page.getByRole("button", { name: "Gaseosa Cola 400 ml", exact: true }).click();
      found.push(...(await seriousViolations(page, "sale")));

      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await page.getByRole("heading", { name: "Pago", exact: true }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      found.push(...(await seriousViolations(page, "payment")));

      await page.getByRole("button", { name: "Facturar", exact: true }).click();
      await page.getByRole("article", { name: /^Factura / }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      found.push(...(await seriousViolations(page, "receipt")));

      await page.getByRole("button", { name: "Nueva venta" }).click();
      await till.openSalesHistory(page);
      await page
        .getByRole("button", { name: /^Abrir factura / })
        .first()
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      found.push(...(await seriousViolations(page, "history")));

      // The same screens on a phone: the folded header, the two sale views and the history's cards.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole("button", { name: "Menú", exact: true }).click();
      found.push(...(await seriousViolations(page, "phone menu")));
      await page.getByRole("button", { name: "Vender", exact: true }).click();
      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      found.push(...(await seriousViolations(page, "phone catalog")));
      await page.getByRole("button", { name: /^Ver venta/ }).click();
      found.push(...(await seriousViolations(page, "phone cart")));

      expect(found).toEqual([]);
      expect([...rulesRun]).toEqual(expect.arrayContaining(expectedRules));
    } finally {
      await context.close();
    }
  });

  test("every back-office screen has no serious or critical violations", async () => {
    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      await page.goto(`${suite.url}/admin`);
      await till.logIn(page, demoLogins.admin);
      const paths = await backOfficePaths(page);
      expect(paths.length).toBeGreaterThanOrEqual(10);
      const found: string[] = [];
      for (const path of paths) {
        await openBackOfficeScreen(page, path);
        await page.waitForLoadState("networkidle");
        found.push(...(await seriousViolations(page, path)));
      }
      // A record's form (the generic one every catalog screen uses).
      await openBackOfficeScreen(page, "/admin/productos");
      await page.getByRole("row").filter({ hasText: "Croissant" }).first().click();
      await page.getByRole("heading", { name: "Croissant", level: 1 }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      found.push(...(await seriousViolations(page, "/admin/productos/:id")));
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
