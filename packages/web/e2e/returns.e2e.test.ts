/**
 * Issue 13 in a real browser: on Caja 1 (shift with a base of 100.000) sell 3 items in one invoice,
 * lose the connection, return 1 of them refunded in cash → the "Nota crédito NC-…" receipt, the
 * invoice "Devuelta parcialmente", and the shift's expected cash lowered by the refund; back online
 * the credit note reaches the server exactly once. An admin on Caja 2 voids a synced invoice →
 * "Anulada", and the numbering report counts it voided.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

/** "$ 123.456" → centavos. */
const centavosOf = (money: string) => Number(money.replace(/[^\d]/g, "")) * 100;

interface Report {
  totals: { used: number; voided: number };
}

async function getJson<T>(url: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** "Cerrar turno" → the expected cash of the shift → "Cancelar". */
async function expectedCash(page: Page): Promise<number> {
  await page.getByRole("button", { name: "Cerrar turno", exact: true }).click();
  const cashRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Efectivo" }) });
  await cashRow.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
  const amount = centavosOf(((await cashRow.getByRole("cell").first().textContent()) ?? "").trim());
  await page.getByRole("button", { name: "Cancelar", exact: true }).click();
  return amount;
}

/** From the sale screen: "Ingresos → Historial de ventas" → the invoice's detail. */
async function openInvoice(page: Page, number: string) {
  await till.openSalesHistory(page);
  await page.getByRole("button", { name: `Abrir factura ${number}` }).click();
}

describe.skipIf(!runBrowserTests)("returns and voids at the till (issue 13)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("return 1 of 3 offline with a cash refund → NC receipt, expected cash lowered; online → synced once, Devuelta parcialmente; an admin voids another → counted voided", async () => {
    const { context, page } = await suite.newPage();
    try {
      till.confirmLeaving(page);
      await page.goto(suite.url);
      await till.logIn(page);
      await till.pickTerminal(page, "Caja 1");
      await till.waitUntilReady(page, undefined, { shift: "leave" });
      await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await till.openShift(page, "100.000");
      await till.waitForOfflineShell(page);
      const products = till.demoProductNames.slice(0, 3);
      const { number } = await till.sellAndPayCash(page, products);
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const before = await expectedCash(page);

      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      await openInvoice(page, number);
      await page.getByRole("button", { name: "Devolución", exact: true }).click();
      const form = page.getByRole("form", { name: `Devolución de la factura ${number}` });
      await form.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // Never more than was sold: 2 of a line sold once is refused.
      await page.getByLabel(`Cantidad a devolver de ${products[0]}`).fill("2");
      await page.getByLabel("Motivo", { exact: true }).fill("Producto defectuoso");
      await page.getByRole("button", { name: "Confirmar devolución" }).click();
      await page.getByRole("alert").filter({ hasText: "No se puede devolver más" }).waitFor();
      await page.getByLabel(`Cantidad a devolver de ${products[0]}`).fill("1");
      expect(await page.getByLabel("Reembolso").locator("option:checked").textContent()).toBe("Efectivo del turno");
      await page.getByRole("button", { name: "Confirmar devolución" }).click();
      const receipt = page.getByRole("article", { name: /^Nota crédito NC-\d+$/ });
      await receipt.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const noteNumber = ((await receipt.getAttribute("aria-label")) ?? "").replace(/^Nota crédito /, "");
      const printed = ((await receipt.textContent()) ?? "").replace(/\s+/g, " ");
      expect(printed).toContain(`Devolución de la factura ${number}`);
      expect(printed).toContain(products[0]);
      expect(printed).toContain("Motivo: Producto defectuoso");
      const refunded = centavosOf(printed.match(/Total\s?\$\s?[\d.]+/)?.[0] ?? "");
      expect(refunded).toBeGreaterThan(0);
      await page.getByRole("button", { name: "Volver a la factura" }).click();
      await page.getByText("Devuelta parcialmente").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.getByText(`Nota crédito ${noteNumber}`).waitFor();

      // The shift expects the refund out of the drawer.
      await till.backToSale(page);
      expect(await expectedCash(page)).toBe(before - refunded);

      await till.goOnline(context);
      await till.waitForConnectivity(page, "En línea");
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const { items } = await till.serverInvoices(suite.url, suite.token);
      const sold = items.find((i) => till.printedNumber(i) === number);
      expect(sold).toBeDefined();
      await expect
        .poll(
          async () => {
            const detail = await getJson<{ returnStatus: string; creditNotes: { prefix: string; number: number }[] }>(
              suite.url,
              suite.token,
              `/api/invoices/${sold?.id}`,
            );
            return [detail.returnStatus, detail.creditNotes.map((c) => `${c.prefix}-${c.number}`)];
          },
          { timeout: till.SETTLE_TIMEOUT_MS },
        )
        .toEqual(["partially_returned", [noteNumber]]);
      await openInvoice(page, number);
      await page.getByText("Devuelta parcialmente").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.locator(".invoice-returns .status-badge", { hasText: "Sincronizada" }).waitFor();
    } finally {
      await context.close();
    }

    // An admin on Caja 2 voids a synced invoice of theirs.
    const admin = await suite.newPage();
    try {
      const page = admin.page;
      till.confirmLeaving(page);
      await page.goto(suite.url);
      await till.logIn(page, demoLogins.admin);
      await till.pickTerminal(page, "Caja 2");
      await till.waitUntilReady(page, undefined, { shift: "leave" });
      await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await till.openShift(page, "50.000");
      const { number } = await till.sellAndPayCash(page, [till.demoProductNames[4] as string]);
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      const pos = await getJson<{ items: { id: string; prefix: string; kind: string }[] }>(
        suite.url,
        suite.token,
        "/api/numberings?limit=50",
      );
      const posNumbering = pos.items.find((n) => n.prefix === "POS");
      const reportBefore = await getJson<Report>(suite.url, suite.token, `/api/numberings/${posNumbering?.id}/report`);
      await openInvoice(page, number);
      await page.getByRole("button", { name: "Anular", exact: true }).click();
      await page.getByLabel("Motivo de la anulación").fill("Registrada por error");
      await page.getByRole("button", { name: "Anular factura" }).click();
      await till.detailStatusIs(page, "Anulada");
      await page
        .getByRole("article", { name: `Factura ${number}` })
        .getByText("ANULADA")
        .waitFor();
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await expect
        .poll(
          async () =>
            (await getJson<Report>(suite.url, suite.token, `/api/numberings/${posNumbering?.id}/report`)).totals.voided,
          { timeout: till.SETTLE_TIMEOUT_MS },
        )
        .toBe(reportBefore.totals.voided + 1);
      const { items } = await till.serverInvoices(suite.url, suite.token);
      expect(items.find((i) => till.printedNumber(i) === number)?.status).toBe("voided");
    } finally {
      await admin.context.close();
    }
  }, 240_000);
});
