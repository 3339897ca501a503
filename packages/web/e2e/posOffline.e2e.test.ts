/**
 * Issue 3 in a real browser: sell online, lose the connection, reload, keep selling; the offline
 * invoices survive closing the browser and reopening it with no network; an electronic-numbering
 * terminal refuses to invoice offline.
 */
import { rmSync } from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type E2eServer, launchProfile, runBrowserTests, startE2eServer, tempDir } from "./support/browserHarness";
import {
  adminToken,
  backToSale,
  confirmLeaving,
  goOffline,
  historyStatuses,
  openSalesHistory,
  openTill,
  readHistory,
  SETTLE_TIMEOUT_MS,
  sellAndPayCash,
  sellInvoices,
  serverTally,
  statusesOf,
  syncIndicatorName,
  waitForConnectivity,
  waitForSyncIndicator,
  waitUntilReady,
} from "./support/tillSteps";

async function firstPage(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  confirmLeaving(page);
  return page;
}

describe.skipIf(!runBrowserTests)("POS web app offline (issue 3)", () => {
  let server: E2eServer;
  const folders: string[] = [];
  const profile = (name: string) => {
    const dir = tempDir(`profile-${name}`);
    folders.push(dir);
    return dir;
  };

  beforeAll(async () => {
    server = await startE2eServer();
  });

  afterAll(async () => {
    await server?.close();
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  test("Caja 1: sells online, then offline after a reload; the offline invoices survive closing and reopening the browser offline", async () => {
    const userDataDir = profile("caja1");
    let context = await launchProfile(userDataDir);
    try {
      const page = await firstPage(context);
      await openTill(page, server.url, "Caja 1");

      // Online: the receipt carries the POS numbering and the sale reaches the server.
      const online = await sellAndPayCash(page, ["Pan de bono", "Gaseosa Cola 400 ml"], { keepReceipt: true });
      expect(online.number).toMatch(/^POS-\d+$/);
      expect(online.receiptText).toContain(`Factura de venta POS No. ${online.number}`);
      expect(online.receiptText).toContain("Empresa Ejemplar");
      expect(online.receiptText).toContain("Autorización de numeración: POS");
      await page.getByRole("button", { name: "Nueva venta" }).click();
      await waitForSyncIndicator(page, "Sincronizado 100%");
      const token = await adminToken(server.url);
      expect((await serverTally(server.url, token, [online.number])).copies).toEqual({ [online.number]: 1 });

      // Offline: reload (the service worker serves the shell), sell three invoices.
      await goOffline(context);
      await page.reload();
      await waitUntilReady(page, "Caja 1");
      await waitForConnectivity(page, "Sin conexión");
      const offline = await sellInvoices(page, 3);
      expect(offline).toHaveLength(3);
      for (const number of offline) expect(number).toMatch(/^POS-\d+$/);
      expect(new Set([online.number, ...offline]).size).toBe(4);

      const expected = { [online.number]: "Sincronizada", ...statusesOf(offline, "Pendiente") };
      await openSalesHistory(page);
      await expect.poll(() => historyStatuses(page), { timeout: SETTLE_TIMEOUT_MS }).toEqual(expected);
      // Newest first.
      expect((await readHistory(page)).map((row) => row.number)).toEqual([...offline].reverse().concat(online.number));
      expect(await syncIndicatorName(page)).toBe("3 pendientes");
      await backToSale(page);
      await context.close();

      // Reopened with no network at all: the app opens and the three are still there, still pending.
      context = await launchProfile(userDataDir);
      await goOffline(context);
      const reopened = await firstPage(context);
      await reopened.goto(server.url);
      await waitUntilReady(reopened, "Caja 1");
      await waitForConnectivity(reopened, "Sin conexión");
      await openSalesHistory(reopened);
      await expect.poll(() => historyStatuses(reopened), { timeout: SETTLE_TIMEOUT_MS }).toEqual(expected);
      expect(await syncIndicatorName(reopened)).toBe("3 pendientes");

      // Nothing offline reached the server.
      const tally = await serverTally(server.url, token, [online.number, ...offline]);
      expect(tally.copies).toEqual({ [online.number]: 1, ...Object.fromEntries(offline.map((n) => [n, 0])) });
    } finally {
      await context.close();
    }
  });

  test("Caja 3 (electronic numbering) offline: Facturar is disabled with the electronic-numbering message", async () => {
    const context = await launchProfile(profile("caja3"));
    try {
      const page = await firstPage(context);
      await openTill(page, server.url, "Caja 3");
      const facturar = page.getByRole("button", { name: "Facturar", exact: true });

      // Online the same sale could be invoiced: the block is about the connection.
      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await facturar.waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
      expect(await facturar.isEnabled()).toBe(true);
      await page.getByRole("button", { name: "Volver", exact: true }).click();

      await goOffline(context);
      await page.reload();
      await waitUntilReady(page, "Caja 3");
      await waitForConnectivity(page, "Sin conexión");
      const message = page
        .getByRole("alert")
        .filter({ hasText: "La numeración electrónica necesita conexión a internet" })
        .first();
      await message.waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });

      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await facturar.waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
      expect(await facturar.isDisabled()).toBe(true);
      expect(await message.textContent()).toBe(
        "La numeración electrónica necesita conexión a internet: no se puede facturar sin conexión en esta caja.",
      );
      // Enter (the keyboard shortcut) does not invoice either.
      await page.keyboard.press("Enter");
      await page.getByRole("button", { name: "Volver", exact: true }).click();
      await openSalesHistory(page);
      await page.getByText("No hay facturas que coincidan.").waitFor({ timeout: SETTLE_TIMEOUT_MS });
      expect(await readHistory(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
