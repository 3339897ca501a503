/**
 * Issue 6 in a real browser: an invoice sold offline is rejected when an admin deactivated its
 * product meanwhile; it waits in "Error" with the reason, is fixed with "Editar" and synced as a
 * new revision; one invalid invoice among 20 valid ones never holds the others back.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

describe.skipIf(!runBrowserTests)("invoices in error (issue 6)", () => {
  const suite = useE2eSuite({ adminToken: true });

  async function newTill(): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await suite.newPage();
    await till.openTill(opened.page, suite.url, "Caja 1");
    return opened;
  }

  test("offline sale of a product deactivated meanwhile: Error with the reason → Editar → replace it → Sincronizada", async () => {
    const { context, page } = await newTill();
    try {
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const number = await till.sell(page, ["Croissant"], "Pedro Osorio");
      expect(number).toMatch(/^POS-\d+$/);

      // Meanwhile an admin deactivates the product.
      await till.deactivateProduct(suite.url, suite.token, "Croissant");

      await till.goOnline(context);
      await till.waitForConnectivity(page, "En línea");
      await till.openSalesHistory(page);
      await expect
        .poll(async () => (await till.historyStatuses(page))[number], { timeout: till.SETTLE_TIMEOUT_MS })
        .toBe("Error");
      const reason = 'El producto "Croissant" ya no está activo';
      await page.locator(".history__reasons", { hasText: reason }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

      // The errors filter keeps it.
      await page.getByRole("button", { name: "Con error (1)" }).click();
      expect(Object.keys(await till.historyStatuses(page))).toEqual([number]);

      await page.getByRole("button", { name: `Abrir factura ${number}` }).click();
      await page.getByRole("alert").filter({ hasText: reason }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      for (const label of ["Editar", "Sincronizar de nuevo", "Anular"]) {
        expect(await page.getByRole("button", { name: label, exact: true }).isVisible()).toBe(true);
      }
      // Online, the detail shows the server's attempt.
      await page.getByText(/Revisión 1 · .* · rechazada/).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

      await page.getByRole("button", { name: "Editar", exact: true }).click();
      await page
        .getByRole("heading", { name: `Editar factura ${number}` })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // Prefilled with the invoice's line and client.
      await page.getByRole("button", { name: "Quitar Croissant" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await page.getByRole("button", { name: /^Cliente: Pedro Osorio\./ }).isVisible()).toBe(true);
      await page.getByRole("button", { name: "Quitar Croissant" }).click();
      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await till.payCashAndInvoice(page);

      await page.getByText("Se guardó la revisión 2 de la factura").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await till.detailStatusIs(page, "Sincronizada");

      const onServer = (await till.serverInvoices(suite.url, suite.token)).items.filter(
        (i) => till.printedNumber(i) === number,
      );
      expect(onServer).toMatchObject([{ status: "accepted", revision: 2 }]);
      const detail = await fetch(`${suite.url}/api/invoices/${onServer[0]?.id}`, {
        headers: { authorization: `Bearer ${suite.token}` },
      }).then((r) => r.json() as Promise<{ document: { lines: { description: string }[] }; attempts: unknown[] }>);
      expect(detail.document.lines.map((l) => l.description)).toEqual(["Pan de bono"]);
      expect(detail.attempts).toHaveLength(2);
    } finally {
      await context.close();
    }
  });

  test("one invalid invoice among 20 valid ones: the 20 sync, the one waits in Error", async () => {
    const { context, page } = await newTill();
    try {
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const invalid = await till.sell(page, ["Buñuelo"]);
      const valid: string[] = [];
      const products = ["Pan de bono", "Almojábana", "Empanada de carne", "Arepa de huevo"];
      for (let i = 0; i < 20; i++) valid.push(await till.sell(page, [products[i % products.length] as string]));
      expect(new Set([invalid, ...valid]).size).toBe(21);

      await till.deactivateProduct(suite.url, suite.token, "Buñuelo");
      await till.goOnline(context);
      await till.openSalesHistory(page);
      const expected = { [invalid]: "Error", ...Object.fromEntries(valid.map((n) => [n, "Sincronizada"])) };
      await expect.poll(() => till.historyStatuses(page), { timeout: till.SETTLE_TIMEOUT_MS }).toEqual(expected);
      await page.locator(".history__reasons", { hasText: 'El producto "Buñuelo" ya no está activo' }).waitFor();

      const statuses = new Map(
        (await till.serverInvoices(suite.url, suite.token)).items.map((i) => [till.printedNumber(i), i.status]),
      );
      for (const n of valid) expect(statuses.get(n)).toBe("accepted");
      expect(statuses.get(invalid)).toBe("rejected");
      await page.getByRole("status", { name: "1 con error", exact: true }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });

  test("Sincronizar de nuevo after an admin reactivated the product; Anular needs a connection and a reason", async () => {
    const { context, page } = await newTill();
    try {
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const resent = await till.sell(page, ["Tamal tolimense"]);
      const voided = await till.sell(page, ["Torta de chocolate porción"]);
      await till.deactivateProduct(suite.url, suite.token, "Tamal tolimense");
      await till.deactivateProduct(suite.url, suite.token, "Torta de chocolate porción");
      await till.goOnline(context);
      await till.openSalesHistory(page);
      await expect
        .poll(() => till.historyStatuses(page), { timeout: till.SETTLE_TIMEOUT_MS })
        .toMatchObject({ [resent]: "Error", [voided]: "Error" });

      // The cause is fixed on the server: the same revision is sent again and accepted.
      await till.setProductActive(suite.url, suite.token, "Tamal tolimense", true);
      await page.getByRole("button", { name: `Abrir factura ${resent}` }).click();
      await page.getByRole("button", { name: "Sincronizar de nuevo", exact: true }).click();
      await till.detailStatusIs(page, "Sincronizada");
      await page.getByRole("button", { name: "Volver al historial" }).click();

      // Offline, "Anular" explains that voiding needs a connection.
      await page.getByRole("button", { name: `Abrir factura ${voided}` }).click();
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      await page.getByRole("button", { name: "Anular", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: `Anular factura ${voided}` });
      await dialog
        .getByText("Anular una factura necesita conexión a internet")
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await dialog.getByRole("button", { name: "Confirmar anulación" }).isDisabled()).toBe(true);
      await dialog.getByRole("button", { name: "Cancelar" }).click();

      await till.goOnline(context);
      await till.waitForConnectivity(page, "En línea");
      await page.getByRole("button", { name: "Anular", exact: true }).click();
      await dialog.getByRole("button", { name: "Confirmar anulación" }).click();
      await dialog.getByText("Escribe el motivo de la anulación.").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await dialog.getByLabel("Motivo de la anulación").fill("El cliente no se llevó el producto");
      await dialog.getByRole("button", { name: "Confirmar anulación" }).click();
      await till.detailStatusIs(page, "Anulada");
      await page
        .getByText("Anulada. Motivo: El cliente no se llevó el producto")
        .first()
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

      const statuses = new Map(
        (await till.serverInvoices(suite.url, suite.token)).items.map((i) => [till.printedNumber(i), i]),
      );
      expect(statuses.get(resent)).toMatchObject({ status: "accepted", revision: 1 });
      expect(statuses.get(voided)).toMatchObject({ status: "voided" });
    } finally {
      await context.close();
    }
  });
});
