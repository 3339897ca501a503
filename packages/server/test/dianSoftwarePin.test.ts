import { softwareSecurityCode } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { buildApp } from "../src/app/buildApp";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { sealSoftwarePinsAtStart } from "../src/features/dianCertificate/softwarePinSeal";
import { newShop } from "./support/company";
import { openDeePosTill, testDianSettings } from "./support/dian";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const key = Buffer.alloc(32, 5);
const server = useTestServer({ secretKey: key });
const box = secretBoxOf(key);

async function pinColumns(companyId: string) {
  const rows = await server.db.query<{ dian_software_pin: string | null; dian_software_pin_sealed: string | null }>(
    "SELECT dian_software_pin, dian_software_pin_sealed FROM companies WHERE id = $1",
    [companyId],
  );
  return rows[0];
}

async function ticketRow(companyId: string) {
  const rows = await server.db.query<Record<string, unknown>>(
    "SELECT * FROM electronic_documents WHERE company_id = $1 AND kind = 'dee_pos' ORDER BY created_at",
    [companyId],
  );
  return rows;
}

describe("the DIAN software PIN, sealed at rest (migration 022)", () => {
  it("the document's security code is computed with the real PIN, opened from its seal", async () => {
    const shop = await newShop(server);
    const till = await openDeePosTill(shop);
    const stored = await pinColumns(shop.demo.companyId);
    expect(stored?.dian_software_pin).toBeNull();
    expect(box.open(String(stored?.dian_software_pin_sealed), shop.demo.companyId)).toBe(testDianSettings.softwarePin);
    expect((await till.push([till.invoice()])).status).toBe(200);
    const [row] = await ticketRow(shop.demo.companyId);
    expect(row?.state).toBe("generated");
    const code = softwareSecurityCode(testDianSettings.softwareId, testDianSettings.softwarePin, String(row?.number));
    expect(String(row?.xml)).toContain(`>${code}</sts:SoftwareSecurityCode>`);
    // A sealed value copied to another company does not open there (the company id is bound in).
    expect(() => box.open(String(stored?.dian_software_pin_sealed), "00000000-0000-4000-8000-000000000000")).toThrow();
  });

  it("a PIN stored in plain before 022 is sealed when the server starts, once", async () => {
    const shop = await newShop(server);
    await server.db.query(
      "UPDATE companies SET dian_software_pin = '54321', dian_software_pin_sealed = NULL WHERE id = $1",
      [shop.demo.companyId],
    );
    // A second app on the same database: its start seals what it finds in plain.
    const app = await buildApp({ db: server.db, secretKey: key });
    await app.close();
    const stored = await pinColumns(shop.demo.companyId);
    expect(stored?.dian_software_pin).toBeNull();
    expect(box.open(String(stored?.dian_software_pin_sealed), shop.demo.companyId)).toBe("54321");
    expect(await sealSoftwarePinsAtStart(server.db, box)).toBe(0);
    const settings = await shop.http.get("/api/company", { token: shop.admin });
    expect(settings.body.dian.softwarePinSet).toBe(true);
    expect(JSON.stringify(settings.body)).not.toContain("54321");
  });

  it("a PIN sealed under another key: the document is not generated and says why; entering the PIN again fixes it", async () => {
    const shop = await newShop(server);
    const till = await openDeePosTill(shop);
    await server.db.query("UPDATE companies SET dian_software_pin_sealed = $2 WHERE id = $1", [
      shop.demo.companyId,
      secretBoxOf(Buffer.alloc(32, 9)).seal(testDianSettings.softwarePin, shop.demo.companyId),
    ]);
    const sale = till.invoice();
    const pushed = await till.push([sale]);
    expect(pushed.body.results[0].outcome).toBe("accepted");
    expect((await ticketRow(shop.demo.companyId))[0]).toMatchObject({
      state: "not_generated",
      problem: "the DIAN software PIN cannot be opened with this server's secret key: enter the PIN again",
    });
    // The same PIN sent again is a change now (the stored one cannot be read): sealed anew.
    const saved = await shop.http.patch(
      "/api/company",
      { dian: { softwarePin: testDianSettings.softwarePin } },
      { token: shop.admin },
    );
    expect(saved.status).toBe(200);
    const resent = await shop.http.post(`/api/electronic-documents/${sale.id}/resend`, {}, { token: shop.admin });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    expect((await ticketRow(shop.demo.companyId))[0]?.state).toBe("generated");
  });
});
