/**
 * Issue 19, «Anular» of a DEE POS ticket at the till in one step, against the stub DIAN: a cashier
 * sells online in an open shift, the DIAN accepts the ticket; with the connection down she annuls
 * it with a reason: the credit note giving back every line is saved at once (its receipt shows, to
 * print) and the ticket says it is annulled by that note; back online, one sync uploads the note and
 * the server sends the DIAN the adjustment note that voids the whole document (ResponseCode 2),
 * after the ticket, each once.
 */
import { type DianStub, startDianStub } from "@mostrador/server/testing/dianStub";
import { makeTestPkcs12 } from "@mostrador/server/testing/testCertificate";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runBrowserTests } from "./support/browserHarness";
import { call, DEE_POS_TERMINAL, type ListedDocument, setUpDeePosTill } from "./support/deePosTill";
import { useE2eSuite } from "./support/e2eSuite";
import * as till from "./support/tillSteps";

/** How long the DIAN's verdict may take to reach the server's list. */
const VERDICT_TIMEOUT_MS = 20_000;

describe.skipIf(!runBrowserTests)("«Anular» of a DEE POS ticket in one step (issue 19)", () => {
  let stub: DianStub;
  let pkcs12Base64: string;
  beforeAll(async () => {
    stub = await startDianStub();
    pkcs12Base64 = Buffer.from(makeTestPkcs12("firma")).toString("base64");
  }, 60_000);
  afterAll(() => stub?.close());
  const suite = useE2eSuite({
    adminToken: true,
    env: { DIAN_SEND_AFTER_PUSH: "1", DIAN_SEND_INTERVAL_SECONDS: "1" },
  });
  const documents = async () =>
    (await call<{ items: ListedDocument[] }>(suite.url, suite.token, "GET", "/api/electronic-documents")).items;

  test("a synced DEE POS ticket annulled offline with a reason → the note's receipt, «Anulado por la nota»; online → the DIAN gets the ticket then the note with ResponseCode 2", async () => {
    await setUpDeePosTill(
      suite.url,
      suite.token,
      { serviceUrl: stub.url, pkcs12Base64 },
      {
        requiresShift: true,
        creditNotes: true,
      },
    );
    const { context, page } = await suite.newPage({ width: 1366, height: 900 });
    try {
      await till.openTill(page, suite.url, DEE_POS_TERMINAL); // the cashier, in a shift she opens
      const { number } = await till.sellAndPayCash(page, ["Pan de bono", "Gaseosa Cola 400 ml"]);
      const serverNumber = number.replace("-", "");
      await expect
        .poll(async () => (await documents()).map((d) => `${d.number} ${d.state}`), { timeout: VERDICT_TIMEOUT_MS })
        .toEqual([`${serverNumber} accepted`]);
      await till.waitForSyncIndicator(page, "Sincronizado 100%");

      // Offline, one step: «Anular», a reason, the note's receipt.
      await till.goOffline(context);
      await till.waitForConnectivity(page, "Sin conexión");
      await till.openSalesHistory(page);
      await page.getByRole("button", { name: `Abrir factura ${number}` }).click();
      await page.getByRole("button", { name: "Anular", exact: true }).click();
      const dialog = page.getByRole("dialog", { name: `Anular el documento equivalente ${number}` });
      await dialog.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      // The reason is required.
      await dialog.getByRole("button", { name: "Anular con nota" }).click();
      await dialog.getByRole("alert").waitFor();
      await dialog.getByLabel("Motivo de la anulación").fill("Cobro equivocado");
      await dialog.getByRole("button", { name: "Anular con nota" }).click();
      const note = page.getByRole("article", { name: /^Nota crédito / });
      await note.waitFor({ timeout: till.SETTLE_TIMEOUT_MS });
      const noteNumber = ((await note.getAttribute("aria-label")) ?? "").replace(/^Nota crédito /, "").trim();
      const noteText = (await note.textContent()) ?? "";
      expect(noteText).toContain("Pan de bono");
      expect(noteText).toContain("Gaseosa Cola 400 ml");
      expect(noteText).toContain("Cobro equivocado");
      await page.getByRole("button", { name: "Imprimir" }).waitFor();
      expect(await till.syncIndicatorName(page)).toBe("1 pendiente");

      // The ticket: annulled by its note (pending), «Anular» and «Devolución» gone.
      await page.getByRole("button", { name: "Volver a la factura" }).click();
      await page.getByText(`Anulado por la nota ${noteNumber} (pendiente de sincronizar)`).waitFor();
      expect(await page.getByRole("button", { name: "Anular", exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Devolución", exact: true }).count()).toBe(0);

      // Back online: one sync; the DIAN receives the ticket, then the note that voids it, each once.
      await till.goOnline(context);
      await till.waitForSyncIndicator(page, "Sincronizado 100%");
      await page.getByText(`Anulado por la nota ${noteNumber}`, { exact: true }).waitFor({
        timeout: till.SETTLE_TIMEOUT_MS,
      });
      await expect
        .poll(() => stub.documents.map((d) => [d.root, d.typeCode, d.responseCode, d.answer].join(" ")), {
          timeout: VERDICT_TIMEOUT_MS,
        })
        .toEqual(["Invoice 20  accepted", "CreditNote 94 2 accepted"]);
      const listed = await documents();
      expect(listed.map((d) => `${d.number} ${d.state}`).sort()).toEqual(
        [`${serverNumber} accepted`, `${noteNumber.replace("-", "")} accepted`].sort(),
      );
      for (const d of stub.documents) expect(stub.newReceipts(d.cude)).toBe(1);
      const { items } = await till.serverInvoices(suite.url, suite.token);
      const ticket = items.find((i) => till.printedNumber(i) === number) as { id: string } | undefined;
      const detail = await call<{ returnStatus: string; creditNotes: { prefix: string; number: number }[] }>(
        suite.url,
        suite.token,
        "GET",
        `/api/invoices/${ticket?.id}`,
      );
      expect([detail.returnStatus, detail.creditNotes.map((c) => `${c.prefix}-${c.number}`)]).toEqual([
        "returned",
        [noteNumber],
      ]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
