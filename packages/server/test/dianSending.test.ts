import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SignedXml } from "xml-crypto";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { type DianStub, startDianStub } from "../src/features/electronicDocument/dianStub/dianStubServer";
import { retryDelayMs, validationWaitMs } from "../src/features/electronicDocument/electronicDocumentOutbox";
import { sendPendingElectronicDocuments } from "../src/features/electronicDocument/electronicDocumentSender";
import { validateAgainstSchema } from "../src/features/electronicDocument/schemaValidator";
import { makeTestPkcs12 } from "../src/features/electronicDocument/testCertificate";
import { newShop, type Shop, schemaHeader } from "./support/company";
import { openDeePosTill, sendToDian } from "./support/dian";
import { expectApiError, type Json } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const key = Buffer.alloc(32, 9);
const server = useTestServer({ secretKey: key });
let stub: DianStub;
let p12: string;

beforeAll(async () => {
  stub = await startDianStub();
  p12 = Buffer.from(makeTestPkcs12("firma")).toString("base64");
});
afterAll(() => stub.close());

let nits = 0;

/**
 * A shop set up to send to the stub DIAN: DEE POS till, certificate, the stub's URL, SendBillSync
 * unless a test set, and a NIT of its own (the CUDE carries it: two shops never share a CUDE).
 */
async function sendingShop(options: { testSet?: boolean } = {}) {
  const shop = await newShop(server);
  const till = await openDeePosTill(shop);
  const nitBase = String(800_000_000 + process.pid * 100 + ++nits);
  await sendToDian(shop, { serviceUrl: stub.url, nitBase, pkcs12Base64: p12, password: "firma", ...options });
  return { shop, till };
}

async function pushSales(till: Awaited<ReturnType<typeof openDeePosTill>>, count: number) {
  const invoices = Array.from({ length: count }, () => till.invoice());
  const res = await till.push(invoices);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.results.map((r: Json) => r.outcome)).toEqual(invoices.map(() => "accepted"));
  return invoices.map((i) => i.id as string);
}

const list = async (shop: Shop, query = "") =>
  (await shop.http.get(`/api/electronic-documents${query}`, { token: shop.admin })).body.items as Json[];
const detail = async (shop: Shop, id: string) =>
  (await shop.http.get(`/api/electronic-documents/${id}`, { token: shop.admin })).body as Json;
/** The sender as another moment would run it (a retry's backoff passed). */
const sendAt = (companyId: string, at: Date) =>
  sendPendingElectronicDocuments(server.db, { secrets: secretBoxOf(key), now: () => at }, companyId);
const requestsFor = (cude: string) =>
  stub.requests.filter((r) => r.trackId === cude).map((r) => `${r.operation} ${r.answer}`);

describe("sending the outbox to the DIAN (stub)", () => {
  it("signs and sends each generated document once: accepted, with the DIAN's answer and times", async () => {
    const { shop, till } = await sendingShop();
    const ids = await pushSales(till, 2);
    const report = await server.app.electronicDocuments.runNow(shop.demo.companyId);
    expect(report).toEqual({ accepted: 2, rejected: 0, waiting: 0 });
    const items = await list(shop);
    for (const item of items) {
      expect(item).toMatchObject({
        state: "accepted",
        attempts: 1,
        dianAnswer: { code: "00", messages: ["Procesado Correctamente."] },
        sendError: null,
        nextAttemptAt: null,
      });
      expect(Date.parse(item.sentAt)).toBeLessThanOrEqual(Date.parse(item.acceptedAt));
      expect(requestsFor(item.cude)).toEqual(["SendBillSync accepted"]);
    }
    const one = await detail(shop, ids[0] as string);
    expect(one.dianResponse).toContain("<b:StatusCode>00</b:StatusCode>");
    // The signed XML as sent: the company's certificate in KeyInfo, verified by xml-crypto, schema-valid.
    const doc = new DOMParser().parseFromString(one.signedXml, "text/xml");
    const signature = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0];
    const cert = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate")[0]?.textContent;
    const verifier = new SignedXml({
      publicCert: `-----BEGIN CERTIFICATE-----\n${cert?.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----\n`,
    });
    verifier.loadSignature(signature as never);
    expect(verifier.checkSignature(one.signedXml)).toBe(true);
    expect((await validateAgainstSchema(one.signedXml)).errors).toEqual([]);
    // Nothing is due any more: another run sends nothing.
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toEqual({
      accepted: 0,
      rejected: 0,
      waiting: 0,
    });
  }, 30_000);

  it("rejected with rule codes; resent after a correction it is built again and accepted; accepted is never resent", async () => {
    const { shop, till } = await sendingShop();
    const [id] = await pushSales(till, 1);
    stub.plan({ rejected: ["Regla: FAD06, Rechazo: El valor del CUDE no está calculado correctamente."] });
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toMatchObject({ rejected: 1 });
    const rejected = await detail(shop, id as string);
    expect(rejected).toMatchObject({
      state: "rejected",
      dianRuleCodes: ["FAD06"],
      dianAnswer: {
        code: "99",
        messages: [
          "Validación contiene errores en campos mandatorios.",
          "Regla: FAD06, Rechazo: El valor del CUDE no está calculado correctamente.",
        ],
      },
      acceptedAt: null,
    });
    expectApiError(await shop.http.post(`/api/electronic-documents/${id}/resend`, {}, { token: shop.cashier }), 403);
    // The till that sold it has learned the rejection; its next pull has nothing new until the resend.
    const tillPull = async (cursor: number) => {
      const res = await shop.http.get(`/api/sync/pull?cursor=0&invoiceCursor=${cursor}`, {
        token: till.token,
        headers: schemaHeader,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const row = (res.body.changes as Json[]).find((c) => c.entity === "invoices" && c.id === id);
      return { cursor: Number(res.body.invoiceCursor), electronicDocument: row?.data.electronicDocument };
    };
    const learned = await tillPull(0);
    expect(learned.electronicDocument).toMatchObject({ state: "rejected" });
    expect((await tillPull(learned.cursor)).electronicDocument).toBeUndefined();
    // The admin corrects the company's address; the document is built again with it.
    await shop.http.patch("/api/company", { address: "Carrera 7 # 71-21, Bogotá" }, { token: shop.admin });
    const resent = await shop.http.post(`/api/electronic-documents/${id}/resend`, {}, { token: shop.admin });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect(resent.body).toMatchObject({ state: "generated", signedXml: null, sentAt: null, attempts: 1 });
    expect(resent.body.xml).toContain("Carrera 7 # 71-21");
    expect(resent.body.createdAt).toBe(rejected.createdAt);
    // ... and the till learns it on its next pull (found by a review: it kept showing the rejection).
    expect((await tillPull(learned.cursor)).electronicDocument).toMatchObject({ state: "generated" });
    await server.app.electronicDocuments.runNow(shop.demo.companyId);
    const again = await detail(shop, id as string);
    expect(again).toMatchObject({ state: "accepted", dianRuleCodes: [], attempts: 2 });
    expectApiError(
      await shop.http.post(`/api/electronic-documents/${id}/resend`, {}, { token: shop.admin }),
      409,
      "CONFLICT",
    );
    expectApiError(
      await shop.http.post(`/api/electronic-documents/${shop.demo.productIds[0]}/resend`, {}, { token: shop.admin }),
      404,
    );
  });

  it("5xx: sent, retried after the backoff with GetStatus first, then sent and accepted", async () => {
    const { shop, till } = await sendingShop();
    const [id] = await pushSales(till, 1);
    stub.plan("unavailable");
    const t0 = new Date();
    expect(await sendAt(shop.demo.companyId, t0)).toEqual({ accepted: 0, rejected: 0, waiting: 1 });
    const waiting = await detail(shop, id as string);
    expect(waiting).toMatchObject({ state: "sent", attempts: 1, dianAnswer: null, acceptedAt: null });
    expect(waiting.sendError).toMatch(/HTTP 503.*Servicio no disponible/);
    expect(Date.parse(waiting.nextAttemptAt) - t0.getTime()).toBe(30_000);
    // Not due before its time.
    expect(await sendAt(shop.demo.companyId, new Date(t0.getTime() + 29_000))).toMatchObject({ waiting: 0 });
    expect(await sendAt(shop.demo.companyId, new Date(t0.getTime() + 30_000))).toMatchObject({ accepted: 1 });
    expect(await detail(shop, id as string)).toMatchObject({ state: "accepted", attempts: 2, sendError: null });
    expect(requestsFor(waiting.cude)).toEqual([
      "SendBillSync unavailable",
      "GetStatus unknown",
      "SendBillSync accepted",
    ]);
    expect(stub.newReceipts(waiting.cude)).toBe(1);
  });

  it("an answer lost after the DIAN processed it: GetStatus finds it accepted, it is never sent again", async () => {
    const { shop, till } = await sendingShop();
    const [id] = await pushSales(till, 1);
    stub.plan("lost");
    const t0 = new Date();
    await sendAt(shop.demo.companyId, t0);
    const waiting = await detail(shop, id as string);
    expect(waiting.state).toBe("sent");
    expect(await sendAt(shop.demo.companyId, new Date(t0.getTime() + 60_000))).toMatchObject({ accepted: 1 });
    expect(requestsFor(waiting.cude)).toEqual(["SendBillSync lost", "GetStatus status"]);
    expect(stub.newReceipts(waiting.cude)).toBe(1);
  });

  it("'procesado anteriormente' (a row that forgot it sent): GetStatus, accepted, never a second new document", async () => {
    const { shop, till } = await sendingShop();
    const [id] = await pushSales(till, 1);
    await server.app.electronicDocuments.runNow(shop.demo.companyId);
    const sent = await detail(shop, id as string);
    // A database restored from before the answer: the row is generated again.
    await server.db.query(
      "UPDATE electronic_documents SET state = 'generated', sent_at = NULL, accepted_at = NULL, next_attempt_at = NULL WHERE invoice_id = $1",
      [id],
    );
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toMatchObject({ accepted: 1 });
    expect(requestsFor(sent.cude)).toEqual([
      "SendBillSync accepted",
      "SendBillSync processed_before",
      "GetStatus status",
    ]);
    expect(stub.newReceipts(sent.cude)).toBe(1);
    expect(await detail(shop, id as string)).toMatchObject({ state: "accepted", dianAnswer: { code: "00" } });
  });

  it("habilitación: SendTestSetAsync, then GetStatusZip by the ZipKey gives the validation", async () => {
    const { shop, till } = await sendingShop({ testSet: true });
    const [id] = await pushSales(till, 1);
    const t0 = new Date();
    expect(await sendAt(shop.demo.companyId, t0)).toMatchObject({ waiting: 1 });
    const sent = await detail(shop, id as string);
    expect(sent).toMatchObject({ state: "sent", sendError: null });
    expect(Date.parse(sent.nextAttemptAt) - t0.getTime()).toBe(5_000);
    expect(await sendAt(shop.demo.companyId, new Date(t0.getTime() + 5_000))).toMatchObject({ accepted: 1 });
    expect(stub.requests.filter((r) => r.trackId === sent.cude || r.operation === "GetStatusZip").at(-1)).toMatchObject(
      {
        operation: "GetStatusZip",
        answer: "status",
      },
    );
    expect(await detail(shop, id as string)).toMatchObject({ state: "accepted" });
  });

  it("two senders at once never send a document twice (claims with SKIP LOCKED)", async () => {
    const { shop, till } = await sendingShop();
    await pushSales(till, 6);
    const runs = await Promise.all([
      sendAt(shop.demo.companyId, new Date()),
      sendAt(shop.demo.companyId, new Date()),
      server.app.electronicDocuments.runNow(),
    ]);
    expect(runs.reduce((n, r) => n + r.accepted, 0)).toBe(6);
    for (const item of await list(shop)) {
      expect(item.state).toBe("accepted");
      expect(requestsFor(item.cude)).toEqual(["SendBillSync accepted"]);
    }
  });

  it("documents of a company without a certificate wait; the backoff doubles up to an hour", async () => {
    const shop = await newShop(server);
    const till = await openDeePosTill(shop);
    await pushSales(till, 1);
    expect(await server.app.electronicDocuments.runNow(shop.demo.companyId)).toEqual({
      accepted: 0,
      rejected: 0,
      waiting: 0,
    });
    expect((await list(shop))[0]).toMatchObject({ state: "generated", attempts: 0, sentAt: null });
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    expect([1, 2, 9, 30].map(validationWaitMs)).toEqual([5_000, 10_000, 600_000, 600_000]);
  });
});

describe("GET /api/electronic-documents.csv", () => {
  it("the list as a UTF-8 BOM CSV, with the same state filter; admins only", async () => {
    const { shop, till } = await sendingShop();
    await pushSales(till, 2);
    stub.plan({ rejected: ["Regla: FAJ44b, Rechazo: NIT no válido."] });
    await server.app.electronicDocuments.runNow(shop.demo.companyId);
    const all = await shop.http.get("/api/electronic-documents.csv", { token: shop.admin });
    expect(all.status).toBe(200);
    expect(String(all.headers["content-type"])).toContain("text/csv");
    const text = String(all.body);
    expect(text.startsWith("\uFEFFNúmero;Estado;CUDE;Ambiente;Intentos;Código DIAN;Reglas;")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(text).toContain(";Rechazado;");
    expect(text).toContain(";Aceptado;");
    expect(text).toContain("Regla: FAJ44b, Rechazo: NIT no válido.");
    const rejectedOnly = await shop.http.get("/api/electronic-documents.csv?state=rejected&delimiter=comma", {
      token: shop.admin,
    });
    const rows = String(rejectedOnly.body).trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(",Rechazado,");
    expectApiError(await shop.http.get("/api/electronic-documents.csv", { token: shop.cashier }), 403);
  });
});

describe("a server that sends after each push", () => {
  const sending = useTestServer({ secretKey: key, dianSending: { afterPush: true } });

  it("sends what a push generated without making the push wait for the DIAN", async () => {
    const shop = await newShop(sending);
    const till = await openDeePosTill(shop);
    const nitBase = String(700_000_000 + process.pid);
    await sendToDian(shop, { serviceUrl: stub.url, nitBase, pkcs12Base64: p12, password: "firma" });
    stub.delayMs = 1500;
    try {
      const started = Date.now();
      const res = await till.push([till.invoice()]);
      expect(res.body.results[0].outcome).toBe("accepted");
      expect(Date.now() - started).toBeLessThan(1500);
      let state = "";
      for (let i = 0; i < 100 && state !== "accepted"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        state = (await shop.http.get("/api/electronic-documents", { token: shop.admin })).body.items[0]?.state;
      }
      expect(state).toBe("accepted");
    } finally {
      stub.delayMs = 0;
    }
  }, 30_000);
});
