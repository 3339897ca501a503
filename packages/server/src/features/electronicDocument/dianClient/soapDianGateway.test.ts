import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeePosInvoice } from "../deePosInvoiceXml";
import { type DianStub, startDianStub } from "../dianStub/dianStubServer";
import { knownDocument } from "../knownDeePosDocument";
import { makeTestPkcs12 } from "../testCertificate";
import { readPkcs12, type SigningIdentity, signUblDocument } from "../xadesSigner";
import { DianUnavailable, ruleCodesOf, verdictOf } from "./dianGateway";
import { soapDianGateway } from "./soapDianGateway";
import { signedSoapRequest } from "./wsSecurity";
import { unzipFiles, zipOneFile } from "./zipFile";

let stub: DianStub;
let identity: SigningIdentity;
let sequence = 100;

beforeAll(async () => {
  stub = await startDianStub();
  identity = readPkcs12(makeTestPkcs12("clave"), "clave");
}, 30_000);
afterAll(() => stub.close());

/** A signed document with its own number (so its own CUDE), zipped as the DIAN takes it. */
async function signedZip() {
  const generated = buildDeePosInvoice({ ...knownDocument, number: `SETP990000${sequence++}` });
  const xml = await signUblDocument(generated.xml, identity, new Date("2024-03-05T19:07:10Z"));
  const name = `fv0900123456000240000${sequence.toString(16).padStart(4, "0")}`;
  return {
    cude: generated.cude,
    file: { fileName: `z${name.slice(2)}.zip`, content: zipOneFile(`${name}.xml`, Buffer.from(xml), new Date()) },
  };
}

const gateway = () => soapDianGateway({ url: stub.url, identity });

describe("the zip the DIAN takes", () => {
  it("holds the one file, deflated, read back byte for byte", () => {
    const content = Buffer.from("<Invoice>á é ñ</Invoice>".repeat(200));
    const zip = zipOneFile("fv1.xml", content, new Date("2026-12-01T10:00:00Z"));
    expect(zip.length).toBeLessThan(content.length);
    expect(unzipFiles(zip)).toEqual([{ name: "fv1.xml", content }]);
  });
});

describe("the SOAP client against the stub DIAN (WS-Security checked)", () => {
  it("SendBillSync: accepted, then GetStatus by CUDE says the same", async () => {
    const { cude, file } = await signedZip();
    const answer = await gateway().sendBillSync(file);
    expect(answer).toMatchObject({ statusCode: "00", isValid: true, documentKey: cude, messages: [] });
    expect(verdictOf(answer)).toBe("accepted");
    const status = await gateway().getStatus(cude);
    expect(verdictOf(status)).toBe("accepted");
    expect(stub.requests.slice(-2).map((r) => [r.operation, r.status, r.answer])).toEqual([
      ["SendBillSync", 200, "accepted"],
      ["GetStatus", 200, "status"],
    ]);
  });

  it("rejected with the DIAN's rule codes", async () => {
    stub.plan({
      rejected: [
        "Regla: FAD06, Rechazo: El valor del CUDE no está calculado correctamente.",
        "Regla: FAJ44b, Rechazo: NIT no válido.",
      ],
    });
    const { cude, file } = await signedZip();
    const answer = await gateway().sendBillSync(file);
    expect(answer).toMatchObject({ statusCode: "99", isValid: false, documentKey: cude });
    expect(verdictOf(answer)).toBe("rejected");
    expect(ruleCodesOf(answer.messages)).toEqual(["FAD06", "FAJ44b"]);
    expect(answer.messages[0]).toBe("Regla: FAD06, Rechazo: El valor del CUDE no está calculado correctamente.");
  });

  it("5xx is DianUnavailable; sent again it is accepted", async () => {
    stub.plan("unavailable");
    const { cude, file } = await signedZip();
    const error = await gateway()
      .sendBillSync(file)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DianUnavailable);
    expect((error as DianUnavailable).httpStatus).toBe(503);
    expect(verdictOf(await gateway().getStatus(cude))).toBe("unknown");
    expect(verdictOf(await gateway().sendBillSync(file))).toBe("accepted");
    expect(stub.newReceipts(cude)).toBe(1);
  });

  it("a document sent again is 'procesado anteriormente' (rule 90): GetStatus gives its answer", async () => {
    const { cude, file } = await signedZip();
    expect(verdictOf(await gateway().sendBillSync(file))).toBe("accepted");
    const again = await gateway().sendBillSync(file);
    expect(again.messages).toEqual(["Regla: 90, Rechazo: Documento procesado anteriormente."]);
    expect(verdictOf(again)).toBe("already_processed");
    expect(verdictOf(await gateway().getStatus(cude))).toBe("accepted");
    expect(stub.newReceipts(cude)).toBe(1);
  });

  it("SendTestSetAsync answers a ZipKey; GetStatusZip gives the document's validation", async () => {
    const { cude, file } = await signedZip();
    const receipt = await gateway().sendTestSetAsync(file, "1b9e5a3c-4f6d-4e8b-9a2c-3d4e5f6a7b8c");
    expect(receipt.zipKey).toMatch(/^[0-9a-f-]{36}$/);
    const answers = await gateway().getStatusZip(String(receipt.zipKey));
    expect(answers.map((a) => [a.documentKey, verdictOf(a)])).toEqual([[cude, "accepted"]]);
  });

  it("the stub refuses a request whose signature, To or timestamp is wrong (SOAP fault)", async () => {
    const body = "<wcf:GetStatus><wcf:trackId>abc</wcf:trackId></wcf:GetStatus>";
    const post = (xml: string) =>
      fetch(stub.url, { method: "POST", headers: { "content-type": "application/soap+xml" }, body: xml });
    const good = signedSoapRequest({ identity, operation: "GetStatus", to: stub.url, body, now: new Date() });
    expect((await post(good)).status).toBe(200);
    const tampered = good.replace("<wcf:trackId>abc<", "<wcf:trackId>abd<").replace(stub.url, `${stub.url}x`);
    const refused = await post(tampered);
    expect(refused.status).toBe(500);
    expect(await refused.text()).toContain("An error occurred when verifying security");
    const elsewhere = signedSoapRequest({
      identity,
      operation: "GetStatus",
      to: "https://otro.example/x",
      body,
      now: new Date(),
    });
    expect(await (await post(elsewhere)).text()).toContain("not this service");
    const old = signedSoapRequest({
      identity,
      operation: "GetStatus",
      to: stub.url,
      body,
      now: new Date("2024-01-01T00:00:00Z"),
    });
    expect(await (await post(old)).text()).toContain("Timestamp is not valid now");
    const wrongAction = signedSoapRequest({ identity, operation: "SendBillSync", to: stub.url, body, now: new Date() });
    expect(await (await post(wrongAction)).text()).toContain("does not match");
    // A client with another certificate's token but this key: the signature does not verify.
    const other = readPkcs12(makeTestPkcs12("x"), "x");
    const mixed = signedSoapRequest({
      identity: { ...identity, certificateDer: other.certificateDer },
      operation: "GetStatus",
      to: stub.url,
      body,
      now: new Date(),
    });
    expect(await (await post(mixed)).text()).toContain("does not verify");
  });

  it("an unreachable service is DianUnavailable", async () => {
    const error = await soapDianGateway({ url: "http://127.0.0.1:9/x", identity, timeoutMs: 2000 })
      .getStatus("x")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DianUnavailable);
  });
});
