/**
 * Issue 10, section 5 in a real browser: Caja 1 sells two invoices offline; meanwhile an admin revokes that
 * device in "Administración → Dispositivos". When Caja 1 reconnects, its push gets 401 DEVICE_REVOKED: the
 * till stops syncing, says so, and offers "Exportar pendientes"; the two invoices stay on the device.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoLogins, type E2eServer, launchBrowser, runBrowserTests, startE2eServer } from "./support/browserHarness";
import {
  adminToken,
  goOffline,
  goOnline,
  logIn,
  openTill,
  pickTerminal,
  SETTLE_TIMEOUT_MS,
  sellInvoices,
  serverInvoices,
  waitForConnectivity,
  waitForSyncIndicator,
  waitUntilReady,
} from "./support/tillSteps";

describe.skipIf(!runBrowserTests)("a revoked till keeps its invoices for export (issue 10)", () => {
  let browser: Browser;
  let e2e: E2eServer;

  beforeAll(async () => {
    [browser, e2e] = await Promise.all([launchBrowser(), startE2eServer()]);
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.close();
  });

  test('the admin revokes Caja 1 in "Dispositivos"; Caja 1 stops syncing and offers "Exportar pendientes"', async () => {
    const tillContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const till = await tillContext.newPage();
      await openTill(till, e2e.url, "Caja 1");
      await waitForSyncIndicator(till, "Sincronizado 100%");
      await goOffline(tillContext);
      await waitForConnectivity(till, "Sin conexión");
      await sellInvoices(till, 2);
      await waitForSyncIndicator(till, "2 pendientes");

      const admin = await adminContext.newPage();
      admin.on("dialog", (dialog) => void dialog.accept().catch(() => undefined)); // "Revocar" asks to confirm
      await admin.goto(e2e.url);
      await logIn(admin, demoLogins.admin);
      await pickTerminal(admin, "Caja 3");
      await waitUntilReady(admin, "Caja 3");
      await admin.getByRole("button", { name: "Administración" }).click();
      await admin.getByRole("menuitem", { name: "Dispositivos" }).click();
      const row = admin.getByRole("row").filter({ has: admin.getByRole("cell", { name: "Caja 1", exact: true }) });
      await row.getByRole("button", { name: "Revocar" }).click();
      await row.getByText(/^Revocado el/).waitFor({ timeout: SETTLE_TIMEOUT_MS });

      await goOnline(tillContext);
      const notice = till.getByTestId("device-revoked");
      await notice.waitFor({ timeout: SETTLE_TIMEOUT_MS });
      await expect(notice.textContent()).resolves.toContain("Este dispositivo fue revocado por un administrador");
      await waitForSyncIndicator(till, "2 pendientes");
      const download = till.waitForEvent("download");
      await notice.getByRole("button", { name: "Exportar pendientes" }).click();
      const file = await download;
      const exported = JSON.parse(
        await (await file.createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
      );
      expect(exported.invoices).toHaveLength(2);
      await notice.getByText("Archivo exportado con 2 facturas.").waitFor({ timeout: SETTLE_TIMEOUT_MS });
      // Nothing reached the server, and nothing was deleted on the till.
      expect((await serverInvoices(e2e.url, await adminToken(e2e.url))).total).toBe(0);
      await waitForSyncIndicator(till, "2 pendientes");
    } finally {
      await tillContext.close();
      await adminContext.close();
    }
  });

  test("after 5 wrong passwords the login screen says to wait, in Spanish", async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      await page.goto(e2e.url);
      const login = { email: "nadie@ejemplar.co", password: "no-es-la-clave" };
      for (let i = 0; i < 5; i++) {
        await logIn(page, login);
        await page.getByText("Correo o contraseña incorrectos.").waitFor({ timeout: SETTLE_TIMEOUT_MS });
      }
      await logIn(page, login);
      await page
        .getByText("Demasiados intentos fallidos. Espera 1 min y vuelve a intentarlo.")
        .waitFor({ timeout: SETTLE_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });
});
