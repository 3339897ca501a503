/**
 * Issue 5 in a real browser: Caja 1 and Caja 2 share the numbering "POS". Both go offline, sell
 * 10 invoices each from their own leased blocks, and come back online: the server holds 20
 * invoices with 20 distinct numbers inside the authorized range, and the numbering report (API,
 * and the admin screen "Numeraciones") counts 20 used. An admin then releases Caja 2's unused numbers,
 * and creates a numbering through the back office's form (a reversed range is refused on the field).
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const imagesDir = join(import.meta.dirname, "../../../docs/images");
const PER_TILL = 10;

interface Report {
  numbering: { id: string; name: string; rangeFrom: number; rangeTo: number };
  totals: { used: number; voided: number; released: number; unused: number; notLeased: number; total: number };
  blocks: {
    deviceId: string;
    terminalName: string | null;
    rangeFrom: number;
    rangeTo: number;
    counts: Report["totals"];
  }[];
}

async function getJson<T>(url: string, token: string, path: string, method = "GET"): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(method === "POST" ? { "content-type": "application/json" } : {}) },
    body: method === "POST" ? "{}" : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function posNumbering(url: string, token: string) {
  const { items } = await getJson<{ items: { id: string; name: string; electronic: boolean }[] }>(
    url,
    token,
    "/api/numberings",
  );
  const pos = items.find((n) => n.name === "POS" && !n.electronic);
  if (!pos) throw new Error("demo numbering POS missing");
  return pos;
}

/** Both tills reach the selling screen (each first load leases the device a block of "POS" numbers). */
async function openTills(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }[]> {
  const tills: { context: BrowserContext; page: Page }[] = [];
  for (const terminal of ["Caja 1", "Caja 2"]) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await till.openTill(page, url, terminal);
    await till.waitForSyncIndicator(page, "Sincronizado 100%");
    tills.push({ context, page });
  }
  return tills;
}

describe.skipIf(!runBrowserTests)("offline invoice numbers never collide across terminals (issue 5)", () => {
  const e2e = useE2eSuite();
  beforeAll(() => {
    mkdirSync(imagesDir, { recursive: true });
  });

  test("Caja 1 and Caja 2 sell 10 invoices each offline: 20 distinct numbers inside the range", async () => {
    const tills = await openTills(e2e.browser, e2e.url);
    try {
      for (const { context, page } of tills) {
        await till.goOffline(context); // setOffline(true) and every /api/ request aborted
        await till.waitForConnectivity(page, "Sin conexión");
      }
      const printed: string[][] = [];
      for (const [i, { page }] of tills.entries()) printed.push(await till.sellInvoices(page, PER_TILL, i * 3));
      for (const { page } of tills) await till.waitForSyncIndicator(page, `${PER_TILL} pendientes`);

      for (const { context } of tills) await till.goOnline(context);
      for (const { page } of tills) await till.waitForSyncIndicator(page, "Sincronizado 100%", 90_000);

      const admin = await till.adminToken(e2e.url);
      const pos = await posNumbering(e2e.url, admin);
      const { items, total } = await till.serverInvoices(e2e.url, admin);
      expect(total).toBe(2 * PER_TILL);
      const numbers = items.map((i) => i.number);
      expect(new Set(numbers).size).toBe(2 * PER_TILL);
      const report = await getJson<Report>(e2e.url, admin, `/api/numberings/${pos.id}/report`);
      for (const n of numbers) {
        expect(n).toBeGreaterThanOrEqual(report.numbering.rangeFrom);
        expect(n).toBeLessThanOrEqual(report.numbering.rangeTo);
      }
      // What each receipt printed is what the server holds.
      expect(items.map((i) => `${i.prefix}-${i.number}`).sort()).toEqual(printed.flat().sort());
      // Each till numbered only inside its own device's blocks.
      for (const invoice of items) {
        const block = report.blocks.find((b) => invoice.number >= b.rangeFrom && invoice.number <= b.rangeTo);
        expect(block?.deviceId).toBe(invoice.deviceId);
      }
      expect(report.totals.used).toBe(2 * PER_TILL);
      expect(report.totals.voided).toBe(0);
      const usedByTill = Object.fromEntries(
        ["Caja 1", "Caja 2"].map((name) => [
          name,
          report.blocks.filter((b) => b.terminalName === name).reduce((sum, b) => sum + b.counts.used, 0),
        ]),
      );
      expect(usedByTill).toEqual({ "Caja 1": PER_TILL, "Caja 2": PER_TILL });
      const { used, voided, released, unused, notLeased } = report.totals;
      expect(used + voided + released + unused + notLeased).toBe(report.totals.total);
    } finally {
      for (const { context } of tills) await context.close();
    }
  });

  test('the admin screen "Numeraciones" shows the report and releases a till\'s unused numbers', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const page = await context.newPage();
      page.on("dialog", (dialog) => void dialog.accept().catch(() => undefined)); // the release asks to confirm
      await page.goto(e2e.url);
      await till.logIn(page, demoLogins.admin);
      await till.pickTerminal(page, "Caja 3"); // electronic numbering: this device leases no POS numbers
      await till.waitUntilReady(page, "Caja 3");

      await page.getByRole("button", { name: "Administración" }).click();
      await page.getByRole("menuitem", { name: "Numeraciones" }).click();
      // The list of numberings → "POS"'s page: its form, and its usage report beside it.
      await page.getByRole("link", { name: "POS", exact: true }).click();
      await page.getByRole("heading", { name: "POS", level: 1 }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const card = page.getByRole("article", { name: "POS", exact: true });
      const used = card.getByTestId("numbering-total-used").locator("dd");
      await used.filter({ hasText: /^20$/ }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await expect(card.getByRole("cell", { name: "Caja 1" }).count()).resolves.toBeGreaterThan(0);
      await expect(card.getByRole("cell", { name: "Caja 2" }).count()).resolves.toBeGreaterThan(0);

      const admin = await till.adminToken(e2e.url);
      const pos = await posNumbering(e2e.url, admin);
      const before = await getJson<Report>(e2e.url, admin, `/api/numberings/${pos.id}/report`);
      const caja2Unused = before.blocks
        .filter((b) => b.terminalName === "Caja 2")
        .reduce((sum, b) => sum + b.counts.unused, 0);
      expect(caja2Unused).toBeGreaterThan(0);
      // The release frees the till's unused numbers of every numbering it leased: POS, and the credit notes'
      // "NC" blocks its devices hold for offline returns (issue 13).
      const { items: numberings } = await getJson<{ items: { id: string }[] }>(e2e.url, admin, "/api/numberings");
      let caja2UnusedEverywhere = 0;
      for (const numbering of numberings) {
        const report = await getJson<Report>(e2e.url, admin, `/api/numberings/${numbering.id}/report`);
        caja2UnusedEverywhere += report.blocks
          .filter((b) => b.terminalName === "Caja 2")
          .reduce((sum, b) => sum + b.counts.unused, 0);
      }

      await card.getByRole("button", { name: "Liberar números sin usar de Caja 2" }).click();
      await card
        .getByText(`Se liberaron ${caja2UnusedEverywhere} números de Caja 2.`, { exact: true })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.screenshot({ path: join(imagesDir, "numbering-report.png"), fullPage: true });
      const after = await getJson<Report>(e2e.url, admin, `/api/numberings/${pos.id}/report`);
      expect(after.totals.released).toBe(before.totals.released + caja2Unused);
      expect(after.totals.used).toBe(2 * PER_TILL);
      expect(after.totals.unused).toBe(before.totals.unused - caja2Unused);
    } finally {
      await context.close();
    }
  });

  test('an admin creates a numbering in "Numeraciones"; a range whose end is before its start is not saved', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${e2e.url}/admin/numeraciones`);
      await till.logIn(page, demoLogins.admin);
      await page.getByRole("button", { name: "Nueva numeración" }).click();
      await page
        .getByRole("heading", { name: "Nueva numeración", level: 1 })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const form = page.locator(".back-office__main");
      await form.getByLabel("Nombre", { exact: true }).fill("Contingencia tienda");
      await form.getByLabel("Tipo", { exact: true }).selectOption({ label: "Contingencia" });
      const electronic = form.getByRole("checkbox", { name: /^Electrónica/ });
      await expect(electronic.isDisabled()).resolves.toBe(true); // a contingency numbering is never electronic
      await form.getByLabel("Prefijo", { exact: true }).fill("CT");
      await form.getByLabel("Desde el número", { exact: true }).fill("500");
      await form.getByLabel("Hasta el número", { exact: true }).fill("100");
      await form.getByLabel("Vigente desde", { exact: true }).fill("2026-01-01");
      await form.getByLabel("Vigente hasta", { exact: true }).fill("2027-12-31");
      await form.getByLabel("Número de autorización DIAN", { exact: true }).fill("18764000009999");

      const countOf = async () =>
        (
          await getJson<{ items: { name: string }[] }>(
            e2e.url,
            await till.adminToken(e2e.url),
            "/api/numberings?limit=500",
          )
        ).items.filter((n) => n.name === "Contingencia tienda").length;
      await page.getByRole("button", { name: "Guardar" }).click();
      await form
        .getByRole("alert")
        .filter({ hasText: "Debe ser mayor o igual que el número inicial." })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await countOf()).toBe(0);

      await form.getByLabel("Hasta el número", { exact: true }).fill("900");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page
        .getByRole("heading", { name: "Contingencia tienda", level: 1 })
        .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.waitForURL((url) => /\/admin\/numeraciones\/[0-9a-f-]{36}$/.test(url.pathname));
      expect(await countOf()).toBe(1);

      await page.getByRole("link", { name: "Numeraciones", exact: true }).first().click();
      const row = page.getByRole("row").filter({ hasText: "Contingencia tienda" });
      await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await expect(row.textContent()).resolves.toMatch(/Contingencia.*CT.*500–900.*2027-12-31/);

      // A DEE POS numbering is always electronic and names its contingency numbering (issue 19).
      await page.getByRole("button", { name: "Nueva numeración" }).click();
      await form.getByLabel("Tipo", { exact: true }).selectOption({ label: "Documento equivalente electrónico POS" });
      await expect(electronic.isChecked()).resolves.toBe(true);
      await expect(electronic.isDisabled()).resolves.toBe(true);
      await form
        .getByLabel("Numeración de contingencia", { exact: true })
        .selectOption({ label: "Contingencia tienda" });

      // The numbering's page (form and usage report) fits a 360 px phone.
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`${e2e.url}/admin/numeraciones`);
      await page.getByRole("link", { name: "POS", exact: true }).click();
      await page.getByRole("article", { name: "POS", exact: true }).getByTestId("numbering-total-used").waitFor({
        timeout: till.SETTLE_TIMEOUT_MS,
      });
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });

  test('with no numbers left on the device "Facturar" is blocked with a clear message until a block arrives', async () => {
    const admin = await till.adminToken(e2e.url);
    const { items: terminals } = await getJson<{ items: { id: string; name: string }[] }>(
      e2e.url,
      admin,
      "/api/terminals",
    );
    const caja1 = terminals.find((t) => t.name === "Caja 1");
    if (!caja1) throw new Error("Caja 1 missing");
    const context = await e2e.browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      await till.openTill(page, e2e.url, "Caja 1");
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      // The admin releases Caja 1's unused numbers while the till cannot lease a new block.
      await context.route("**/api/number-blocks/lease", (route) => route.abort());
      await getJson(e2e.url, admin, `/api/terminals/${caja1.id}/release-numbers`, "POST");
      await page.getByRole("button", { name: "Sincronizar" }).click();
      const blocked = page.getByText(/^Esta caja no tiene números de factura disponibles/).first();
      await blocked.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await page.getByRole("button", { name: "Pan de bono", exact: true }).click();
      await page.getByRole("button", { name: "Siguiente", exact: true }).click();
      await expect(page.getByRole("button", { name: "Facturar", exact: true }).isDisabled()).resolves.toBe(true);
      await page
        .getByRole("alert")
        .filter({ hasText: /^Esta caja no tiene números/ })
        .first()
        .waitFor();

      // Leasing works again: the next sync tops the device up and "Facturar" is back.
      await context.unroute("**/api/number-blocks/lease");
      await page.getByRole("button", { name: "Sincronizar" }).click();
      const invoice = page.getByRole("button", { name: "Facturar", exact: true });
      await page.waitForFunction(
        () => {
          const button = [...document.querySelectorAll("button")].find((b) => b.textContent === "Facturar");
          return button ? !button.disabled : false;
        },
        undefined,
        { timeout: till.SETTLE_TIMEOUT_MS, polling: 200 },
      );
      await invoice.click();
      await page.getByRole("article", { name: /^Factura POS-/ }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    } finally {
      await context.close();
    }
  });
});
