/**
 * Issue 3 in a real browser: sell online, lose the connection, reload, keep selling; the offline
 * invoices survive closing the browser and reopening it with no network; an electronic-numbering
 * terminal refuses to invoice offline.
 */
import { rmSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, test } from "vitest";
import { launchProfile, runBrowserTests, tempDir } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

async function firstPage(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  till.confirmLeaving(page);
  return page;
}

describe.skipIf(!runBrowserTests)("POS web app offline (issue 3)", () => {
  const suite = useE2eSuite({ browser: false });
  const folders: string[] = [];
  const profile = (name: string) => {
    const dir = tempDir(`profile-${name}`);
    folders.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  test("Caja 1: sells online, then offline after a reload; the offline invoices survive closing and reopening the browser offline", async () => {
    const userDataDir = profile("caja1");
    let context = await launchProfile(userDataDir);
    try {
      const page = await firstPage(context);
      await till.openTill(page, suite.url, "Caja 1");

      // Online: the receipt carries the POS numbering and the sale reaches the server.
      const online = await till.sellAndPayCash(page, ["Pan de bono", "Gaseosa Cola 400 ml"], { keepReceipt: true });
      expect(online.number).toMatch(/^POS-\d+$/);
      expect(online.receiptText).toContain(`Factura de venta POS No. ${online.number}`);
      expect(online.receiptText).toContain("Empresa Ejemplar");
      expect(online.receiptText).toContain("Autorización de numeración: POS");
      await page.getByRole("button", { name: "Nueva venta" }).click();
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const token = await till.adminToken(suite.url);
      expect((await till.serverTally(suite.url, token, [online.number])).copies).toEqual({ [online.number]: 1 });

      // Offline: reload (the service worker serves the shell), sell three invoices.
      await till.goOffline(context);
      await page.reload();
      await till.waitUntilReady(page, "Caja 1");
      await till.waitForConnectivity(page, "Sin conexión");
      const offline = await till.sellInvoices(page, 3);
      expect(offline).toHaveLength(3);
      for (const number of offline) expect(number).toMatch(/^POS-\d+$/);
      expect(new Set([online.number, ...offline]).size).toBe(4);

      const expected = { [online.number]: "Sincronizada", ...till.statusesOf(offline, "Pendiente") };
      await till.openSalesHistory(page);
      await expect.poll(() => till.historyStatuses(page), { timeout: till.SETTLE_TIMEOUT_MS }).toEqual(expected);
      // Newest first.
      expect((await till.readHistory(page)).map((row) => row.number)).toEqual(
        [...offline].reverse().concat(online.number),
      );
      expect(await till.syncIndicatorName(page)).toBe("3 pendientes");
      await till.backToSale(page);
      await context.close();

      // Reopened with no network at all: the app opens and the three are still there, still pending.
      context = await launchProfile(userDataDir);
      await till.goOffline(context);
      const reopened = await firstPage(context);
      await reopened.goto(suite.url);
      await till.waitUntilReady(reopened, "Caja 1");
      await till.waitForConnectivity(reopened, "Sin conexión");
      await till.openSalesHistory(reopened);
      await expect.poll(() => till.historyStatuses(reopened), { timeout: till.SETTLE_TIMEOUT_MS }).toEqual(expected);
      expect(await till.syncIndicatorName(reopened)).toBe("3 pendientes");

      // Nothing offline reached the server.
      const tally = await till.serverTally(suite.url, token, [online.number, ...offline]);
      expect(tally.copies).toEqual({ [online.number]: 1, ...Object.fromEntries(offline.map((n) => [n, 0])) });
    } finally {
      await context.close();
    }
  });

  test("Caja 3 (electronic numbering) offline: Facturar is disabled with the electronic-numbering message", async () => {
    const context = await launchProfile(profile("caja3"));
    try {
      const page = await firstPage(context);
      await till.openTill(page, suite.url, "Caja 3");
      const facturar = page.getByRole("button", { name: "Facturar", exact: true });

      // Online the same sale could be invoiced: the block is about the connection.
      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await facturar.waitFor({ state: "visible", timeout: till.SETTLE_TIMEOUT_MS });
      expect(await facturar.isEnabled()).toBe(true);
      await page.getByRole("button", { name: "Volver", exact: true }).click();

      await till.goOffline(context);
      await page.reload();
      await till.waitUntilReady(page, "Caja 3");
      await till.waitForConnectivity(page, "Sin conexión");
      const message = page
        .getByRole("alert")
        .filter({ hasText: "La numeración electrónica necesita conexión a internet" })
        .first();
      await message.waitFor({ state: "visible", timeout: till.SETTLE_TIMEOUT_MS });

      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await facturar.waitFor({ state: "visible", timeout: till.SETTLE_TIMEOUT_MS });
      expect(await facturar.isDisabled()).toBe(true);
      expect(await message.textContent()).toBe(
        "La numeración electrónica necesita conexión a internet: no se puede facturar sin conexión en esta caja.",
      );
      // Enter (the keyboard shortcut) does not invoice either.
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Volver", exact: true }).click();
      await till.openSalesHistory(page);
      await page.getByText("No hay facturas que coincidan.").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await till.readHistory(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
