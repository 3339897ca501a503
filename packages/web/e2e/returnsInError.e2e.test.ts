/**
 * A void imported from another till's file, of an invoice that is not on the importing device: the server
 * refuses it while its maker is active (DEVICE_MISMATCH), the sync indicator says "1 con error", and the
 * sales history's «Con error» view lists it (no invoice detail could) with «Sincronizar de nuevo»; once an
 * admin revokes the maker, sending it again voids the invoice on the server and the till is synced.
 */
import { uuidv7 } from "@mostrador/domain";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

async function api<T>(url: string, token: string, method: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe.skipIf(!runBrowserTests)("a return or void in error whose invoice is not on this device", () => {
  const suite = useE2eSuite({ adminToken: true });

  test("an imported void refused with DEVICE_MISMATCH is listed under «Con error» and sent again after the revocation", async () => {
    const maker = await suite.newPage();
    const importer = await suite.newPage();
    try {
      await till.openTill(maker.page, suite.url, "Caja 1");
      await till.sellInvoices(maker.page, 1);
      await till.waitForSyncIndicator(maker.page, "Sincronizado 100%");
      const [invoice] = (await till.serverInvoices(suite.url, suite.token)).items;
      if (!invoice) throw new Error("the sale did not reach the server");
      // The void is the cashier's, who signed in on Caja 1 and voids within the sale's open shift.
      const login = await fetch(`${suite.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(demoLogins.cashier),
      });
      const { token } = (await login.json()) as { token: string };
      const me = await api<{ user: { id: string }; company: { id: string } }>(suite.url, token, "GET", "/api/auth/me");
      // Caja 1's file with a void made there (as "Exportar pendientes" writes it).
      const file = {
        format: "mostrador.pending-invoices",
        version: 2,
        exportedAt: new Date().toISOString(),
        companyId: me.company.id,
        deviceId: invoice.deviceId,
        terminalId: invoice.terminalId,
        invoices: [],
        creditNotes: [],
        voids: [
          {
            id: uuidv7(),
            invoiceId: invoice.id,
            deviceId: invoice.deviceId,
            voidedBy: me.user.id,
            voidedAt: new Date().toISOString(),
            reason: "Registrada por error",
          },
        ],
        shifts: [],
        clients: [],
      };

      const { page } = importer;
      await page.goto(suite.url);
      await till.logIn(page, demoLogins.admin);
      await till.pickTerminal(page, "Caja 3");
      await till.waitUntilReady(page, "Caja 3");
      await till.openSalesHistory(page);
      await page.locator('input[type="file"]').setInputFiles({
        name: "pendientes.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(file)),
      });
      await page.getByText(/Importados: 1\./).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      await till.waitForSyncIndicator(page, "1 con error");

      await page.getByRole("button", { name: "Con error (1)" }).click();
      const section = page.getByRole("region", { name: "Devoluciones y anulaciones con error" });
      await section.getByText("Anulación de una factura que no está en este dispositivo").waitFor();
      await section.getByText("La factura no está en este dispositivo: llegó en un archivo de pendientes.").waitFor();

      await api(suite.url, suite.token, "POST", `/api/devices/${invoice.deviceId}/revoke`);
      await section.getByRole("button", { name: "Sincronizar de nuevo" }).click();
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await section.waitFor({ state: "detached" });
      const after = (await till.serverInvoices(suite.url, suite.token)).items.find((i) => i.id === invoice.id);
      expect(after?.status).toBe("voided");
    } finally {
      await maker.context.close();
      await importer.context.close();
    }
  });
});
