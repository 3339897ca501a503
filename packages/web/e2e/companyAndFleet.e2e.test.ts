/**
 * Issue 11, "Empresa" and "Dispositivos" in a real browser. The CompanySettings screen is reached from
 * "Administración → Empresa" of the till's header until the back office mounts it at /admin/empresa.
 * Caja 1 sells online; the admin's device list shows it with nothing pending (the till reports after its
 * push); the admin fixes a wrong NIT shown next to its field, saves over a concurrent change ("Sobrescribir"),
 * and Caja 1's next receipt prints the new address, tax regime and footer after one sync.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import {
  demoProductNames,
  logIn,
  openTill,
  pickTerminal,
  SETTLE_TIMEOUT_MS,
  sellAndPayCash,
  sellInvoices,
  waitForSyncIndicator,
  waitUntilReady,
} from "./support/tillSteps";

async function company(url: string, token: string) {
  const res = await fetch(`${url}/api/company`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as Record<string, unknown>;
}

/** Until the till's local copy of the company (IndexedDB "mostrador", table meta) has `footer`. */
async function waitForLocalCompanyFooter(page: Page, footer: string) {
  await page.waitForFunction(
    (expected) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open("mostrador");
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const get = open.result.transaction("meta").objectStore("meta").get("company");
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result?.value?.receiptFooter === expected);
          };
          get.onerror = () => resolve(false);
        };
      }),
    footer,
    { timeout: SETTLE_TIMEOUT_MS, polling: 250 },
  );
}

const imagesDir = join(import.meta.dirname, "../../../docs/images");

/** From the till's header menu, or from the back office's own menu once there. */
async function openAdminView(admin: Page, item: "Dispositivos" | "Empresa") {
  if (new URL(admin.url()).pathname.startsWith("/admin")) {
    await admin.getByRole("navigation").getByRole("link", { name: item, exact: true }).click();
    return;
  }
  await admin.getByRole("button", { name: "Administración" }).click();
  await admin.getByRole("menuitem", { name: item }).click();
}

describe.skipIf(!runBrowserTests)("Empresa and Dispositivos (issue 11)", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("the fleet shows Caja 1 up to date; company settings reach Caja 1's receipt in one sync", async () => {
    const { context: tillContext, page: till } = await suite.newPage();
    const { context: adminContext, page: admin } = await suite.newPage({ width: 1366, height: 1000 });
    try {
      await openTill(till, suite.url, "Caja 1");
      await sellInvoices(till, 2);
      await waitForSyncIndicator(till, "Sincronizado 100%");

      await admin.goto(suite.url);
      await logIn(admin, demoLogins.admin);
      await pickTerminal(admin, "Caja 3");
      await waitUntilReady(admin, "Caja 3");
      await openAdminView(admin, "Dispositivos");
      const row = admin.getByRole("row").filter({ has: admin.getByRole("cell", { name: "Caja 1", exact: true }) });
      await row.waitFor({ timeout: SETTLE_TIMEOUT_MS });
      const cells = await row.getByRole("cell").allTextContents();
      // Caja, Dispositivo, Última conexión, Pendientes, Con error, Pendiente más antigua, Versión, Reporte, Estado
      expect(cells[2]).toMatch(/^hace \d+ s/);
      expect(cells.slice(3, 6)).toEqual(["0", "0", "—"]);
      expect(cells[7]).toMatch(/^hace \d+ s/);
      expect(cells[8]).toBe("Activo");
      await admin.screenshot({ path: join(imagesDir, "backoffice-devices.png") });

      await openAdminView(admin, "Empresa");
      const nit = admin.getByLabel("NIT", { exact: true });
      await nit.waitFor({ timeout: SETTLE_TIMEOUT_MS });
      await nit.fill("900123456-9");
      await admin.getByLabel("Dirección").fill("Calle 10 # 5-20, Bogotá");
      await admin.getByLabel("Régimen tributario").selectOption({ label: "Régimen Simple de Tributación" });
      await admin.getByLabel("Texto del pie de la factura").fill("Vuelva pronto\nCambios con la tirilla");
      await admin.getByRole("button", { name: "Guardar" }).click();
      await admin
        .getByText("Escriba el NIT con su dígito de verificación, por ejemplo 900123456-8.")
        .waitFor({ timeout: SETTLE_TIMEOUT_MS });
      expect(await company(suite.url, suite.token)).toMatchObject({ nit: "900123456-8", address: "" });

      // Meanwhile another admin changes the phone: this save is told, and overwrites with its own fields.
      const other = await fetch(`${suite.url}/api/company`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${suite.token}`, "content-type": "application/json" },
        body: JSON.stringify({ phone: "601 555 1234" }),
      });
      expect(other.status).toBe(200);
      await nit.fill("900123456-8");
      await admin.getByRole("button", { name: "Guardar" }).click();
      await admin.getByText(/^Otra persona cambió los datos de la empresa/).waitFor({ timeout: SETTLE_TIMEOUT_MS });
      expect((await company(suite.url, suite.token)).address).toBe("");
      await admin.getByRole("button", { name: "Sobrescribir con mis cambios" }).click();
      await admin.getByText(/^Datos de la empresa guardados/).waitFor({ timeout: SETTLE_TIMEOUT_MS });
      await admin.screenshot({ path: join(imagesDir, "backoffice-company.png") });
      expect(await company(suite.url, suite.token)).toMatchObject({
        nit: "900123456-8",
        address: "Calle 10 # 5-20, Bogotá",
        phone: "601 555 1234",
        taxRegime: "simple",
        receiptFooter: "Vuelva pronto\nCambios con la tirilla",
      });

      // One sync later Caja 1 prints them.
      await till.getByRole("button", { name: "Sincronizar" }).click();
      await waitForLocalCompanyFooter(till, "Vuelva pronto\nCambios con la tirilla");
      const { receiptText } = await sellAndPayCash(till, [demoProductNames[0]], { keepReceipt: true });
      for (const text of [
        "NIT 900123456-8",
        "Régimen Simple de Tributación",
        "Calle 10 # 5-20, Bogotá",
        "Tel. 601 555 1234",
        "Vuelva pronto",
      ])
        expect(receiptText).toContain(text);
      expect(receiptText).not.toContain("Gracias por su compra");
      await till.screenshot({ path: "/tmp/bo-fleet-receipt.png" });
      await admin.screenshot({ path: "/tmp/bo-fleet-company.png", fullPage: true });
    } finally {
      await tillContext.close();
      await adminContext.close();
    }
  });
});
