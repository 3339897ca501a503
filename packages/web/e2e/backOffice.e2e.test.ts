/**
 * Issue 11 in a real browser: the back office ("Administración").
 * (a) an admin who signs in lands in /admin/productos, and no device is registered and no number block
 *     leased (checked through the API); a reload of a record's URL keeps the screen;
 * (b) a product created in the back office is on an online till (Caja 1) within one sync cycle, and sells;
 * (c) a product deactivated in the back office disappears from the till's search;
 * (d) two admins edit the same product: the second save gets "Este producto cambió mientras lo editabas",
 *     "Recargar" shows the other's change, "Guardar de todos modos" overwrites; "Historial de cambios" lists it.
 *     (d) also sorts and filters the list. It needs bo-server's `expectedVersion`, `sort`, filters and audit log
 *     (CONTRACT.md §1, §2, §4): until that branch is merged the server lacks them, and the test says so and is
 *     reported as skipped (it passed on a local merge with wt-bo-server at 0d2e054).
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const imagesDir = join(import.meta.dirname, "../../../docs/images");
/** The till pulls every 30 s while online: one cycle plus the pull itself. */
const ONE_SYNC_CYCLE_MS = 45_000;
const NEW_PRODUCT = "Arepa de chócolo e2e";

async function api<T>(url: string, token: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T };
}

async function adminInBackOffice(page: Page, url: string, path = "/") {
  await page.goto(`${url}${path}`);
  await till.logIn(page, demoLogins.admin);
  await page.getByRole("navigation", { name: "Administración" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
}

function heading(page: Page, name: string) {
  return page.getByRole("heading", { name, level: 1 });
}

/** The back-office list's search box → the row → its form. */
async function openProduct(page: Page, name: string) {
  await page.getByRole("link", { name: "Productos", exact: true }).click();
  await page.getByRole("searchbox", { name: "Buscar" }).fill(name);
  await page.getByRole("row").filter({ hasText: name }).first().click();
  await heading(page, name).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
}

/** Types `name` into the till's product search and waits until its tile is there (or gone). */
async function tillShowsProduct(page: Page, name: string, shown: boolean, timeout: number) {
  await till.productSearch(page).fill(name);
  await page.getByRole("button", { name, exact: true }).waitFor({ state: shown ? "visible" : "hidden", timeout });
}

describe.skipIf(!runBrowserTests)("the back office (issue 11)", () => {
  const suite = useE2eSuite({ adminToken: true });
  let tillContext: BrowserContext | undefined;
  let tillPage: Page | undefined;

  test("(a) an admin signs in and lands in Administración: no device registered, no numbers leased", async () => {
    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      await adminInBackOffice(page, suite.url);
      await heading(page, "Productos").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(new URL(page.url()).pathname).toBe("/admin/productos");
      await page.getByText(/^[\d.]+ en total$/).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.screenshot({ path: join(imagesDir, "backoffice-products.png") });

      // Search as you type narrows the list; the URL keeps it.
      await page.getByRole("searchbox", { name: "Buscar" }).fill("Croissant");
      await page.getByText("1 en total").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(new URL(page.url()).search).toBe("?q=Croissant");

      // A record has its URL; a reload (served index.html by the server) keeps the screen; back returns to the list.
      await page.getByRole("row").filter({ hasText: "Croissant" }).click();
      await heading(page, "Croissant").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const recordPath = new URL(page.url()).pathname;
      expect(recordPath).toMatch(/^\/admin\/productos\/[0-9a-f-]{36}$/);
      await page.reload();
      await heading(page, "Croissant").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // $ 3.500 with IVA 19 % included, computed by the domain's line totals (to the centavo).
      await page.getByText("Sin impuesto: $ 2.941,18 · IVA 19%: $ 558,82").waitFor();
      await page.screenshot({ path: join(imagesDir, "backoffice-product.png") });
      await page.goBack();
      await page.getByRole("searchbox", { name: "Buscar" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(new URL(page.url()).pathname).toBe("/admin/productos");

      for (const [label, file] of [
        ["Clientes", "backoffice-clients.png"],
        ["Usuarios", "backoffice-users.png"],
        ["Cajas", "backoffice-terminals.png"],
      ] as const) {
        await page.getByRole("link", { name: label, exact: true }).click();
        await heading(page, label).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await page.getByText(/^[\d.]+ en total$/).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await page.screenshot({ path: join(imagesDir, file) });
      }

      // Nothing of a till was made for the admin: no device, no leased block on any numbering.
      const devices = await api<{ items: unknown[] }>(suite.url, suite.token, "/api/devices");
      expect(devices.body.items).toEqual([]);
      const numberings = await api<{ items: { id: string }[] }>(suite.url, suite.token, "/api/numberings?limit=500");
      for (const numbering of numberings.body.items) {
        const report = await api<{ blocks: unknown[] }>(
          suite.url,
          suite.token,
          `/api/numberings/${numbering.id}/report`,
        );
        expect(report.body.blocks).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });

  test("(b) a product created in the back office sells at an online till within one sync", async () => {
    const opened = await suite.newPage();
    tillContext = opened.context;
    tillPage = opened.page;
    await till.openTill(tillPage, suite.url, "Caja 1");
    await till.waitForSyncIndicator(tillPage, "Sincronizado 100%");

    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      await adminInBackOffice(page, suite.url, "/admin/productos");
      await page.getByRole("button", { name: "Nuevo producto" }).click();
      await heading(page, "Nuevo producto").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // Field errors in words, next to the fields, before anything reaches the server.
      await page.getByRole("button", { name: "Guardar" }).click();
      const nameField = page.getByLabel("Nombre", { exact: true });
      await expect(nameField.getAttribute("aria-invalid")).resolves.toBe("true");
      await page.getByText("Este dato es obligatorio.").first().waitFor();
      await page.getByLabel("Precio con impuesto").fill("cuatro mil");
      await page.getByText("Escribe un número, por ejemplo 12.500.").waitFor();
      await page.screenshot({ path: join(imagesDir, "backoffice-product-errors.png") });

      await nameField.fill(NEW_PRODUCT);
      await page.getByLabel("Precio con impuesto").fill("4.500");
      const tax = page.getByLabel("Impuesto", { exact: true });
      await tax.selectOption({ label: "INC 8%" });
      await page.getByLabel("Categoría").selectOption({ label: "Comidas preparadas" });
      await page.getByText("Sin impuesto: $ 4.166,67 · INC 8%: $ 333,33").waitFor();
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByRole("status").filter({ hasText: "Guardado" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const savedAt = Date.now();
      expect(new URL(page.url()).pathname).toMatch(/^\/admin\/productos\/[0-9a-f-]{36}$/);

      // No "Sincronizar" click: the till's own sync cycle brings it.
      await tillShowsProduct(tillPage, NEW_PRODUCT, true, ONE_SYNC_CYCLE_MS);
      const seconds = (Date.now() - savedAt) / 1000;
      console.log(`[backOffice e2e] new product on the online till ${seconds.toFixed(1)} s after "Guardar"`);
      expect(seconds).toBeLessThan(ONE_SYNC_CYCLE_MS / 1000);
      const { receiptText } = await till.sellAndPayCash(tillPage, [NEW_PRODUCT]);
      expect(receiptText).toContain(NEW_PRODUCT);
      expect(receiptText).toContain("4.500");

      // A cashier never sees the back office: /admin sends the till back to selling.
      await tillPage.goto(`${suite.url}/admin/productos`);
      await till.productSearch(tillPage).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(new URL(tillPage.url()).pathname).toBe("/");
      await expect(tillPage.getByRole("button", { name: "Administración" }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  test("(c) a product deactivated in the back office disappears from the till's search", async () => {
    if (!tillPage) throw new Error("(b) opens Caja 1 first");
    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      await adminInBackOffice(page, suite.url, "/admin/productos");
      await tillShowsProduct(tillPage, "Almojábana", true, till.SETTLE_TIMEOUT_MS);
      await openProduct(page, "Almojábana");
      await page.getByRole("button", { name: "Desactivar" }).click();
      await page.getByRole("button", { name: "Activar" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const savedAt = Date.now();
      await tillShowsProduct(tillPage, "Almojábana", false, ONE_SYNC_CYCLE_MS);
      console.log(
        `[backOffice e2e] deactivated product gone from the till ${((Date.now() - savedAt) / 1000).toFixed(1)} s later`,
      );

      // The list's status filter finds it among the inactive ones.
      await page.getByRole("link", { name: "Productos", exact: true }).click();
      await page.getByLabel("Estado").selectOption({ label: "Inactivos" });
      await page.getByRole("row").filter({ hasText: "Almojábana" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    } finally {
      await context.close();
      await tillContext?.close();
    }
  });

  test("(e) with the server unreachable the form stays filled and Guardar can be retried", async () => {
    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      await adminInBackOffice(page, suite.url, "/admin/categorias/nuevo");
      await heading(page, "Nueva categoría").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.getByLabel("Nombre", { exact: true }).fill("Congelados");
      await context.route("**/api/categories", (route) => route.abort("internetdisconnected"));
      await page.getByRole("button", { name: "Guardar" }).click();
      await page
        .getByText(/^No se pudo guardar: no hay conexión con el servidor/)
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page
        .getByRole("alert")
        .filter({ hasText: /^Sin conexión con el servidor/ })
        .waitFor();
      await expect(page.getByLabel("Nombre", { exact: true }).inputValue()).resolves.toBe("Congelados");

      await context.unroute("**/api/categories");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByRole("status").filter({ hasText: "Guardado" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await heading(page, "Congelados").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const saved = await api<{ items: { name: string }[] }>(suite.url, suite.token, "/api/categories?q=Congelados");
      expect(saved.body.items.map((c) => c.name)).toEqual(["Congelados"]);
    } finally {
      await context.close();
    }
  });

  test("(d) two admins edit the same product: conflict, reload, save anyway, history", async (ctx) => {
    // Needs bo-server (CONTRACT.md §2 expectedVersion, §4 audit log): refused with 400 before that merge.
    const probe = await api(suite.url, suite.token, "/api/audit-log?entity=products&limit=1");
    if (probe.status !== 200) {
      console.warn(
        `[backOffice e2e] (d) skipped: this server has no audit log / expectedVersion yet (${probe.status})`,
      );
      ctx.skip();
    }
    const first = await suite.newPage({ width: 1366, height: 900 });
    const second = await suite.newPage({ width: 1366, height: 900 });
    try {
      const a = first.page;
      const b = second.page;
      await adminInBackOffice(a, suite.url, "/admin/productos");
      await adminInBackOffice(b, suite.url, "/admin/productos");

      // Sorting by a column and filtering (CONTRACT.md §1), kept in the URL.
      await a.getByRole("button", { name: "Precio" }).click();
      await a.getByRole("button", { name: "Precio" }).click();
      await a.waitForURL(/orden=-price/);
      await a.getByLabel("Impuesto").selectOption({ label: "Exento" });
      await a.waitForURL(/taxId=/);
      const taxCells = () => a.locator("tbody tr td:nth-child(6)").allTextContents();
      await expect
        .poll(async () => new Set(await taxCells()), { timeout: till.SETTLE_TIMEOUT_MS })
        .toEqual(new Set(["Exento"]));
      const prices = (await a.locator("tbody tr td:nth-child(5)").allTextContents()).map((p) =>
        Number(p.replace(/[^\d]/g, "")),
      );
      expect(prices).toEqual([...prices].sort((x, y) => y - x));
      await openProduct(a, "Buñuelo");
      await openProduct(b, "Buñuelo");

      await a.getByLabel("Precio con impuesto").fill("1.700");
      await a.getByRole("button", { name: "Guardar" }).click();
      await a.getByRole("status").filter({ hasText: "Guardado" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

      await b.getByLabel("Referencia").fill("BUN-001");
      await b.getByRole("button", { name: "Guardar" }).click();
      const dialog = b.getByRole("alertdialog", { name: "Este producto cambió mientras lo editabas" });
      await dialog.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await b.screenshot({ path: join(imagesDir, "backoffice-conflict.png") });
      // What B typed is still in the form behind the dialog.
      await expect(b.getByLabel("Referencia").inputValue()).resolves.toBe("BUN-001");

      await dialog.getByRole("button", { name: "Recargar" }).click();
      await expect(b.getByLabel("Precio con impuesto").inputValue()).resolves.toBe("1700");
      await expect(b.getByLabel("Referencia").inputValue()).resolves.toBe("REF-038"); // the demo's, as A left it

      // B edits again while A saves once more; B overwrites.
      await b.getByLabel("Referencia").fill("BUN-002");
      await a.getByLabel("Precio con impuesto").fill("1.800");
      await a.getByRole("button", { name: "Guardar" }).click();
      await a.getByRole("status").filter({ hasText: "Guardado" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await b.getByRole("button", { name: "Guardar" }).click();
      await dialog.getByRole("button", { name: "Guardar de todos modos" }).click();
      await b.getByRole("status").filter({ hasText: "Guardado" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await expect(b.getByLabel("Referencia").inputValue()).resolves.toBe("BUN-002");

      await b.getByText("Historial de cambios").click();
      // Who changed what: B's overwrite puts back the price B had loaded, beside the new reference.
      const history = b.locator(".bo-history");
      await history.getByText("Referencia: REF-038 → BUN-002").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await history.getByText("Precio: $ 1.800 → $ 1.700").first().waitFor();
      await expect(history.getByText("Administradora Ejemplar").count()).resolves.toBeGreaterThanOrEqual(3);
      await b.screenshot({ path: join(imagesDir, "backoffice-history.png"), fullPage: true });
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });
});

describe.skipIf(!runBrowserTests)("an ended admin session in the back office (issue 11)", () => {
  // The admin's sign-in ends after 7.2 s without use (4 h in production).
  const suite = useE2eSuite({ env: { ADMIN_SESSION_IDLE_HOURS: "0.002" } });

  test("Guardar asks for the password again over the form, and saves what was typed", async () => {
    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      // The idle limit (7.2 s) runs from the token's last use: any authenticated call restarts it, and
      // the server may answer from its 5 s token cache, so the save waits 7.2 + 5 s and a margin.
      let lastUse = Date.now();
      page.on("request", (request) => {
        if (request.headers().authorization) lastUse = Date.now();
      });
      await adminInBackOffice(page, suite.url, "/admin/bodegas/nuevo");
      await heading(page, "Nueva bodega").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.getByLabel("Nombre", { exact: true }).fill("Bodega del centro");
      while (Date.now() < lastUse + 13_500) await page.waitForTimeout(lastUse + 13_500 - Date.now());
      await page.getByRole("button", { name: "Guardar" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("heading", { name: "Tu sesión de administrador terminó" }).waitFor();
      await dialog.getByLabel("Contraseña").fill(demoLogins.admin.password);
      await dialog.getByRole("button", { name: "Ingresar de nuevo" }).click();
      await dialog.waitFor({ state: "detached", timeout: till.SETTLE_TIMEOUT_MS });
      await expect(page.getByLabel("Nombre", { exact: true }).inputValue()).resolves.toBe("Bodega del centro");
      await page.getByRole("button", { name: "Guardar" }).click();
      await heading(page, "Bodega del centro").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });
});
