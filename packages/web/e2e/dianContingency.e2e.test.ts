/**
 * Issue 19 in a real browser: a DEE POS till (electronic equivalent POS document) sells online — the
 * receipt prints the CUDE and the QR and says "Validación DIAN pendiente" — then loses the connection,
 * sells two contingency tickets from its contingency numbering's leased block (the receipt says it is a
 * contingency document), comes back and syncs; the back office "Documentos electrónicos" shows both
 * documents generated, flagged contingency, with the 48-hour deadline, and the contingency notices.
 * (Sending them to the DIAN stub and its acceptance come with the sender, issue 19's other half.)
 */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const TERMINAL = "Caja DEE POS";
const imagesDir = join(import.meta.dirname, "../../../docs/images");

async function call<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** The company set up for habilitación: DIAN settings, a contingency numbering, a DEE POS numbering naming it, a till. */
async function setUpDeePosTill(url: string, token: string) {
  await call(url, token, "PATCH", "/api/company", {
    dian: { softwareId: "56f2ae4e-9812-4fad-9255-08fcfcd5ccb0", softwarePin: "12345", environment: "2" },
  });
  const contingency = await call<{ id: string }>(url, token, "POST", "/api/numberings", {
    name: "Contingencia POS",
    prefix: "CONT",
    rangeFrom: 1,
    rangeTo: 100_000,
    validFrom: "2019-01-19",
    validUntil: "2030-01-19",
    electronic: false,
    kind: "contingency",
    dianAuthorization: "18760000002",
    resolution: "Autorización DIAN 18760000002 (contingencia)",
    blockSize: 20,
  });
  const deePos = await call<{ id: string }>(url, token, "POST", "/api/numberings", {
    name: "DEE POS habilitación",
    prefix: "SETP",
    rangeFrom: 990_000_000,
    rangeTo: 995_000_000,
    validFrom: "2019-01-19",
    validUntil: "2030-01-19",
    electronic: true,
    kind: "dee_pos",
    dianAuthorization: "18760000001",
    resolution: "Autorización DIAN 18760000001 (set de pruebas)",
    contingencyNumberingId: contingency.id,
  });
  const { items } = await call<{ items: { name: string; warehouseId: string; paymentMethodIds: string[] }[] }>(
    url,
    token,
    "GET",
    "/api/terminals?limit=100",
  );
  const caja1 = items.find((t) => t.name === "Caja 1");
  if (!caja1) throw new Error("no Caja 1 in the demo company");
  await call(url, token, "POST", "/api/terminals", {
    name: TERMINAL,
    numberingId: deePos.id,
    warehouseId: caja1.warehouseId,
    paymentMethodIds: caja1.paymentMethodIds,
    requiresShift: false,
  });
  return { contingencyId: contingency.id };
}

describe.skipIf(!runBrowserTests)(
  "the electronic POS document at the till, online and in contingency (issue 19)",
  () => {
    const suite = useE2eSuite({ adminToken: true });

    test("a DEE POS till sells online (CUDE, QR), then 2 contingency tickets offline; the back office shows both with the deadline", async () => {
      const { contingencyId } = await setUpDeePosTill(suite.url, suite.token);
      const { context, page } = await suite.newPage({ width: 1366, height: 900 });
      try {
        await till.openTill(page, suite.url, TERMINAL);

        // Online: sent at once; the receipt gets the CUDE and the QR from the push answer.
        const online = await till.sellAndPayCash(page, ["Pan de bono"], { keepReceipt: true });
        const receipt = page.getByRole("article", { name: `Factura ${online.number}` });
        await receipt
          .getByText("Documento equivalente electrónico POS No.")
          .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await receipt.getByText("CUDE:").waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
        await receipt.getByRole("img", { name: "Código QR de consulta en la DIAN" }).waitFor();
        expect(await receipt.textContent()).toMatch(/CUDE: ?[0-9a-f]{96}/);
        await receipt.getByText("Validación DIAN pendiente").waitFor();
        await receipt.screenshot({ path: join(imagesDir, "dee-pos-receipt.png") });
        await page.getByRole("button", { name: "Nueva venta" }).click();
        await till.waitForSyncIndicator(page, "Sincronizado 100%");

        // The till holds a block of the contingency numbering before the connection drops.
        await expect
          .poll(
            async () =>
              (
                await call<{ totals: { unused: number } }>(
                  suite.url,
                  suite.token,
                  "GET",
                  `/api/numberings/${contingencyId}/report`,
                )
              ).totals.unused,
            { timeout: till.SETTLE_TIMEOUT_MS },
          )
          .toBeGreaterThan(0);

        // Offline: contingency tickets from the block, printed as contingency documents.
        await till.goOffline(context);
        await till.waitForConnectivity(page, "Sin conexión");
        await page.getByText(/^Sin conexión: se factura en contingencia \(CONT\)/).waitFor();
        const tickets: string[] = [];
        for (const product of ["Pan de bono", "Gaseosa Cola 400 ml"]) {
          const sold = await till.sellAndPayCash(page, [product], { keepReceipt: true });
          expect(sold.number).toMatch(/^CONT-\d+$/);
          expect(sold.receiptText).toContain(`Documento equivalente POS — contingencia No. ${sold.number}`);
          expect(sold.receiptText).toContain("Documento de contingencia: expedido sin conexión");
          expect(sold.receiptText).toContain("Validación DIAN pendiente");
          if (tickets.length === 0)
            await page
              .getByRole("article", { name: `Factura ${sold.number}` })
              .screenshot({ path: join(imagesDir, "dee-pos-contingency-receipt.png") });
          tickets.push(sold.number);
          await page.getByRole("button", { name: "Nueva venta" }).click();
        }
        expect(await till.syncIndicatorName(page)).toBe("2 pendientes");

        // Back online: the tickets sync; the server generates their electronic documents.
        await till.goOnline(context);
        await till.waitForSyncIndicator(page, "Sincronizado 100%");
        const serverNumbers = tickets.map((n) => n.replace("-", ""));
        const listed = await call<{
          items: { number: string; state: string; contingency: boolean; deadlineAt: string; outageEndedAt: string }[];
        }>(suite.url, suite.token, "GET", "/api/electronic-documents?contingency=true");
        expect(listed.items.map((d) => d.number).sort()).toEqual([...serverNumbers].sort());
        for (const d of listed.items) {
          expect(d.state).toBe("generated");
          expect(Date.parse(d.deadlineAt) - Date.parse(d.outageEndedAt)).toBe(48 * 3_600_000);
        }

        // The back office: both documents generated, flagged, with the deadline; the notices.
        const admin = await suite.newPage({ width: 1366, height: 900 });
        try {
          await admin.page.goto(`${suite.url}/admin/documentos-electronicos`);
          await till.logIn(admin.page, demoLogins.admin);
          await admin.page
            .getByRole("navigation", { name: "Administración" })
            .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          await admin.page.getByRole("link", { name: "Documentos electrónicos", exact: true }).click();
          await admin.page
            .getByRole("heading", { name: "Documentos electrónicos", level: 1 })
            .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          for (const number of serverNumbers) {
            const row = admin.page.getByTestId(`edoc-${number}`);
            await row.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
            await row.getByText("Generado", { exact: true }).waitFor();
            await row.getByText("Contingencia", { exact: true }).waitFor();
            await row.getByText(/^Quedan (47|48) h$/).waitFor();
          }
          expect(await admin.page.getByTestId("edoc-overdue").count()).toBe(0);
          const notices = admin.page.getByRole("region", { name: "Avisos de contingencia para la DIAN" });
          await notices
            .getByText(`${TERMINAL}: ${serverNumbers[0]} – ${serverNumbers[1]} (2)`, { exact: false })
            .waitFor();
          const endNotice = await notices.getByLabel("Aviso de fin").first().textContent();
          expect(endNotice).toContain("Aviso de fin de contingencia");
          expect(endNotice).toContain(`Caja: ${TERMINAL}`);
          await admin.page.screenshot({ path: join(imagesDir, "backoffice-electronic-documents.png"), fullPage: true });

          // The detail: the XML and the deadline.
          await admin.page.getByRole("button", { name: `Ver ${serverNumbers[0]}` }).click();
          await admin.page
            .getByRole("heading", { name: new RegExp(`^Documento ${serverNumbers[0]}`) })
            .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          expect(await admin.page.getByLabel("XML del documento").textContent()).toContain("<cbc:InvoiceTypeCode");
        } finally {
          await admin.context.close();
        }
      } finally {
        await context.close();
      }
    });
  },
);
