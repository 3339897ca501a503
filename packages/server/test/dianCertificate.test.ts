import { describe, expect, it, vi } from "vitest";
import { loadSigningIdentity } from "../src/features/dianCertificate/dianCertificateStore";
import { loadSecretKey, parseSecretKey, secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { makeTestPkcs12 } from "../src/features/electronicDocument/testCertificate";
import { newShop } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const key = Buffer.alloc(32, 7);
const server = useTestServer({ secretKey: key });
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

describe("PUT /api/company/dian-certificate", () => {
  it("stores a signing certificate with its password sealed; the API never answers the password", async () => {
    const shop = await newShop(server);
    const password = "clave-del-certificado";
    const none = await shop.http.get("/api/company/dian-certificate", { token: shop.admin });
    expect(none.body).toEqual({ certificate: null });
    const put = await shop.http.put(
      "/api/company/dian-certificate",
      { pkcs12Base64: b64(makeTestPkcs12(password, "Tienda Uno S.A.S.")), password },
      { token: shop.admin },
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({
      subject: "CN=Tienda Uno S.A.S., C=CO, O=Mostrador pruebas",
      serialNumber: "01",
      validUntil: "2034-01-01T00:00:00.000Z",
    });
    const got = await shop.http.get("/api/company/dian-certificate", { token: shop.admin });
    expect(got.body.certificate).toEqual(put.body);
    expect(JSON.stringify(got.body)).not.toContain(password);
    // Stored sealed: not the password, and it opens only with the server's key and this company.
    const [row] = await server.db.query("SELECT password_sealed FROM dian_certificates WHERE company_id = $1", [
      shop.demo.companyId,
    ]);
    const sealed = String(row?.password_sealed);
    expect(sealed).not.toContain(password);
    expect(secretBoxOf(key).open(sealed, shop.demo.companyId)).toBe(password);
    expect(() => secretBoxOf(key).open(sealed, shop.demo.adminId)).toThrow();
    expect(() => secretBoxOf(Buffer.alloc(32, 8)).open(sealed, shop.demo.companyId)).toThrow();
    const identity = await loadSigningIdentity(server.db, secretBoxOf(key), shop.demo.companyId);
    expect(identity?.certificateDer.length).toBeGreaterThan(500);
    // The audit trail names the change, never the password.
    const audit = await shop.http.get("/api/audit-log?entity=company", { token: shop.admin });
    const text = JSON.stringify(audit.body);
    expect(text).toContain("dian.certificatePassword");
    expect(text).toContain("Tienda Uno S.A.S.");
    expect(text).not.toContain(password);
    expect(text).not.toContain(sealed);
  });

  it("refuses a wrong password, an expired certificate, one that cannot sign, garbage; nothing is stored", async () => {
    const shop = await newShop(server);
    const put = (body: unknown, token = shop.admin) => shop.http.put("/api/company/dian-certificate", body, { token });
    const good = b64(makeTestPkcs12("buena"));
    const wrong = await put({ pkcs12Base64: good, password: "mala" });
    expectApiError(wrong, 400, "CERTIFICATE_INVALID");
    expect(wrong.body.error.details).toEqual({ reason: "password" });
    expect(wrong.body.error.message).toBe("the password does not open this certificate");
    const expired = await put({
      pkcs12Base64: b64(makeTestPkcs12("x", "Vieja", { notAfter: new Date("2025-01-01T00:00:00Z") })),
      password: "x",
    });
    expectApiError(expired, 400, "CERTIFICATE_INVALID");
    expect(expired.body.error).toMatchObject({
      details: { reason: "expired" },
      message: "the certificate expired on 2025-01-01T00:00:00.000Z",
    });
    const authority = await put({
      pkcs12Base64: b64(makeTestPkcs12("x", "Autoridad", { keyUsage: { keyCertSign: true } })),
      password: "x",
    });
    expectApiError(authority, 400, "CERTIFICATE_INVALID");
    expect(authority.body.error.details).toEqual({ reason: "not_signing" });
    const garbage = await put({ pkcs12Base64: b64(Buffer.from("no soy un certificado")), password: "x" });
    expectApiError(garbage, 400, "CERTIFICATE_INVALID");
    expect(garbage.body.error.details).toEqual({ reason: "unreadable" });
    expectApiError(await put({ pkcs12Base64: "***", password: "x" }), 400, "VALIDATION_FAILED");
    expectApiError(await put({ pkcs12Base64: good, password: "" }), 400, "VALIDATION_FAILED");
    expectApiError(await put({ pkcs12Base64: "A".repeat(100_000), password: "x" }), 400);
    expectApiError(await put({ pkcs12Base64: good, password: "buena" }, shop.cashier), 403);
    expect(
      await server.db.query("SELECT 1 FROM dian_certificates WHERE company_id = $1", [shop.demo.companyId]),
    ).toEqual([]);
    // A signing certificate (digitalSignature) is taken.
    const signer = await put({
      pkcs12Base64: b64(
        makeTestPkcs12("x", "Firmante", { keyUsage: { digitalSignature: true, nonRepudiation: true } }),
      ),
      password: "x",
    });
    expect(signer.status, JSON.stringify(signer.body)).toBe(200);
  });
});

describe("the secret key", () => {
  it("comes from MOSTRADOR_SECRET_KEY (hex or base64) or a data-folder file made once", async () => {
    const { mkdtempSync, readFileSync, statSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/dian-send-key-");
    const first = loadSecretKey({ dataDir: dir });
    expect(loadSecretKey({ dataDir: dir })).toEqual(first);
    expect(statSync(`${dir}/secret.key`).mode & 0o777).toBe(0o600);
    expect(parseSecretKey(readFileSync(`${dir}/secret.key`, "utf8"))).toEqual(first);
    expect(loadSecretKey({ envValue: "11".repeat(32), dataDir: dir })).toEqual(Buffer.alloc(32, 0x11));
    expect(loadSecretKey({ envValue: Buffer.alloc(32, 3).toString("base64") })).toEqual(Buffer.alloc(32, 3));
    expect(() => loadSecretKey({ envValue: "corta" })).toThrow(/32 bytes/);
  });
});
