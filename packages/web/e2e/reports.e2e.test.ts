/**
 * Issue 15, "Reportes" in a real browser: Caja 1 and Caja 2 sell and sync; the admin opens
 * Reportes → Resumen on a phone-sized screen and sees both tills' sales, the figures equal to the
 * server's dashboard, the charts drawn (uPlot) with their tables, and Ventas listing both invoices.
 */
import { formatMoney } from "@mostrador/domain";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

async function dashboard(url: string, token: string) {
  const res = await fetch(`${url}/api/reports/dashboard?period=today`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads a few known fields of the answer
  return (await res.json()) as any;
}

/** The money as the screen writes it ("$ 12.500"), whatever space the formatter uses. */
const plain = (text: string) => text.replace(/\s+/g, " ").trim();

async function kpi(page: Page, key: string) {
  return plain((await page.locator(`[data-kpi="${key}"] .report-kpi__value`).textContent()) ?? "");
}

describe.skipIf(!runBrowserTests)("Reportes (issue 15)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("sales at two tills → the admin's Resumen shows both, by till, with charts and tables", async () => {
    const one = await suite.newPage();
    const two = await suite.newPage();
    const admin = await suite.newPage({ width: 390, height: 844 });
    try {
      await Promise.all([till.openTill(one.page, suite.url, "Caja 1"), till.openTill(two.page, suite.url, "Caja 2")]);
      const sold1 = await till.sellInvoices(one.page, 2);
      const sold2 = await till.sellInvoices(two.page, 1, 3);
      await till.waitForSyncIndicator(one.page, "Sincronizado 100%");
      await till.waitForSyncIndicator(two.page, "Sincronizado 100%");
      const expected = await dashboard(suite.url, suite.token);
      expect(expected.totals.invoiceCount).toBe(sold1.length + sold2.length);

      await admin.page.goto(`${suite.url}/admin/reportes`);
      await till.logIn(admin.page, demoLogins.admin);
      await admin.page.getByRole("heading", { name: "Reportes" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await admin.page.locator('[data-kpi="invoiceCount"]').waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await kpi(admin.page, "invoiceCount")).toBe("3");
      const money = (minor: number) => plain(formatMoney(minor));
      expect(await kpi(admin.page, "netSales")).toBe(money(expected.totals.netSales));

      // "Por caja" on the Resumen: a chart (uPlot canvas) and its table with both tills.
      const byTill = admin.page.locator("figure.report-chart").filter({ hasText: "Por caja" }).first();
      await byTill.locator("canvas").first().waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      for (const name of ["Caja 1", "Caja 2"])
        await byTill.getByRole("rowheader", { name, exact: true }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const caja1 = expected.byTerminal.find((t: { name: string }) => t.name === "Caja 1");
      const row = byTill.getByRole("row").filter({ has: admin.page.getByRole("rowheader", { name: "Caja 1" }) });
      expect(plain((await row.textContent()) ?? "")).toContain(money(caja1.netSales));
      // Readable on a phone: the page does not scroll sideways (wide tables scroll in their own box).
      const overflow = await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);

      // Ventas: both tills' invoices.
      await admin.page.getByRole("button", { name: "Ventas", exact: true }).click();
      for (const number of [...sold1, ...sold2])
        await admin.page
          .getByRole("button", { name: number, exact: true })
          .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await admin.page.getByRole("button", { name: sold2[0] as string, exact: true }).click();
      await admin.page
        .getByRole("article", { name: `Factura ${sold2[0]}` })
        .getByText("Caja 2", { exact: false })
        .first()
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    } finally {
      await Promise.all([one.context.close(), two.context.close(), admin.context.close()]);
    }
  });
});
