/**
 * Issue 14 in a real browser: stock at the till and in the back office "Inventario".
 * A tracked product is counted to 5 (an adjustment through the API); the till shows 5 on its tile,
 * sells 2 and shows 3 at once (a pending sale counts); the back office shows 3 and the kardex lists
 * the sale; an adjustment to 10 made in the back office shows at the till after the next sync.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const PRODUCT = "Gaseosa Cola 400 ml";

async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The tile's stock text ("3 disp."), read from the product's tile in the till's search results. */
async function tileStock(page: Page, expected: string) {
  await till.productSearch(page).fill(PRODUCT);
  const tile = page.getByRole("button", { name: PRODUCT, exact: true });
  await tile.locator(".product-tile__stock", { hasText: expected }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
}

describe.skipIf(!runBrowserTests)("inventory (issue 14)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("sell 2 of 5 → the tile shows 3; the back office shows 3 and the sale in the kardex; a count of 10 reaches the till", async () => {
    const { url, token } = suite;
    const stock = await call<{ items: { productId: string; warehouseId: string }[] }>(
      url,
      token,
      "GET",
      `/api/inventory/stock?q=${encodeURIComponent(PRODUCT)}`,
    );
    const row = stock.items[0];
    if (!row) throw new Error(`${PRODUCT} is not stock-tracked`);
    await call(url, token, "POST", "/api/inventory/adjustments", {
      warehouseId: row.warehouseId,
      reason: "Conteo e2e",
      lines: [{ productId: row.productId, counted: 5 }],
    });

    const { page } = await suite.newPage({ width: 1366, height: 900 });
    await till.openTill(page, url, "Caja 1");
    await tileStock(page, "5 disp.");
    await till.sellAndPayCash(page, [PRODUCT, PRODUCT]);
    await tileStock(page, "3 disp.");
    await till.waitForSyncIndicator(page, "Sincronizado 100%");

    const admin = await suite.newPage({ width: 1366, height: 900 });
    const bo = admin.page;
    await bo.goto(`${url}/admin/inventario`);
    await till.logIn(bo, demoLogins.admin);
    await bo.getByRole("heading", { name: "Inventario", level: 1 }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    await bo.getByRole("searchbox", { name: "Buscar producto" }).fill(PRODUCT);
    const listed = bo.getByTestId(`stock-row-${row.productId}`).getByTestId("stock-quantity");
    await listed.filter({ hasText: /^3$/ }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    await bo.getByRole("button", { name: PRODUCT, exact: true }).click();
    const sale = bo
      .getByTestId("kardex-movement")
      .filter({ has: bo.getByRole("cell", { name: "Venta", exact: true }) });
    await sale.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    expect(await sale.textContent()).toMatch(/POS-\d+/);

    // "Ajuste de inventario" in the back office: count 10.
    await bo.getByRole("button", { name: "Volver al inventario" }).click();
    await bo.getByRole("button", { name: "Ajuste de inventario" }).click();
    await bo.getByLabel("Bodega").selectOption(row.warehouseId);
    await bo.getByLabel("Motivo").fill("Conteo físico e2e");
    await bo.getByRole("searchbox", { name: "Buscar producto" }).fill(PRODUCT);
    await bo.getByRole("textbox", { name: `Contado ${PRODUCT}` }).fill("10");
    await bo.getByRole("button", { name: "Guardar", exact: true }).click();
    await bo.getByText("Guardado: 1 productos.").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    await admin.context.close();

    await page.getByRole("button", { name: "Sincronizar" }).click();
    await tileStock(page, "10 disp.");
  });
});
