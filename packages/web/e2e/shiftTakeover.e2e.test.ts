/**
 * Issue 12, "Signing out does not close a shift; another cashier allowed on the terminal may take
 * over the open shift (recorded) or close it", in a real browser: cashier A opens a shift at
 * Caja 1, sells and signs out; cashier B signs in on Caja 1 (a new device), sees "Turno abierto
 * por …", takes it over, sells and closes with the count. The server has one shift with both
 * cashiers' sales and the handover recorded.
 */
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

/** "$ 123.456" → centavos. */
const centavosOf = (money: string) => Number(money.replace(/[^\d]/g, "")) * 100;
const typed = (centavos: number) => String(centavos / 100).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

async function api<T>(url: string, token: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface ShiftDetail {
  id: string;
  status: string;
  countedCash: number | null;
  tillExpectedCash: number | null;
  serverExpectedCash: number;
  document: {
    openedBy: string;
    handovers?: { by: string; fromUserId: string; deviceId: string; fromDeviceId: string }[];
  };
  invoices: { prefix: string; number: number; total: number }[];
}

/** The receipt's total ("Total $ 12.345"), read before "Nueva venta". */
async function sellCash(page: Page, products: readonly string[]): Promise<{ number: string; total: number }> {
  const { number, receiptText } = await till.sellAndPayCash(page, products);
  const match = /Total\s*\$\s*([\d.]+)/.exec(receiptText.replace(/\s+/g, " "));
  if (!match?.[1]) throw new Error(`no total on the receipt: ${receiptText}`);
  return { number, total: centavosOf(match[1]) };
}

/** Cashier A at Caja 1: opens with a base of 100.000, sells, waits for 100%, signs out. */
async function aOpensSellsAndSignsOut(page: Page, url: string, products: readonly string[]) {
  till.confirmLeaving(page);
  await page.goto(url);
  await till.logIn(page, demoLogins.cashier);
  await till.pickTerminal(page, "Caja 1");
  await till.waitUntilReady(page, undefined, { shift: "leave" });
  await till.openShift(page, "100.000");
  const sold: { number: string; total: number }[] = [];
  for (const product of products) sold.push(await sellCash(page, [product]));
  await till.waitForSyncIndicator(page, "Sincronizado 100%");
  // Signing out does not close the shift: it stays open on the server.
  await page.getByRole("button", { name: "Cerrar sesión" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cerrar sesión" }).click();
  await page.getByLabel("Correo electrónico").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
  return sold;
}

/** B on the same browser: a new device of Caja 1, which shows the shift A left open. */
async function bSignsInOnCaja1(page: Page) {
  await till.logIn(page, demoLogins.admin);
  await till.pickTerminal(page, "Caja 1");
  const heading = page.getByRole("heading", { name: /^Turno abierto por Cajera Ejemplar desde / });
  await heading.waitFor({ timeout: till.LOAD_TIMEOUT_MS });
  expect(await till.openShiftHeading(page).count()).toBe(0);
  return heading;
}

describe.skipIf(!runBrowserTests)("Tomar turno at the till (issue 12)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("A opens at Caja 1, sells, signs out; B signs in on Caja 1, takes the shift over, sells, closes with the count → one shift with both sales and the handover", async () => {
    const { page } = await suite.newPage();
    const byA = await aOpensSellsAndSignsOut(page, suite.url, [till.demoProductNames[0], till.demoProductNames[1]]);
    const heading = await bSignsInOnCaja1(page);
    const panel = page.locator("section").filter({ has: heading });
    expect(((await panel.textContent()) ?? "").replace(/\s+/g, " ")).toContain(
      `Base $ 100.000 · 2 ventas por $ ${typed(byA[0]!.total + byA[1]!.total)}`,
    );
    await page.getByRole("button", { name: "Tomar turno" }).click();
    const byB = await sellCash(page, [till.demoProductNames[2]]);

    // "Cerrar turno": the expected cash counts A's sales (the server's figures) and B's, once each.
    await page.getByRole("button", { name: "Cerrar turno", exact: true }).click();
    const cashRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Efectivo" }) });
    await cashRow.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    const expected = centavosOf(((await cashRow.getByRole("cell").first().textContent()) ?? "").trim());
    expect(expected).toBe(100_000_00 + byA[0]!.total + byA[1]!.total + byB.total);
    await page.getByLabel("Contado en Efectivo").fill(typed(expected));
    await page.getByRole("button", { name: "Confirmar cierre" }).click();
    const report = page.getByRole("article", { name: "Cierre de turno" });
    await report.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    const printed = ((await report.textContent()) ?? "").replace(/\s+/g, " ");
    expect(printed).toContain("AbrióCajera Ejemplar");
    expect(printed).toContain("CerróAdministradora Ejemplar");
    // Both cashiers' sales on the Cierre de turno, counted once, no difference.
    expect(printed).toContain("Facturas3");
    expect(printed).toContain(`Esperado $ ${typed(expected)} · Contado $ ${typed(expected)}`);
    await page.getByRole("button", { name: "Continuar" }).click();
    await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    await till.waitForSyncIndicator(page, "Sincronizado 100%");

    const list = await api<{ items: { id: string; status: string }[]; total: number }>(
      suite.url,
      suite.token,
      "/api/shifts",
    );
    expect(list.total).toBe(1);
    const detail = await api<ShiftDetail>(suite.url, suite.token, `/api/shifts/${list.items[0]?.id}`);
    expect(detail).toMatchObject({ status: "closed", countedCash: expected, tillExpectedCash: expected });
    expect(detail.serverExpectedCash).toBe(expected);
    expect(detail.invoices.map((i) => `${i.prefix}-${i.number}`).sort()).toEqual(
      [...byA.map((s) => s.number), byB.number].sort(),
    );
    expect(detail.document.handovers).toHaveLength(1);
    expect(detail.document.handovers?.[0]?.fromUserId).toBe(detail.document.openedBy);
    expect(detail.document.handovers?.[0]?.fromDeviceId).not.toBe(detail.document.handovers?.[0]?.deviceId);
  });

  test("Cerrar turno from the takeover: the count at once, the Cierre de turno with A's sales", async () => {
    const { page } = await suite.newPage();
    const [sold] = await aOpensSellsAndSignsOut(page, suite.url, [till.demoProductNames[3]]);
    await bSignsInOnCaja1(page);
    await page.getByRole("button", { name: "Cerrar turno", exact: true }).click();
    // Straight to the count: no sale in between.
    const cashRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Efectivo" }) });
    await cashRow.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    const expected = centavosOf(((await cashRow.getByRole("cell").first().textContent()) ?? "").trim());
    expect(expected).toBe(100_000_00 + (sold?.total ?? 0));
    await page.getByLabel("Contado en Efectivo").fill(typed(expected - 1_000_00));
    await page.getByRole("button", { name: "Confirmar cierre" }).click();
    const report = page.getByRole("article", { name: "Cierre de turno" });
    await report.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    const printed = ((await report.textContent()) ?? "").replace(/\s+/g, " ");
    for (const line of [
      "AbrióCajera Ejemplar",
      "CerróAdministradora Ejemplar",
      "Facturas1",
      `Facturas ${sold?.number} a ${sold?.number}`,
      `Efectivo$ ${typed(sold?.total ?? 0)}`,
      "Faltante $ 1.000",
    ])
      expect(printed).toContain(line);
    await page.getByRole("button", { name: "Continuar" }).click();
    await till.openShiftHeading(page).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
    await till.waitForSyncIndicator(page, "Sincronizado 100%");
    const list = await api<{ items: { id: string; status: string; countedCash: number }[] }>(
      suite.url,
      suite.token,
      "/api/shifts?status=closed",
    );
    expect(list.items.filter((i) => i.countedCash === expected - 1_000_00)).toHaveLength(1);
  });
});
