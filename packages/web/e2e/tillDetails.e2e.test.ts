/**
 * Issue 16, details of the till a new cashier stumbled on: ↑/↓ through search results with Enter adding the
 * highlighted one, quick cash buttons on the payment step, and "Sincronizar" while offline saying why nothing
 * happened; a fixed line discount and a discount on the whole ticket, on the receipt and on the server.
 */
import { describe, expect, test } from "vitest";
import { runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

describe.skipIf(!runBrowserTests)("till details (issue 16)", () => {
  const suite = useE2eSuite();

  test("↑/↓ + Enter pick among several matches; quick cash fills «Recibido»; «Sincronizar» offline says why; the picker marks electronic tills", async () => {
    const { context, page } = await suite.newPage();
    try {
      // The terminal picker marks the electronic till (Caja 3): it cannot invoice offline.
      till.confirmLeaving(page);
      await page.goto(suite.url);
      await till.logIn(page);
      const caja3 = page.getByRole("button", { name: "Caja 3", exact: true });
      await caja3.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const noteId = await caja3.getAttribute("aria-describedby");
      expect(await page.locator(`[id="${noteId}"]`).textContent()).toBe("Factura electrónica — requiere conexión");
      expect(
        await page.getByRole("button", { name: "Caja 1", exact: true }).getAttribute("aria-describedby"),
      ).toBeNull();
      await till.pickTerminal(page, "Caja 1");
      await till.waitUntilReady(page, "Caja 1");
      await till.waitForOfflineShell(page);
      const search = till.productSearch(page);
      const highlighted = () => page.locator(".product-grid [aria-current='true']").getAttribute("aria-label");

      // Two products match "Gaseosa": ↓ ↓ highlights the second, ↑ goes back to the first, ↑ wraps to the last.
      await search.fill("Gaseosa");
      const matches = page.locator(".product-grid .product-tile");
      await expect.poll(() => matches.count()).toBe(2);
      const names = await matches.evaluateAll((tiles) => tiles.map((t) => t.getAttribute("aria-label")));
      await search.press("ArrowDown");
      await search.press("ArrowDown");
      expect(await highlighted()).toBe(names[1]);
      await search.press("ArrowUp");
      expect(await highlighted()).toBe(names[0]);
      await search.press("ArrowUp");
      expect(await highlighted()).toBe(names[1]);
      await search.press("Enter");
      // Enter added the highlighted product and cleared the search.
      await expect.poll(() => search.inputValue()).toBe("");
      await expect.poll(() => page.locator(".cart").textContent()).toContain(names[1] ?? "?");

      // Payment: $ 6.200 (Gaseosa Naranja) or $ 3.500 (Cola): «$ 10.000» sets Recibido and shows the change.
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await page.getByRole("heading", { name: "Pago", exact: true }).waitFor();
      const quickCash = page.getByRole("group", { name: "Efectivo recibido" });
      const buttons = await quickCash.getByRole("button").allTextContents();
      expect(buttons[0]).toMatch(/^Exacto \$/);
      await quickCash.getByRole("button", { name: /^\$\s10\.000$/ }).click();
      const total = Number(
        ((await page.getByTestId("payment-total").textContent()) ?? "").replace(/[^\d,]/g, "").replace(",", "."),
      );
      const change = Number(
        ((await page.getByTestId("payment-change").textContent()) ?? "").replace(/[^\d,]/g, "").replace(",", "."),
      );
      expect(total + change).toBe(10_000);
      await page.getByRole("button", { name: "Facturar", exact: true }).click();
      const receipt = page.getByRole("article", { name: /^Factura / });
      await receipt.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // The receipt: a four-digit year, and each tax rate on one line ("IVA 19 %  base $ 2.941,18  $ 558,82").
      expect(await receipt.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}/);
      const taxRows = receipt.locator(".receipt__tax");
      expect(await taxRows.count()).toBeGreaterThan(0);
      for (const row of await taxRows.all()) {
        const lineHeight = await row.evaluate((e) => Number.parseFloat(getComputedStyle(e).lineHeight) || 20);
        expect((await row.boundingBox())?.height ?? 999).toBeLessThan(lineHeight * 1.6);
        const cells = await row.evaluate((e) => [...e.children].map((c) => c.textContent).join(" "));
        expect(cells.replace(/\s+/g, " ")).toMatch(/^IVA 19 ?% base \$ [\d.,]+ \$ [\d.,]+$/);
      }
      await page.getByRole("button", { name: "Nueva venta" }).click();

      // Offline: «Sincronizar» says at once why nothing happened.
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      await page.getByRole("button", { name: "Sincronizar", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: "Sin conexión: se sincronizará al volver." })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // One sale offline, then «Cerrar sesión»: the first dialog already says «Hay 1 factura pendiente» and offers
      // «Exportar pendientes» (singular, through Intl.PluralRules).
      await till.sell(page, ["Croissant"]);
      await page.getByRole("button", { name: "Cerrar sesión" }).click();
      const dialog = page.getByRole("alertdialog");
      await dialog.getByText(/^Hay 1 factura pendiente que aún no está en el servidor/).waitFor();
      await dialog.getByRole("button", { name: "Exportar pendientes" }).waitFor();
      await dialog.getByRole("button", { name: "Entendido" }).click();

      await till.goOnline(context);
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
    } finally {
      await context.close();
    }
  });
  test("a fixed line discount ($ 1.900) and 10 % off the ticket: the receipt and the server show the same totals", async () => {
    const { context, page } = await suite.newPage();
    try {
      await till.openTill(page, suite.url, "Caja 2");
      await page.getByRole("button", { name: "Café molido 250 g", exact: true }).click();
      await page.getByRole("button", { name: "Gaseosa Cola 400 ml", exact: true }).click();
      // The line's discount field reads "$ 1.900" as an amount (the field shows % until told otherwise).
      const lineDiscount = page.getByRole("textbox", { name: "Descuento de Café molido 250 g" });
      await lineDiscount.fill("$ 1.900");
      await lineDiscount.press("Enter");
      await expect.poll(() => lineDiscount.inputValue()).toBe("$ 1.900");
      // $ 12.900 − $ 1.900 + $ 3.500 = $ 14.500; 10 % off the ticket: $ 1.450 → $ 13.050.
      const ticketDiscount = page.getByRole("textbox", { name: "Descuento al total" });
      await ticketDiscount.fill("10 %");
      await ticketDiscount.press("Enter");
      await expect.poll(() => page.getByTestId("ticket-discount").textContent()).toBe("−$ 1.450");
      await expect.poll(() => page.getByTestId("sale-total").textContent()).toBe("$ 13.050");
      await till.payCashAndInvoice(page);
      const receipt = page.getByRole("article", { name: /^Factura / });
      await receipt.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const text = ((await receipt.textContent()) ?? "").replace(/\s+/g, " ");
      expect(text).toContain("Descuento $ 1.900");
      expect(text).toContain("$ 11.000");
      expect(text).toContain("Valor de las líneas$ 14.500");
      expect(text).toContain("Descuento al total (10 %)−$ 1.450");
      expect(text).toMatch(/Total\$ 13\.050/);
      const number = ((await receipt.getAttribute("aria-label")) ?? "").replace(/^Factura /, "").trim();
      await page.getByRole("button", { name: "Nueva venta" }).click();
      // The server recomputes the same total and accepts the sale.
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const token = await till.adminToken(suite.url);
      const { items } = await till.serverInvoices(suite.url, token);
      const invoice = items.find((i) => till.printedNumber(i) === number) as (typeof items)[0] & { total: number };
      expect(invoice).toMatchObject({ status: "accepted", total: 1_305_000 });
    } finally {
      await context.close();
    }
  });
});
