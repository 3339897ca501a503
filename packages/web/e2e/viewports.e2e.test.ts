/**
 * Issue 16, phones and tablets: a cashier sells a sale end to end at 360 × 800, 390 × 844 (phones),
 * 768 × 1024 (tablet, portrait) and 1366 × 768 (desktop): login, terminal, shift, products, payment,
 * receipt, history. On every screen the page is no wider than the window
 * (`document.documentElement.scrollWidth <= innerWidth`); on phones and tablets every control is at
 * least 44 × 44 px. Screenshots: docs/images/viewport-<w>x<h>-<screen>.png. Phones: catalog and cart
 * are two views joined by "Ver venta (3) · $ …", the header folds into "Menú" (with "Cerrar sesión"),
 * the history is a list of cards. The back office's screens are checked at 360 px too.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import {
  backOfficePaths,
  clippedAtRightEdge,
  horizontalOverflow,
  imagesDir,
  openBackOfficeScreen,
  openFoldedMenu,
  smallTouchTargets,
  type Viewport,
} from "./support/layoutChecks";
import * as till from "./support/tillSteps";

const viewports: readonly Viewport[] = [
  { width: 360, height: 800 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1366, height: 768 },
];
const isPhone = (viewport: Viewport) => viewport.width <= 640;
const isTouch = (viewport: Viewport) => viewport.width <= 1024;

/** No sideways scrolling here, controls big enough for a finger (phones, tablets), and a picture for the docs. */
async function checkScreen(page: Page, viewport: Viewport, screen: string, options: { screenshot?: boolean } = {}) {
  const { overflow, offenders } = await horizontalOverflow(page);
  expect(
    overflow,
    `${screen} at ${viewport.width}px is wider than the window: ${offenders.join(", ")}`,
  ).toBeLessThanOrEqual(0);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    `${screen}: scrollWidth <= innerWidth`,
  ).toBe(true);
  expect(await clippedAtRightEdge(page), `${screen}: cut at the right edge`).toEqual([]);
  if (isTouch(viewport)) expect(await smallTouchTargets(page), `${screen}: controls under 44 × 44 px`).toEqual([]);
  if (options.screenshot !== false) {
    await page.screenshot({ path: join(imagesDir, `viewport-${viewport.width}x${viewport.height}-${screen}.png`) });
  }
}

/** The element's box lies inside the window (not cut on either side, not below the fold). */
async function fullyInWindow(selector: ReturnType<Page["locator"]>, what: string, viewport: Viewport) {
  const box = await selector.boundingBox();
  expect(box, `${what} is on screen`).not.toBeNull();
  if (!box) return;
  expect(box.x, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} ends inside the window`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y + box.height, `${what} is above the fold`).toBeLessThanOrEqual(viewport.height + 0.5);
}

describe.skipIf(!runBrowserTests)("the till on phones, tablets and desktops (issue 16)", () => {
  const suite = useE2eSuite();

  for (const [i, viewport] of viewports.entries()) {
    test(`sells a sale end to end at ${viewport.width} × ${viewport.height}`, async () => {
      const terminal = i % 2 === 0 ? "Caja 1" : "Caja 2";
      const { context, page } = await suite.newPage(viewport);
      try {
        till.confirmLeaving(page);
        await page.goto(suite.url);
        await page.getByLabel("Correo electrónico").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await checkScreen(page, viewport, "login");
        await till.logIn(page);
        await page
          .getByRole("heading", { name: "Elige la caja de este dispositivo" })
          .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await checkScreen(page, viewport, "terminal");
        await till.pickTerminal(page, terminal);
        await till.waitUntilReady(page, undefined, { shift: "leave" });
        if (!(await till.productSearch(page).isVisible())) {
          await checkScreen(page, viewport, "shift");
          await till.waitUntilReady(page, terminal);
        }

        // The storage warning (when the browser refused persistent storage) is one line and leaves the search free.
        const search = till.productSearch(page);
        const warning = page.getByRole("region", { name: "Almacenamiento del navegador" });
        // Headless Chromium refuses persistent storage to a site that is not installed: the warning shows.
        if (i === 0) await warning.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        if (await warning.isVisible()) {
          expect((await warning.boundingBox())?.height ?? 0).toBeLessThanOrEqual(52);
          await warning.getByRole("button", { name: "Más información" }).waitFor();
        }
        await fullyInWindow(search, "Buscar producto", viewport);
        expect(
          await search.evaluate((input) => {
            const box = input.getBoundingClientRect();
            return document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === input;
          }),
          "nothing covers the search box",
        ).toBe(true);
        await checkScreen(page, viewport, "sale");

        // The shift bar's panels ("Movimientos de efectivo", "Cerrar turno" with the count by bills and coins).
        for (const [button, screen] of [
          ["Movimientos de efectivo", "cash-movement"],
          ["Cerrar turno", "close-shift"],
        ] as const) {
          await page.getByRole("button", { name: button, exact: true }).click();
          const cancel = page.getByRole("button", { name: "Cancelar", exact: true });
          await cancel.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          await checkScreen(page, viewport, screen, { screenshot: isPhone(viewport) });
          await cancel.click();
        }
        if (i === 0) {
          // "Más información" opens the whole explanation under the line, and closes it again.
          await warning.getByRole("button", { name: "Más información" }).click();
          await warning.getByText(/almacenamiento persistente/).waitFor();
          await checkScreen(page, viewport, "storage-warning");
          await warning.getByRole("button", { name: "Más información" }).click();
          await warning.getByText(/almacenamiento persistente/).waitFor({ state: "hidden" });
        }

        // Three articles: two Pan de bono and a Gaseosa.
        await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
        await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
        await page.getByRole("button", { name: "Gaseosa Cola 400 ml", exact: true }).click();
        const total = (await page.getByTestId("sale-total").textContent())?.trim() ?? "";
        expect(total).toMatch(/^\$\s[\d.]+$/);

        if (isPhone(viewport)) {
          const viewSale = page.getByRole("button", { name: /^Ver venta/ });
          expect((await viewSale.textContent())?.replace(/\s+/g, " ").trim()).toBe(
            `Ver venta (3) · ${total.replace(/\s+/g, " ")}`,
          );
          await fullyInWindow(viewSale, "Ver venta", viewport);
          await checkScreen(page, viewport, "catalog");
          await viewSale.click();
          await page.getByRole("button", { name: "Agregar productos" }).waitFor();
          expect(await search.isVisible(), "the catalog is the other view").toBe(false);
          await page.getByRole("button", { name: "Nuevo cliente", exact: true }).click();
          const cancel = page.getByRole("button", { name: "Cancelar", exact: true });
          await cancel.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          await checkScreen(page, viewport, "new-client");
          await cancel.click();
        }
        // Every cart line, the total and "Siguiente" show at once (the lines scroll, the totals stay).
        const cart = page.getByRole("region", { name: "Venta actual" });
        for (const name of ["Pan de bono", "Gaseosa Cola 400 ml"])
          await fullyInWindow(cart.getByText(name, { exact: true }), name, viewport);
        await fullyInWindow(page.getByTestId("sale-total"), "Total", viewport);
        await fullyInWindow(page.getByRole("button", { name: "Siguiente" }), "Siguiente", viewport);
        // A line's ✕ stays on the row of its − and + (at 768 px it used to wrap onto a row of its own).
        for (const name of ["Pan de bono", "Gaseosa Cola 400 ml"]) {
          const remove = await cart.getByRole("button", { name: `Quitar ${name}` }).boundingBox();
          const decrease = await cart.getByRole("button", { name: `Disminuir cantidad de ${name}` }).boundingBox();
          expect(Math.abs((remove?.y ?? 0) - (decrease?.y ?? 999)), `${name}: ✕ on the row of −`).toBeLessThan(4);
        }
        await checkScreen(page, viewport, "cart");

        // Payment: "Pago", "Total" and "Cambio" whole, nothing to scroll sideways.
        await page.getByRole("button", { name: "Siguiente", exact: true }).click();
        const paymentForm = page.getByRole("form", { name: "Pago" });
        await paymentForm.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        const method = page.getByLabel("Método de pago").first();
        const cash = await method.locator("option", { hasText: "Efectivo" }).getAttribute("value");
        await method.selectOption(cash ?? "");
        for (const label of ["Pago", "Total", "Cambio"])
          await fullyInWindow(paymentForm.getByText(label, { exact: true }).first(), label, viewport);
        await fullyInWindow(page.getByRole("button", { name: "Facturar" }), "Facturar", viewport);
        await checkScreen(page, viewport, "payment");
        await page.getByRole("button", { name: "Facturar", exact: true }).click();

        const receipt = page.getByRole("article", { name: /^Factura / });
        await receipt.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        const number = ((await receipt.getAttribute("aria-label")) ?? "").replace(/^Factura /, "").trim();
        await checkScreen(page, viewport, "receipt");
        await page.getByRole("button", { name: "Nueva venta" }).click();
        await search.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

        // The header: on phones and tablets "Menú" holds the navigation and "Cerrar sesión".
        if (await openFoldedMenu(page)) {
          await fullyInWindow(page.getByRole("button", { name: "Cerrar sesión" }), "Cerrar sesión", viewport);
          await page.getByRole("button", { name: "Ingresos" }).click();
          await checkScreen(page, viewport, "menu");
          await page.getByRole("menuitem", { name: "Historial de ventas" }).click();
        } else {
          await fullyInWindow(page.getByRole("button", { name: "Cerrar sesión" }), "Cerrar sesión", viewport);
          await page.getByRole("button", { name: "Ingresos" }).click();
          await page.getByRole("menuitem", { name: "Historial de ventas" }).click();
        }
        await page.getByRole("heading", { name: "Historial de ventas" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        const open = page.getByRole("button", { name: `Abrir factura ${number}` });
        await open.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        if (isPhone(viewport)) {
          expect(await page.getByRole("table").count(), "no table on a phone").toBe(0);
          const card = page
            .getByRole("list", { name: "Historial de ventas" })
            .getByRole("listitem")
            .filter({ has: open });
          expect(await card.textContent()).toContain(total.replace(/\s+/g, " ").slice(2));
          await fullyInWindow(card.locator(".status-badge"), "Estado", viewport);
        } else {
          expect(await till.readHistory(page)).toContainEqual({ number, status: expect.any(String) });
        }
        await checkScreen(page, viewport, "history");
        await open.click();
        await page.getByRole("article", { name: `Factura ${number}` }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await checkScreen(page, viewport, "invoice", { screenshot: isPhone(viewport) });

        if (i === 0) {
          // "Ocultar por hoy" hides the storage warning for the shop's day, across reloads.
          await warning.getByRole("button", { name: "Ocultar por hoy" }).click();
          await warning.waitFor({ state: "hidden" });
          expect(await page.evaluate(() => localStorage.getItem("mostrador.storageWarning.dismissedOn"))).toMatch(
            /^\d{4}-\d{2}-\d{2}$/,
          );
          await page.reload();
          await search.waitFor({ timeout: till.LOAD_TIMEOUT_MS });
          expect(await warning.isVisible()).toBe(false);
        }
      } finally {
        await context.close();
      }
    });
  }

  test("every back-office screen fits a 360 px phone", async () => {
    const viewport = { width: 360, height: 800 };
    const { context, page } = await suite.newPage(viewport);
    try {
      await page.goto(`${suite.url}/admin`);
      await till.logIn(page, demoLogins.admin);
      const paths = await backOfficePaths(page);
      expect(paths.length).toBeGreaterThanOrEqual(10);
      for (const path of paths) {
        await openBackOfficeScreen(page, path);
        await page.waitForLoadState("networkidle");
        const screen = `admin-${path.replace("/admin/", "")}`;
        await checkScreen(page, viewport, screen, { screenshot: path === "/admin/productos" });
      }
    } finally {
      await context.close();
    }
  });
});
