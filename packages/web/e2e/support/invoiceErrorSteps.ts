/**
 * Steps of the "Error" invoice flow (issue 6), by roles and the Spanish labels of the app.
 * Bounded polling waits only; no fixed sleeps.
 */
import type { BrowserContext, Page } from "playwright-core";
import { demoLogins } from "./browserHarness";

export const WAIT_MS = 30_000;
export const FIRST_LOAD_MS = 60_000;

export function acceptLeaving(page: Page): void {
  page.on("dialog", (dialog) => {
    void (dialog.type() === "beforeunload" ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
  });
}

/** Both, because setOffline alone was unreliable: the browser says offline and the API is unreachable. */
export async function cutNetwork(context: BrowserContext): Promise<void> {
  await context.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
}

export async function restoreNetwork(context: BrowserContext): Promise<void> {
  await context.unroute("**/api/**");
  await context.setOffline(false);
}

export async function connectivityIs(page: Page, label: "En línea" | "Sin conexión"): Promise<void> {
  await page
    .getByRole("status")
    .filter({ hasText: new RegExp(`^${label}$`) })
    .waitFor({ state: "visible", timeout: WAIT_MS });
}

/** Login as the cashier, "Caja 1", first load done. */
export async function openCaja1(page: Page, url: string): Promise<void> {
  acceptLeaving(page);
  await page.goto(url);
  await page.getByLabel("Correo electrónico").fill(demoLogins.cashier.email);
  await page.getByLabel("Contraseña").fill(demoLogins.cashier.password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await page.getByRole("button", { name: "Caja 1", exact: true }).click({ timeout: WAIT_MS });
  await page.getByRole("searchbox", { name: "Buscar producto" }).waitFor({ timeout: FIRST_LOAD_MS });
}

export async function chooseClient(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: /^Cliente: .*Cambiar cliente$/ }).click();
  await page.getByRole("searchbox", { name: "Buscar cliente por nombre o documento" }).fill(name);
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await page.getByRole("button", { name: new RegExp(`^Cliente: ${name}\\.`) }).waitFor({ timeout: WAIT_MS });
}

/** "Siguiente" → "Efectivo" → "Facturar". */
export async function payCashAndInvoice(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Siguiente", exact: true }).click();
  await page.getByRole("heading", { name: "Pago", exact: true }).waitFor({ timeout: WAIT_MS });
  const method = page.getByLabel("Método de pago").first();
  const cash = await method.locator("option", { hasText: "Efectivo" }).getAttribute("value");
  if (!cash) throw new Error("no Efectivo payment method");
  await method.selectOption(cash);
  await page.getByRole("button", { name: "Facturar", exact: true }).click();
}

/** Sells the products (optionally to a client) and returns the printed number ("POS-7"), then "Nueva venta". */
export async function sell(page: Page, products: readonly string[], client?: string): Promise<string> {
  for (const name of products) await page.getByRole("button", { name, exact: true }).click();
  if (client) await chooseClient(page, client);
  await payCashAndInvoice(page);
  const receipt = page.getByRole("article", { name: /^Factura / });
  await receipt.waitFor({ state: "visible", timeout: WAIT_MS });
  const number = ((await receipt.getAttribute("aria-label")) ?? "").replace(/^Factura /, "").trim();
  await page.getByRole("button", { name: "Nueva venta" }).click();
  return number;
}

export async function openHistory(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Ingresos" }).click();
  await page.getByRole("menuitem", { name: "Historial de ventas" }).click();
  await page.getByRole("heading", { name: "Historial de ventas" }).waitFor({ timeout: WAIT_MS });
}

/** Status by printed number, as the history table shows them. */
export async function historyStatuses(page: Page): Promise<Record<string, string>> {
  const rows = page.locator(".history__table tbody tr");
  return Object.fromEntries(
    await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
        return [cells[0] ?? "", cells[4] ?? ""];
      }),
    ),
  );
}

export async function adminToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demoLogins.admin),
  });
  if (!response.ok) throw new Error(`admin login: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** An admin deactivates a product through the API (PATCH /api/products/:id {active:false}). */
export function deactivateProduct(url: string, token: string, name: string): Promise<void> {
  return setProductActive(url, token, name, false);
}

export async function setProductActive(url: string, token: string, name: string, active: boolean): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const list = await fetch(`${url}/api/products?q=${encodeURIComponent(name)}&limit=50`, { headers });
  const { items } = (await list.json()) as { items: { id: string; name: string }[] };
  const product = items.find((p) => p.name === name);
  if (!product) throw new Error(`product ${name} not found`);
  const patched = await fetch(`${url}/api/products/${product.id}`, {
    method: "PATCH",
    headers,
    body: JSON.stringify({ active }),
  });
  if (!patched.ok) throw new Error(`PATCH product: ${patched.status} ${await patched.text()}`);
}

export interface ServerInvoiceRow {
  id: string;
  prefix: string;
  number: number;
  status: string;
  revision: number;
}

/** The invoice's status badge in the open detail ("Sincronizada", "Anulada", …). */
export async function detailStatusIs(page: Page, label: string): Promise<void> {
  await page.locator(".invoice-detail__bar .status-badge", { hasText: label }).waitFor({ timeout: WAIT_MS });
}

export async function serverInvoices(url: string, token: string): Promise<ServerInvoiceRow[]> {
  const response = await fetch(`${url}/api/invoices?limit=500`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { items: ServerInvoiceRow[] }).items;
}

export function printed(row: Pick<ServerInvoiceRow, "prefix" | "number">): string {
  return row.prefix ? `${row.prefix}-${row.number}` : String(row.number);
}
