/**
 * Issue 12 in a real browser: Caja 1 requires a shift. Open it with a base of 100.000, sell three
 * invoices (cash, debit card, cash + credit card), take 20.000 out ("Retiro") and print its slip, lose
 * the connection, sell two more, close counting the cash bill by bill 5.000 short → "Faltante
 * $ 5.000" on screen and on the "Cierre de turno" with the totals per payment method; back online
 * the shift reaches the server exactly once with the same figures, and the owner sees it in "Turnos".
 */
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();

/** "$ 123.456" → centavos. */
const centavosOf = (money: string) => Number(money.replace(/[^\d]/g, "")) * 100;
const typed = (centavos: number) => String(centavos / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

interface ServerShift {
  id: string;
  status: string;
  revision: number;
  openingFloat: number;
  countedCash: number | null;
  tillExpectedCash: number | null;
  tillDifference: number | null;
}

/** window.print() counts instead of opening a dialog: the test sees that printing was asked for. */
async function countPrints(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __prints: number };
    w.__prints = 0;
    window.print = () => {
      w.__prints += 1;
    };
  });
}
const prints = (page: Page) => page.evaluate(() => (window as unknown as { __prints: number }).__prints);

/** On paper (print media) the sheet shows and the screen around it does not. */
async function printsAlone(
  page: Page,
  sheet: ReturnType<Page["getByRole"]>,
  screenOnly: ReturnType<Page["getByRole"]>,
) {
  await page.emulateMedia({ media: "print" });
  try {
    expect(await sheet.isVisible()).toBe(true);
    expect(await screenOnly.isVisible()).toBe(false);
  } finally {
    await page.emulateMedia({ media: "screen" });
  }
}

/** The products, "Siguiente", then `pay` fills the payment step; "Facturar". Returns the number and total. */
async function sellPaying(
  page: Page,
  products: readonly string[],
  pay: (page: Page) => Promise<void>,
  options: { keepReceipt?: boolean } = {},
): Promise<{ number: string; total: number }> {
  await till.productSearch(page).waitFor({ state: "visible", timeout: till.SETTLE_TIMEOUT_MS });
  for (const name of products) await page.getByRole("button", { name, exact: true }).click();
  await page.getByRole("button", { name: "Siguiente", exact: true }).click();
  await page.getByRole("heading", { name: "Pago", exact: true }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
  const total = centavosOf(await text(page, "[data-testid=payment-total]"));
  await pay(page);
  await page.getByRole("button", { name: "Facturar", exact: true }).click();
  const receipt = page.getByRole("article", { name: /^Factura / });
  await receipt.waitFor({ state: "visible", timeout: till.SETTLE_TIMEOUT_MS });
  const number = ((await receipt.getAttribute("aria-label")) ?? "").replace(/^Factura /, "").trim();
  if (!options.keepReceipt) await page.getByRole("button", { name: "Nueva venta" }).click();
  return { number, total };
}

const methodSelect = (page: Page, row: number) => page.getByLabel("Método de pago").nth(row);

/** COP bills and coins largest first, as `form-value` (centavos) → pieces, for "Contar por denominación". */
function piecesFor(centavos: number): { label: string; pieces: number }[] {
  const slots = [
    ...[100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000].map((p) => ({ label: `Billete $ ${typed(p * 100)}`, p })),
    ...[500, 200, 100, 50].map((p) => ({ label: `Moneda $ ${typed(p * 100)}`, p })),
  ];
  let left = centavos / 100;
  const out: { label: string; pieces: number }[] = [];
  for (const { label, p } of slots) {
    const pieces = Math.floor(left / p);
    if (pieces > 0) out.push({ label, pieces });
    left -= pieces * p;
  }
  if (left !== 0) throw new Error(`${centavos} centavos is not countable in COP bills and coins`);
  return out;
}

async function serverShifts(url: string, token: string): Promise<{ items: ServerShift[]; total: number }> {
  const response = await fetch(`${url}/api/shifts`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /api/shifts failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { items: ServerShift[]; total: number };
}

describe.skipIf(!runBrowserTests)("cash shifts at the till (issue 12)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("open with 100.000, sell cash, card and mixed, Retiro 20.000 with its slip, offline sales, close counting bills 5.000 short → Faltante $ 5.000; online → the server has it once and the owner sees it in Turnos", async () => {
    const { context, page } = await suite.newPage();
    await countPrints(context);
    try {
      till.confirmLeaving(page);
      await page.goto(suite.url);
      await till.logIn(page);
      await till.pickTerminal(page, "Caja 1");
      await till.waitUntilReady(page, undefined, { shift: "leave" });
      // No selling without a shift on Caja 1.
      await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      expect(await till.productSearch(page).count()).toBe(0);
      await till.openShift(page, "100.000", "Turno de la mañana");
      await till.waitForOfflineShell(page);

      const cashSale = await sellPaying(page, [till.demoProductNames[0]], async (p) => {
        await methodSelect(p, 0).selectOption({ label: "Efectivo" });
      });
      const cardSale = await sellPaying(page, ["Café molido 250 g"], async (p) => {
        await methodSelect(p, 0).selectOption({ label: "Tarjeta débito" });
      });
      // Mixed: 5.000 in cash, the rest on the credit card.
      const mixedSale = await sellPaying(
        page,
        ["Café molido 250 g", "Croissant"],
        async (p) => {
          await methodSelect(p, 0).selectOption({ label: "Efectivo" });
          await p.getByLabel("Recibido").fill("5.000");
          await p.getByRole("button", { name: "Agregar otro método de pago" }).click();
          await methodSelect(p, 1).selectOption({ label: "Tarjeta crédito" });
        },
        { keepReceipt: true }, // its receipt stays on screen while the Retiro is recorded and its slip printed
      );
      const online = [cashSale.number, cardSale.number, mixedSale.number];
      await page.getByRole("button", { name: "Movimientos de efectivo" }).click();
      await page.getByLabel("Tipo").selectOption({ label: "Retiro" });
      await page.getByLabel("Valor").fill("20.000");
      await page.getByLabel("Motivo").fill("Pago a proveedor");
      await page.getByRole("button", { name: "Registrar", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /^Retiro de \$\s20\.000 registrado\.$/ })
        .waitFor({
          timeout: till.SETTLE_TIMEOUT_MS,
        });
      // The Retiro's slip: company, till, cashier, kind, amount and reason on 80 mm paper.
      await page.getByRole("button", { name: "Imprimir comprobante" }).click();
      const slip = page.getByRole("article", { name: "Comprobante de Retiro" });
      await slip.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const slipText = ((await slip.textContent()) ?? "").replace(/\s+/g, " ");
      for (const expected of [
        "Empresa Ejemplar S.A.S.",
        "CajaCaja 1",
        "CajeroCajera Ejemplar",
        "Valor$ 20.000",
        "MotivoPago a proveedor",
      ])
        expect(slipText).toContain(expected);
      await printsAlone(page, slip, page.getByRole("button", { name: "Movimientos de efectivo" }));
      await printsAlone(page, slip, page.getByRole("article", { name: `Factura ${mixedSale.number}` }));
      const slipView = page.locator(".receipt-view").filter({ has: slip });
      await slipView.getByRole("button", { name: "Imprimir", exact: true }).click();
      expect(await prints(page)).toBe(1);
      await slipView.getByRole("button", { name: "Cerrar", exact: true }).click();
      await page.getByRole("button", { name: "Nueva venta" }).click();
      await till.waitForSyncIndicator(page, "Sincronizado 100%");

      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      const payCash = async (p: Page) => {
        await methodSelect(p, 0).selectOption({ label: "Efectivo" });
      };
      const offlineSales = [
        await sellPaying(page, [till.demoProductNames[3]], payCash),
        await sellPaying(page, [till.demoProductNames[4], till.demoProductNames[5]], payCash),
      ];
      const offline = offlineSales.map((x) => x.number);
      const offlineCash = offlineSales.reduce((sum, x) => sum + x.total, 0);
      expect(new Set([...online, ...offline]).size).toBe(5);

      await page.getByRole("button", { name: "Cerrar turno", exact: true }).click();
      const cashRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Efectivo" }) });
      await cashRow.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const expected = centavosOf(((await cashRow.getByRole("cell").first().textContent()) ?? "").trim());
      expect(expected).toBeGreaterThan(100_000_00 - 20_000_00);
      const counted = expected - 5_000_00;
      // The cards: expected what was paid with them, proposed as counted.
      const debitRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Tarjeta débito" }) });
      expect(centavosOf((await debitRow.getByRole("cell").first().textContent()) ?? "")).toBe(cardSale.total);
      const creditRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Tarjeta crédito" }) });
      expect(centavosOf((await creditRow.getByRole("cell").first().textContent()) ?? "")).toBe(
        mixedSale.total - 5_000_00,
      );
      // The cash, bill by bill: the pieces add up into "Contado en Efectivo".
      await page.getByRole("button", { name: "Contar por denominación" }).click();
      for (const { label, pieces } of piecesFor(counted))
        await page.getByLabel(`Cantidad de ${label}`).fill(String(pieces));
      await expect.poll(() => page.getByLabel("Contado en Efectivo").inputValue()).toBe(typed(counted));
      await expect.poll(() => text(page, ".shift-difference[data-kind=cash]")).toBe("Faltante $ 5.000");
      await page.getByRole("button", { name: "Confirmar cierre" }).click();

      const report = page.getByRole("article", { name: "Cierre de turno" });
      await report.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const printed = ((await report.textContent()) ?? "").replace(/\s+/g, " ");
      expect(printed).toContain("Faltante $ 5.000");
      expect(printed).toContain("2 facturas pendientes de sincronizar");
      expect(printed).toContain("Base inicial$ 100.000");
      for (const line of ["Empresa Ejemplar S.A.S.", "Caja 1", "AbrióCajera Ejemplar", "CerróCajera Ejemplar"])
        expect(printed).toContain(line);
      expect(printed).toContain(`Tarjeta débito$ ${typed(cardSale.total)}`);
      expect(printed).toContain(`Tarjeta crédito$ ${typed(mixedSale.total - 5_000_00)}`);
      expect(printed).toContain(`Efectivo$ ${typed(cashSale.total + 5_000_00 + offlineCash)}`);
      expect(printed).toContain("Conteo por denominación");
      await printsAlone(page, report, page.getByRole("button", { name: "Continuar" }));
      await page.getByRole("button", { name: "Continuar" }).click();
      await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });

      await till.goOnline(context);
      await till.waitForConnectivity(page, "En línea");
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await expect
        .poll(async () => (await serverShifts(suite.url, suite.token)).items.map((s) => s.status), {
          timeout: till.SETTLE_TIMEOUT_MS,
        })
        .toEqual(["closed"]);
      const { items, total } = await serverShifts(suite.url, suite.token);
      expect(total).toBe(1);
      expect(items[0]).toMatchObject({
        openingFloat: 100_000_00,
        countedCash: counted,
        tillExpectedCash: expected,
        tillDifference: -5_000_00,
      });
      const tally = await till.serverTally(suite.url, suite.token, [...online, ...offline]);
      expect(Object.values(tally.copies)).toEqual([1, 1, 1, 1, 1]);

      // The owner, in "Administración → Turnos": the shift of Caja 1, closed, 5.000 short.
      const ownerContext = await suite.browser.newContext({
        viewport: { width: 1366, height: 900 },
        acceptDownloads: true,
      });
      const owner = { context: ownerContext, page: await ownerContext.newPage() };
      await countPrints(owner.context);
      try {
        const admin = owner.page;
        await admin.goto(suite.url);
        await till.logIn(admin, demoLogins.admin);
        // The owner lands in the back office (no till opened) and picks "Turnos" in its menu.
        await admin.getByRole("navigation").getByRole("link", { name: "Turnos", exact: true }).click();
        await admin.getByRole("heading", { name: "Turnos", exact: true }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        const row = admin.getByRole("row").filter({ has: admin.getByRole("cell", { name: "Caja 1", exact: true }) });
        await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        const rowText = ((await row.textContent()) ?? "").replace(/\s+/g, " ");
        expect(rowText).toContain("Cerrado");
        expect(rowText).toContain("Faltante $ 5.000");
        expect(rowText).toContain(`$ ${typed(counted)}`);
        await admin
          .getByRole("figure", { name: "Diferencias por cajero" })
          .getByText("Cajera Ejemplar: 1 turno, Faltante $ 5.000")
          .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.screenshot({ path: join(import.meta.dirname, "../../../docs/images/backoffice-shifts.png") });
        // Filters: an open shift of Caja 1 there is none; a difference of 5.000 or more, this one.
        await admin.getByLabel("Estado").selectOption({ label: "Abierto" });
        await admin.getByRole("button", { name: "Filtrar" }).click();
        await admin.getByText("No hay turnos con estos filtros.").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.getByLabel("Estado").selectOption({ label: "Todos" });
        await admin.getByLabel("Diferencia mínima").fill("5.000");
        await admin.getByRole("button", { name: "Filtrar" }).click();
        await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.getByLabel("Diferencia mínima").fill("5.100");
        await admin.getByRole("button", { name: "Filtrar" }).click();
        await admin.getByText("No hay turnos con estos filtros.").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.getByRole("button", { name: "Limpiar" }).click();
        await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.getByLabel(/^Cajero/).selectOption({ label: "Administradora Ejemplar" });
        await admin.getByRole("button", { name: "Filtrar" }).click();
        await admin.getByText("No hay turnos con estos filtros.").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.getByLabel(/^Cajero/).selectOption({ label: "Cajera Ejemplar" });
        await admin.getByRole("button", { name: "Filtrar" }).click();
        await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await admin.getByRole("button", { name: "Limpiar" }).click();
        // "Exportar CSV": the shift as a spreadsheet row (";" fields, comma decimals, a BOM).
        const download = admin.waitForEvent("download");
        await admin.getByRole("button", { name: "Exportar CSV" }).click();
        const file = await download;
        expect(file.suggestedFilename()).toMatch(/^turnos-\d{4}-\d{2}-\d{2}\.csv$/);
        const csv = Buffer.concat(await (await file.createReadStream()).toArray()).toString("utf8");
        const csvLines = csv
          .replace(/^\uFEFF/, "")
          .trimEnd()
          .split("\r\n");
        expect(csvLines[0]).toMatch(/^Caja;Abrió;Cerró;Apertura;Cierre;Estado;Base inicial;/);
        expect(csvLines).toHaveLength(2);
        expect(csvLines[1]).toContain(`;Cerrado;100000;`);
        expect(csvLines[1]).toContain(`;${counted / 100};-5000;5;${items[0]?.id}`);
        await row.getByRole("button", { name: /^Ver / }).click();

        await admin.getByRole("heading", { name: "Turno de Caja 1" }).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        expect(new URL(admin.url()).pathname).toBe(`/admin/turnos/${items[0]?.id}`);
        const serverReport = admin.getByRole("article", { name: "Cierre de turno" });
        const reprinted = ((await serverReport.textContent()) ?? "").replace(/\s+/g, " ");
        // The server's Z report is the till's: the same invoices, the same figures.
        for (const line of [
          "Base inicial$ 100.000",
          "AbrióCajera Ejemplar",
          "Facturas5",
          `Tarjeta débito$ ${typed(cardSale.total)}`,
          `Tarjeta crédito$ ${typed(mixedSale.total - 5_000_00)}`,
          `Efectivo$ ${typed(cashSale.total + 5_000_00 + offlineCash)}`,
          "Faltante $ 5.000",
          "Retiro $ 20.000 · Pago a proveedor",
          "Conteo por denominación",
        ])
          expect(reprinted).toContain(line);
        expect(reprinted).not.toContain("pendientes de sincronizar");
        const invoiceRows = admin
          .getByRole("table")
          .filter({ has: admin.getByRole("columnheader", { name: "Número" }) })
          .getByRole("row");
        await expect.poll(() => invoiceRows.count()).toBe(6); // header + 5 invoices
        await printsAlone(admin, serverReport, admin.getByRole("heading", { name: "Facturas del turno" }));
        await admin.getByRole("button", { name: "Reimprimir cierre" }).click();
        expect(await prints(admin)).toBe(1);
        await admin.getByRole("button", { name: /Volver a turnos/ }).click();
        await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      } finally {
        await owner.context.close();
      }
    } finally {
      await context.close();
    }
  });
});
