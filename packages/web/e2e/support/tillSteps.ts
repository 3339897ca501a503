/**
 * What a cashier does at the till, driven by roles and the Spanish labels (the feature folders'
 * *Messages.ts files),
 * shared by the browser end-to-end tests. No fixed sleeps: every wait is bounded and polls.
 */
import type { BrowserContext, Page } from "playwright-core";
import { demoLogins } from "./browserHarness";

/** First load of a terminal on a busy 2-core machine: generous, but bounded. */
export const LOAD_TIMEOUT_MS = 60_000;
/** Anything the till or the sync engine should finish in a few seconds (the scheduler retries near 2 s). */
export const SETTLE_TIMEOUT_MS = 30_000;

export const demoProductNames = [
  "Pan de bono",
  "Gaseosa Cola 400 ml",
  "Arroz blanco 1 kg",
  "Empanada de carne",
  "Café molido 250 g",
  "Croissant",
] as const;

export type StatusLabel = "Pendiente" | "Sincronizada" | "Error" | "Anulada";

export interface HistoryRow {
  number: string;
  status: string;
}

export interface ServerInvoice {
  id: string;
  prefix: string;
  number: number;
  status: string;
  deviceId: string;
  terminalId: string;
  revision: number;
}

/** Closing or reloading with unsynced invoices asks for confirmation (by design): the cashier confirms. */
export function confirmLeaving(page: Page): void {
  page.on("dialog", (dialog) => {
    void (dialog.type() === "beforeunload" ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
  });
}

/** Pulls the cable: the browser says offline and nothing reaches the API (setOffline alone was unreliable). */
export async function goOffline(context: BrowserContext): Promise<void> {
  await context.route("**/api/**", (route) => route.abort("internetdisconnected"));
  await context.setOffline(true);
}

/** The connection returns: the API is reachable again, then the browser fires `online`. */
export async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute("**/api/**");
  await context.setOffline(false);
}

export function connectivityBadge(page: Page, label: "En línea" | "Sin conexión") {
  return page.getByRole("status").filter({ hasText: new RegExp(`^${label}$`) });
}

/** The header says "Sin conexión" / "En línea" (the app decides by reaching the server). */
export async function waitForConnectivity(page: Page, label: "En línea" | "Sin conexión"): Promise<void> {
  await connectivityBadge(page, label).waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
}

/** "Correo electrónico", "Contraseña", "Ingresar". */
export async function logIn(page: Page, login: { email: string; password: string } = demoLogins.cashier) {
  await page.getByLabel("Correo electrónico").fill(login.email);
  await page.getByLabel("Contraseña").fill(login.password);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

/**
 * "Elige la caja de este dispositivo" → "Caja 1", … An admin lands in "Administración" first and
 * chooses "Abrir caja" to get there.
 */
export async function pickTerminal(page: Page, terminal: string) {
  const heading = page.getByRole("heading", { name: "Elige la caja de este dispositivo" });
  const openTillButton = page.getByRole("button", { name: "Abrir caja", exact: true });
  await heading.or(openTillButton).first().waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
  if (await openTillButton.isVisible()) await openTillButton.click();
  await heading.waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
  await page.getByRole("button", { name: terminal, exact: true }).click();
}

export function productSearch(page: Page) {
  return page.getByRole("searchbox", { name: "Buscar producto" });
}

export function openShiftHeading(page: Page) {
  return page.getByRole("heading", { name: "Abrir turno", exact: true });
}

/** "Abrir turno" → "Base inicial" (as typed, e.g. "100.000") → "Abrir turno"; the sale screen follows. */
export async function openShift(page: Page, base: string, note?: string): Promise<void> {
  await openShiftHeading(page).waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
  await page.getByLabel("Base inicial").fill(base);
  if (note) await page.getByLabel("Nota (opcional)").fill(note);
  await page.getByRole("button", { name: "Abrir turno", exact: true }).click();
  await productSearch(page).waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
}

/**
 * The selling screen is up: the first load ("Preparando Caja 1") is over. A terminal that requires
 * a shift (Caja 1, Caja 2) shows "Abrir turno" first: `shift: "open"` (default) opens one with a
 * base of 0, or shows "Tomar turno" when another device's shift is open there (taken over);
 * `"leave"` stops at either (the shift tests do it themselves).
 */
export async function waitUntilReady(page: Page, terminal?: string, options: { shift?: "open" | "leave" } = {}) {
  const takeOver = page.getByRole("button", { name: "Tomar turno", exact: true });
  await productSearch(page)
    .or(openShiftHeading(page))
    .or(takeOver)
    .first()
    .waitFor({ state: "visible", timeout: LOAD_TIMEOUT_MS });
  if (options.shift === "leave" && !(await productSearch(page).isVisible())) return;
  if (await openShiftHeading(page).isVisible()) await openShift(page, "0");
  else if (await takeOver.isVisible()) {
    // An earlier test's till left its shift open on this terminal: this cashier takes it over.
    await takeOver.click();
    await productSearch(page).waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
  }
  if (terminal) await page.getByText(terminal, { exact: true }).first().waitFor({ timeout: SETTLE_TIMEOUT_MS });
}

/** Opens the app online, logs in, picks the terminal and waits for its data and the offline app shell. */
export async function openTill(page: Page, url: string, terminal: string) {
  confirmLeaving(page);
  await page.goto(url);
  await logIn(page);
  await pickTerminal(page, terminal);
  await waitUntilReady(page, terminal);
  await waitForOfflineShell(page);
}

/**
 * The service worker controls the page (it claims it on activation), so the precached shell
 * opens with no network on a reload or after reopening the browser.
 */
export async function waitForOfflineShell(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === "activated", undefined, {
    timeout: SETTLE_TIMEOUT_MS,
    polling: 100,
  });
}

/** "Sincronizado 100%", "3 pendientes", … : the accessible name of the sync indicator. */
export function syncIndicator(page: Page) {
  return page.getByRole("status").filter({ has: page.locator(".sync-indicator__icon") });
}

export async function syncIndicatorName(page: Page): Promise<string> {
  return (await syncIndicator(page).getAttribute("aria-label", { timeout: SETTLE_TIMEOUT_MS })) ?? "";
}

/** Waits until the sync indicator's accessible name is exactly `name`. */
export async function waitForSyncIndicator(page: Page, name: string, timeout = SETTLE_TIMEOUT_MS) {
  await page.getByRole("status", { name, exact: true }).waitFor({ state: "visible", timeout });
}

/**
 * Taps the products, "Siguiente", leaves the cash amount as proposed (the total), "Facturar";
 * returns the number printed on the receipt ("POS-12") and the receipt's text, then "Nueva venta".
 */
export async function sellAndPayCash(
  page: Page,
  products: readonly string[],
  options: { keepReceipt?: boolean; client?: string } = {},
): Promise<{ number: string; receiptText: string }> {
  await productSearch(page).waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
  for (const name of products) await page.getByRole("button", { name, exact: true }).click();
  if (options.client) await chooseClient(page, options.client);
  await payCashAndInvoice(page);
  const receipt = page.getByRole("article", { name: /^Factura / });
  await receipt.waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
  const label = (await receipt.getAttribute("aria-label")) ?? "";
  const number = label.replace(/^Factura /, "").trim();
  const receiptText = (await receipt.textContent()) ?? "";
  if (!options.keepReceipt) await page.getByRole("button", { name: "Nueva venta" }).click();
  return { number, receiptText };
}

/** Sells the products (optionally to a client); returns the printed number ("POS-7"), then "Nueva venta". */
export async function sell(page: Page, products: readonly string[], client?: string): Promise<string> {
  return (await sellAndPayCash(page, products, { client })).number;
}

/** "Cliente: … Cambiar cliente" → search → pick `name`. */
export async function chooseClient(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: /^Cliente: .*Cambiar cliente$/ }).click();
  await page.getByRole("searchbox", { name: "Buscar cliente por nombre o documento" }).fill(name);
  await page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await page.getByRole("button", { name: new RegExp(`^Cliente: ${name}\\.`) }).waitFor({ timeout: SETTLE_TIMEOUT_MS });
}

/** "Siguiente" → "Efectivo" → "Facturar" (the sale screen and "Editar" alike). */
export async function payCashAndInvoice(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Siguiente", exact: true }).click();
  await page.getByRole("heading", { name: "Pago", exact: true }).waitFor({ timeout: SETTLE_TIMEOUT_MS });
  const method = page.getByLabel("Método de pago").first();
  const cash = await method.locator("option", { hasText: "Efectivo" }).getAttribute("value");
  if (!cash) throw new Error("no Efectivo payment method");
  await method.selectOption(cash);
  await page.getByRole("button", { name: "Facturar", exact: true }).click();
}

/** Sells `count` invoices of one or two products each; returns their numbers in order. */
export async function sellInvoices(page: Page, count: number, offset = 0): Promise<string[]> {
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const first = demoProductNames[(offset + i) % demoProductNames.length]!;
    const second = demoProductNames[(offset + i + 1) % demoProductNames.length]!;
    const { number } = await sellAndPayCash(page, i % 2 === 0 ? [first] : [first, second]);
    numbers.push(number);
  }
  return numbers;
}

/** "Ingresos" → "Historial de ventas". */
export async function openSalesHistory(page: Page) {
  await page.getByRole("button", { name: "Ingresos" }).click();
  await page.getByRole("menuitem", { name: "Historial de ventas" }).click();
  await page.getByRole("heading", { name: "Historial de ventas" }).waitFor({ timeout: SETTLE_TIMEOUT_MS });
}

/** Back to the selling screen ("Vender"). */
export async function backToSale(page: Page) {
  await page.getByRole("button", { name: "Vender", exact: true }).click();
  await productSearch(page).waitFor({ state: "visible", timeout: SETTLE_TIMEOUT_MS });
}

/** The history table as the cashier reads it: number and status of each row, in screen order. */
export async function readHistory(page: Page): Promise<HistoryRow[]> {
  const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Número" }) });
  return table.evaluate((element) => {
    const headers = [...element.querySelectorAll("thead th")].map((th) => th.textContent?.trim() ?? "");
    const numberAt = headers.indexOf("Número");
    const statusAt = headers.indexOf("Estado");
    return [...element.querySelectorAll("tbody tr")].map((tr) => {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
      return { number: cells[numberAt] ?? "", status: cells[statusAt] ?? "" };
    });
  });
}

/** Statuses by invoice number, for order-independent comparisons. */
export async function historyStatuses(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries((await readHistory(page)).map((row) => [row.number, row.status]));
}

export function statusesOf(numbers: readonly string[], status: StatusLabel): Record<string, string> {
  return Object.fromEntries(numbers.map((n) => [n, status]));
}

/** An admin's bearer token (POST /api/auth/login). */
export async function adminToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demoLogins.admin),
  });
  if (!response.ok) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Every invoice the server holds (GET /api/invoices?limit=500, as an admin). */
export async function serverInvoices(url: string, token: string): Promise<{ items: ServerInvoice[]; total: number }> {
  const response = await fetch(`${url}/api/invoices?limit=500`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/invoices failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { items: ServerInvoice[]; total: number };
}

/** The invoice's status badge in the open detail ("Sincronizada", "Anulada", …). */
export async function detailStatusIs(page: Page, label: string): Promise<void> {
  await page.locator(".invoice-detail__bar .status-badge", { hasText: label }).waitFor({ timeout: SETTLE_TIMEOUT_MS });
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

export function printedNumber(invoice: Pick<ServerInvoice, "prefix" | "number">): string {
  return invoice.prefix ? `${invoice.prefix}-${invoice.number}` : String(invoice.number);
}

/**
 * What the server holds, summarised for exactly-once checks: how many rows, how many distinct ids
 * and printed numbers, and how many rows carry each of the given numbers.
 */
export async function serverTally(url: string, token: string, numbers: readonly string[]) {
  const { items, total } = await serverInvoices(url, token);
  const printed = items.map(printedNumber);
  return {
    total,
    rows: items.length,
    distinctIds: new Set(items.map((i) => i.id)).size,
    distinctNumbers: new Set(printed).size,
    copies: Object.fromEntries(numbers.map((n) => [n, printed.filter((p) => p === n).length])),
  };
}
