import { describe, expect, it, vi } from "vitest";
import { newShop, openTill } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const valid = {
  name: "Tienda La Esquina S.A.S.",
  nit: "900123456-8",
  address: "Calle 10 # 5-20, Bogotá",
  phone: "+57 (601) 555-1234",
  taxRegime: "simple",
  receiptHeader: "Bienvenidos",
  receiptFooter: "Gracias por su compra\nNo se aceptan devoluciones",
  timeZone: "America/Lima",
  currency: "PEN",
  maxOfflineAgeDays: 14,
  deviceSilentMinutes: 45,
};

async function storedCompany(companyId: string) {
  const rows = await server.db.query("SELECT * FROM companies WHERE id = $1", [companyId]);
  return rows[0] as Record<string, unknown>;
}

describe("GET/PATCH /api/company (Empresa)", () => {
  it("any signed-in user reads the settings; an admin changes every field under a new version", async () => {
    const shop = await newShop(server);
    const read = await shop.http.get("/api/company", { token: shop.cashier });
    expect(read.status, JSON.stringify(read.body)).toBe(200);
    expect(read.body).toMatchObject({
      id: shop.demo.companyId,
      nit: "900123456-8",
      address: "",
      taxRegime: "responsable_iva",
      timeZone: "America/Bogota",
      currency: "COP",
      deviceSilentMinutes: 30,
    });
    const saved = await shop.http.patch(
      "/api/company",
      { ...valid, expectedVersion: read.body.version },
      { token: shop.admin },
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject(valid);
    expect(saved.body.version).toBeGreaterThan(read.body.version);
    expect((await shop.http.get("/api/company", { token: shop.admin })).body).toEqual(saved.body);
    // The sign-in answer carries them too (the till's first load).
    const me = await shop.http.get("/api/auth/me", { token: shop.cashier });
    expect(me.body.company).toMatchObject({ receiptFooter: valid.receiptFooter, taxRegime: "simple" });
  });

  it("a patch only changes the fields sent; one that changes nothing takes no version", async () => {
    const shop = await newShop(server);
    const before = (await shop.http.get("/api/company", { token: shop.admin })).body;
    const same = await shop.http.patch("/api/company", { currency: before.currency }, { token: shop.admin });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(before.version);
    const phone = await shop.http.patch("/api/company", { phone: "3001234567" }, { token: shop.admin });
    expect(phone.body).toEqual({ ...before, phone: "3001234567", version: phone.body.version });
    expect(phone.body.version).toBeGreaterThan(before.version);
    const trail = await shop.http.get(`/api/audit-log?entity=company&recordId=${shop.demo.companyId}`, {
      token: shop.admin,
    });
    // One entry: the patch that changed nothing left no trace.
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0]).toMatchObject({
      action: "update",
      userId: shop.demo.adminId,
      changes: { phone: { from: "", to: "3001234567" } },
    });
  });

  it("a stale expectedVersion answers 409 CONFLICT with the current settings and writes nothing", async () => {
    const shop = await newShop(server);
    const loaded = (await shop.http.get("/api/company", { token: shop.admin })).body;
    const first = await shop.http.patch(
      "/api/company",
      { receiptHeader: "Primero", expectedVersion: loaded.version },
      { token: shop.admin },
    );
    expect(first.status).toBe(200);
    const second = await shop.http.patch(
      "/api/company",
      { receiptHeader: "Segundo", expectedVersion: loaded.version },
      { token: shop.admin },
    );
    expectApiError(second, 409, "CONFLICT");
    expect(second.body.error.details.current).toEqual(first.body);
    expect((await storedCompany(shop.demo.companyId)).receipt_header).toBe("Primero");
    // "Overwrite": the form re-sends with the version the conflict showed.
    const overwrite = await shop.http.patch(
      "/api/company",
      { receiptHeader: "Segundo", expectedVersion: second.body.error.details.current.version },
      { token: shop.admin },
    );
    expect(overwrite.body.receiptHeader).toBe("Segundo");
  });

  it.each([
    ["name", ""],
    ["name", "x".repeat(201)],
    ["nit", "900123456-7"],
    ["nit", "90012345"],
    ["address", "a\u0000b"],
    ["phone", "call me"],
    ["taxRegime", "gran_contribuyente"],
    ["receiptHeader", "x".repeat(501)],
    ["receiptFooter", "\u0007"],
    ["timeZone", "America/Atlantis"],
    ["timeZone", "+05:00"],
    ["currency", "cop"],
    ["currency", "XYZ"],
    ["maxOfflineAgeDays", 0],
    ["maxOfflineAgeDays", 61],
    ["maxOfflineAgeDays", 1.5],
    ["deviceSilentMinutes", 4],
    ["deviceSilentMinutes", 1441],
    ["deviceSilentMinutes", "30"],
    ["expectedVersion", -1],
  ])("%s = %j answers 400 VALIDATION_FAILED with the field's path, nothing written", async (field, value) => {
    const shop = await newShop(server);
    const before = await storedCompany(shop.demo.companyId);
    const res = await shop.http.patch("/api/company", { phone: "123", [field]: value }, { token: shop.admin });
    expectApiError(res, 400, "VALIDATION_FAILED");
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await storedCompany(shop.demo.companyId)).toEqual(before);
  });

  it("an unknown field is refused", async () => {
    const shop = await newShop(server);
    const res = await shop.http.patch("/api/company", { clockSkewSeconds: 5 }, { token: shop.admin });
    expectApiError(res, 400, "VALIDATION_FAILED");
  });

  it("a cashier cannot change the settings (403) and nothing is written; no token is 401", async () => {
    const shop = await newShop(server);
    const before = await storedCompany(shop.demo.companyId);
    expectApiError(await shop.http.patch("/api/company", valid, { token: shop.cashier }), 403, "FORBIDDEN");
    expectApiError(await shop.http.patch("/api/company", valid), 401);
    expectApiError(await shop.http.get("/api/company"), 401);
    expect(await storedCompany(shop.demo.companyId)).toEqual(before);
  });

  it("a changed company reaches a till through the incremental pull", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const first = await till.pull("cursor=0");
    expect(first.status).toBe(200);
    const cursor = first.body.cursor as number;
    const invoiceCursor = first.body.invoiceCursor as number;
    const nothing = await till.pull(`cursor=${cursor}&invoiceCursor=${invoiceCursor}`);
    expect(nothing.body.changes.filter((c: { entity: string }) => c.entity === "company")).toEqual([]);
    const saved = await shop.http.patch(
      "/api/company",
      { receiptFooter: "Vuelva pronto", taxRegime: "no_responsable_iva" },
      { token: shop.admin },
    );
    const next = await till.pull(`cursor=${cursor}&invoiceCursor=${invoiceCursor}`);
    expect(next.body.changes).toEqual([
      {
        entity: "company",
        id: shop.demo.companyId,
        version: saved.body.version,
        data: expect.objectContaining({ receiptFooter: "Vuelva pronto", taxRegime: "no_responsable_iva" }),
      },
    ]);
  });
});
