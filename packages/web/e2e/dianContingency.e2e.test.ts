/**
 * Issue 19 in a real browser, against the stub DIAN (SendBillSync, WS-Security and XAdES checked): a
 * DEE POS till (electronic equivalent POS document) sells online — the receipt prints the CUDE and the
 * QR and says "Validación DIAN pendiente" until the DIAN's verdict reaches the till, then "Validado por
 * la DIAN" — then loses the connection, sells two contingency tickets from its contingency numbering's
 * leased block (the receipt says it is a contingency document), comes back and syncs once; the server
 * generates, signs and sends both documents after that push, and the back office "Documentos
 * electrónicos" shows both accepted, flagged contingency, with the 48-hour deadline, and the
 * contingency notices.
 */
import { join } from "node:path";
import { type DianStub, startDianStub } from "@mostrador/server/testing/dianStub";
import { makeTestPkcs12 } from "@mostrador/server/testing/testCertificate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoLogins, runBrowserTests } from "./support/browserHarness";
import { call, type ListedDocument, setUpDeePosTill, DEE_POS_TERMINAL as TERMINAL } from "./support/deePosTill";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

const imagesDir = join(import.meta.dirname, "../../../docs/images");
/** How long the DIAN's verdict may take to show in the back office and at the till. */
const VERDICT_TIMEOUT_MS = 20_000;

describe.skipIf(!runBrowserTests)(
  "the electronic POS document at the till, online and in contingency (issue 19)",
  () => {
    let stub: DianStub;
    let pkcs12Base64: string;
    beforeAll(async () => {
      stub = await startDianStub();
      pkcs12Base64 = Buffer.from(makeTestPkcs12("firma")).toString("base64");
    }, 60_000);
    afterAll(() => stub?.close());
    // The server process sends after each push (the default) and, for what is still due, every second.
    const suite = useE2eSuite({
      adminToken: true,
      env: { DIAN_SEND_AFTER_PUSH: "1", DIAN_SEND_INTERVAL_SECONDS: "1" },
    });
    const documents = async (query: string) =>
      (await call<{ items: ListedDocument[] }>(suite.url, suite.token, "GET", `/api/electronic-documents${query}`))
        .items;

    test("a DEE POS till sells online (CUDE, QR, then validated), then 2 contingency tickets offline; after one sync the back office shows both accepted by the DIAN with the deadline", async () => {
      const { contingencyId } = await setUpDeePosTill(suite.url, suite.token, { serviceUrl: stub.url, pkcs12Base64 });
      const { context, page } = await suite.newPage({ width: 1366, height: 900 });
      try {
        await till.openTill(page, suite.url, TERMINAL);

        // Online: sent at once; the receipt gets the CUDE and the QR from the push answer. The DIAN
        // answers slowly here (4 s), so the receipt is seen pending before the verdict exists.
        stub.delayMs = 4_000;
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
        stub.delayMs = 0;

        // The server sent it after the push and the DIAN accepted it; the verdict gave the invoice a new
        // version, which the till pulls: the receipt still on screen says it is validated.
        const onlineNumber = online.number.replace("-", "");
        await expect
          .poll(async () => (await documents("?contingency=false")).map((d) => `${d.number} ${d.state}`), {
            timeout: VERDICT_TIMEOUT_MS,
          })
          .toEqual([`${onlineNumber} accepted`]);
        await page.getByRole("button", { name: "Sincronizar" }).click();
        await receipt.getByText("Validado por la DIAN").waitFor({ timeout: VERDICT_TIMEOUT_MS });
        expect(await receipt.getByText("Validación DIAN pendiente").count()).toBe(0);
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

        // Back online: one sync pushes the tickets; the server generates their electronic documents,
        // signs them and sends them to the DIAN after that push — nothing more is asked of the till.
        await till.goOnline(context);
        await till.waitForSyncIndicator(page, "Sincronizado 100%");
        const serverNumbers = tickets.map((n) => n.replace("-", ""));

        // The back office: both documents accepted, flagged, with the deadline; the notices.
        const admin = await suite.newPage({ width: 1366, height: 900 });
        try {
          await admin.page.goto(`${suite.url}/admin/documentos-electronicos`);
          await till.logIn(admin.page, demoLogins.admin);
          await admin.page
            .getByRole("navigation", { name: "Administración" })
            .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          await admin.page.getByRole("link", { name: "Documentos electrónicos", exact: true }).click();
          const stateOf = (number: string) => admin.page.getByTestId(`edoc-${number}`).locator(".edoc-state");
          // The screen as the admin would watch it: reloaded until the DIAN's verdicts are there.
          await expect
            .poll(
              async () => {
                await admin.page
                  .getByRole("heading", { name: "Documentos electrónicos", level: 1 })
                  .waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
                const states = [];
                for (const number of serverNumbers) {
                  await stateOf(number).waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
                  states.push(await stateOf(number).textContent());
                }
                if (states.some((s) => s !== "Aceptado")) await admin.page.reload();
                return states;
              },
              { timeout: VERDICT_TIMEOUT_MS, interval: 500 },
            )
            .toEqual(["Aceptado", "Aceptado"]);
          for (const number of serverNumbers) {
            const row = admin.page.getByTestId(`edoc-${number}`);
            await row.getByText("Contingencia", { exact: true }).waitFor();
            const deadline = row.locator("[data-deadline]");
            expect(await deadline.getAttribute("data-deadline")).toBe("done");
            expect(await deadline.locator("span").textContent()).toMatch(/\d/);
            expect(await deadline.locator("small").textContent()).toBe("Transmitido a tiempo");
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

          // The detail: accepted, the DIAN's answer, the XML and the deadline.
          await admin.page.getByRole("button", { name: `Ver ${serverNumbers[0]}` }).click();
          const detail = admin.page.getByRole("region", { name: new RegExp(`^Documento ${serverNumbers[0]}`) });
          await detail.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
          await detail.getByText("Aceptado", { exact: true }).waitFor();
          await detail.getByText("Procesado Correctamente.", { exact: true }).waitFor();
          expect(await detail.locator("[data-deadline]").getAttribute("data-deadline")).toBe("done");
          expect(await admin.page.getByLabel("XML del documento").textContent()).toContain("<cbc:InvoiceTypeCode");
        } finally {
          await admin.context.close();
        }

        // What the DIAN (stub) saw: each contingency document received once, by SendBillSync, and
        // accepted after the outage ended and within its 48 hours.
        const listed = await documents("?contingency=true");
        expect(listed.map((d) => d.number).sort()).toEqual([...serverNumbers].sort());
        for (const d of listed) {
          expect(d.state).toBe("accepted");
          const outageEnded = Date.parse(d.outageEndedAt ?? "");
          expect(Date.parse(d.deadlineAt ?? "") - outageEnded).toBe(48 * 3_600_000);
          expect(Date.parse(d.sentAt ?? "")).toBeGreaterThanOrEqual(outageEnded);
          expect(Date.parse(d.acceptedAt ?? "")).toBeLessThan(Date.parse(d.deadlineAt ?? ""));
          const cude = d.cude ?? "";
          expect(stub.requests.filter((r) => r.trackId === cude).map((r) => `${r.operation} ${r.answer}`)).toEqual([
            "SendBillSync accepted",
          ]);
          expect(stub.newReceipts(cude)).toBe(1);
        }
      } finally {
        await context.close();
      }
    });
  },
);
