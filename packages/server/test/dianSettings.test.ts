import { describe, expect, it, vi } from "vitest";
import { secretBoxOf } from "../src/features/dianCertificate/secretBox";
import { newShop } from "./support/company";
import { testDianSettings, testSetNumbering } from "./support/dian";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const key = Buffer.alloc(32, 3);
const server = useTestServer({ secretKey: key });

describe("the company's DIAN settings (PATCH /api/company dian)", () => {
  it("starts in test with nothing set; an admin sets them; no answer ever carries the PIN", async () => {
    const shop = await newShop(server);
    const before = (await shop.http.get("/api/company", { token: shop.admin })).body;
    expect(before.dian).toEqual({
      softwareId: null,
      softwarePinSet: false,
      testSetId: null,
      environment: "2",
      serviceUrl: null,
      softwareProviderNit: null,
    });
    const saved = await shop.http.patch(
      "/api/company",
      { dian: { ...testDianSettings, softwareId: testDianSettings.softwareId.toUpperCase() } },
      { token: shop.admin },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.dian).toEqual({
      softwareId: testDianSettings.softwareId,
      softwarePinSet: true,
      testSetId: testDianSettings.testSetId,
      environment: "2",
      serviceUrl: null,
      softwareProviderNit: null,
    });
    expect(saved.body.version).toBeGreaterThan(before.version);
    const pin = testDianSettings.softwarePin;
    const cashierRead = await shop.http.get("/api/company", { token: shop.cashier });
    const me = await shop.http.get("/api/auth/me", { token: shop.cashier });
    const trail = await shop.http.get(`/api/audit-log?entity=company&recordId=${shop.demo.companyId}`, {
      token: shop.admin,
    });
    for (const answer of [saved.body, cashierRead.body, me.body, trail.body])
      expect(JSON.stringify(answer)).not.toContain(`"${pin}"`);
    expect(trail.body.items[0].changes["dian.softwarePin"]).toEqual({ from: null, to: null });
    // Stored sealed (migration 022), never in plain: it opens to the PIN with the server's key.
    const stored = await server.db.query(
      "SELECT dian_software_pin, dian_software_pin_sealed FROM companies WHERE id = $1",
      [shop.demo.companyId],
    );
    expect(stored[0]?.dian_software_pin).toBeNull();
    expect(String(stored[0]?.dian_software_pin_sealed)).toMatch(/^v1\./);
    expect(String(stored[0]?.dian_software_pin_sealed)).not.toContain(pin);
    expect(secretBoxOf(key).open(String(stored[0]?.dian_software_pin_sealed), shop.demo.companyId)).toBe(pin);
  });

  it("only the DIAN fields sent change; the same PIN again takes no version", async () => {
    const shop = await newShop(server);
    await shop.http.patch("/api/company", { dian: testDianSettings }, { token: shop.admin });
    const loaded = (await shop.http.get("/api/company", { token: shop.admin })).body;
    const same = await shop.http.patch(
      "/api/company",
      { dian: { softwarePin: testDianSettings.softwarePin } },
      { token: shop.admin },
    );
    expect(same.body.version).toBe(loaded.version);
    const production = await shop.http.patch(
      "/api/company",
      { dian: { environment: "1", serviceUrl: "https://dian.example.test/ws", testSetId: null } },
      { token: shop.admin },
    );
    expect(production.body.dian).toEqual({
      ...loaded.dian,
      environment: "1",
      serviceUrl: "https://dian.example.test/ws",
      testSetId: null,
    });
    expect(production.body.name).toBe(loaded.name);
  });

  it("refuses bad DIAN settings with the field named, and changes nothing", async () => {
    const shop = await newShop(server);
    const before = (await shop.http.get("/api/company", { token: shop.admin })).body;
    for (const dian of [
      { softwareId: "not-a-guid" },
      { softwarePin: "1 2" },
      { environment: "3" },
      { serviceUrl: "ftp://dian" },
      { softwareProviderNit: "900123456-1" },
      { somethingElse: true },
    ]) {
      const res = await shop.http.patch("/api/company", { dian }, { token: shop.admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
      expect(JSON.stringify(res.body.error.details), JSON.stringify(dian)).toContain("dian");
    }
    expectApiError(await shop.http.patch("/api/company", { dian: testDianSettings }, { token: shop.cashier }), 403);
    expect((await shop.http.get("/api/company", { token: shop.admin })).body).toEqual(before);
  });
});

describe("DEE POS numberings", () => {
  it("are electronic invoice numberings with their DIAN authorization; terminals sell with them", async () => {
    const { http, admin, demo } = await newShop(server);
    const created = await http.post("/api/numberings", testSetNumbering, { token: admin });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: "dee_pos", electronic: true, dianAuthorization: "18760000001" });
    const terminal = await http.patch(
      `/api/terminals/${demo.terminals.caja3}`,
      { numberingId: created.body.id },
      { token: admin },
    );
    expect(terminal.status, JSON.stringify(terminal.body)).toBe(200);
    // Still no credit-note numbering as a sales numbering, nor a DEE POS one for returns.
    expectApiError(
      await http.patch(
        `/api/terminals/${demo.terminals.caja3}`,
        { creditNoteNumberingId: created.body.id },
        { token: admin },
      ),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("refuses a DEE POS numbering that is not electronic or has no authorization, also by a patch", async () => {
    const { http, admin } = await newShop(server);
    for (const bad of [
      { ...testSetNumbering, electronic: false },
      { ...testSetNumbering, dianAuthorization: null },
      { ...testSetNumbering, dianAuthorization: "1876-1" },
    ]) {
      const res = await http.post("/api/numberings", bad, { token: admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
    }
    const created = await http.post("/api/numberings", testSetNumbering, { token: admin });
    expectApiError(
      await http.patch(`/api/numberings/${created.body.id}`, { dianAuthorization: null }, { token: admin }),
      400,
      "VALIDATION_FAILED",
    );
    expectApiError(
      await http.patch(`/api/numberings/${created.body.id}`, { electronic: false }, { token: admin }),
      400,
      "VALIDATION_FAILED",
    );
  });
});
