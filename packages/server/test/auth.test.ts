import { describe, expect, it } from "vitest";
import { countRows, newShop, openTill, schemaHeader } from "./support/company";
import { expectApiError, httpClient } from "./support/http";
import { useTestServer } from "./support/testServer";

const server = useTestServer();

describe("login", () => {
  it("signs in with email and password and returns token, user and company (no password hash)", async () => {
    const demo = await server.newCompany();
    const http = httpClient(server);
    const res = await http.post("/api/auth/login", { email: demo.adminEmail.toUpperCase(), password: demo.password });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^mst_/);
    expect(res.body.user).toMatchObject({ id: demo.adminId, email: demo.adminEmail, role: "admin" });
    expect(res.body.company).toMatchObject({ id: demo.companyId, currency: "COP", timeZone: "America/Bogota" });
    expect(JSON.stringify(res.body)).not.toMatch(/password|\$2[aby]\$/i);
    const me = await http.get("/api/auth/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(demo.adminId);
  });

  it("answers 401 {error:{code,message}} for a wrong password and for an unknown email", async () => {
    const demo = await server.newCompany();
    const http = httpClient(server);
    const wrong = await http.post("/api/auth/login", { email: demo.adminEmail, password: "no-es-esta" });
    expectApiError(wrong, 401, "UNAUTHENTICATED");
    const unknown = await http.post("/api/auth/login", { email: `nadie@${demo.companyId}.test`, password: "x" });
    expectApiError(unknown, 401, "UNAUTHENTICATED");
    // Same message: the answer does not reveal which emails exist.
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(await countRows(server, "auth_tokens", demo.companyId)).toBe(0);
  });

  it("a deactivated user cannot sign in and their open tokens stop working", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    expect((await http.patch(`/api/users/${demo.cashierId}`, { active: false }, { token: shop.admin })).status).toBe(
      200,
    );
    expectApiError(await http.get("/api/auth/me", { token: shop.cashier }), 401, "UNAUTHENTICATED");
    const again = await http.post("/api/auth/login", { email: demo.cashierEmail, password: demo.password });
    expectApiError(again, 401, "UNAUTHENTICATED");
  });
});

describe("tokens", () => {
  it.each([
    ["no header", undefined],
    ["not a bearer", "Basic YWRtaW46YWRtaW4="],
    ["garbage", "Bearer abc"],
    ["well-formed but unknown", `Bearer mst_${"0".repeat(32)}_${"A".repeat(32)}`],
  ])("missing or invalid token (%s) → 401", async (_label, authorization) => {
    const http = httpClient(server);
    for (const url of ["/api/auth/me", "/api/products", "/api/invoices", "/api/sync/pull"]) {
      const res = await http.get(url, { headers: authorization ? { authorization } : {} });
      expectApiError(res, 401, "UNAUTHENTICATED");
    }
  });

  it("logout revokes the token (204) and it no longer works", async () => {
    const shop = await newShop(server);
    const { http } = shop;
    const res = await http.post("/api/auth/logout", undefined, { token: shop.admin });
    expect(res.status).toBe(204);
    expectApiError(await http.get("/api/auth/me", { token: shop.admin }), 401, "UNAUTHENTICATED");
    expectApiError(await http.get("/api/products", { token: shop.admin }), 401, "UNAUTHENTICATED");
    // The other session of the company is unaffected.
    expect((await http.get("/api/auth/me", { token: shop.cashier })).status).toBe(200);
  });

  it("user tokens cannot sync: push, pull and lease need a registered device token (403)", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const opts = { token: shop.cashier, headers: schemaHeader };
    expectApiError(await http.get("/api/sync/pull", opts), 403, "FORBIDDEN");
    expectApiError(await http.post("/api/sync/push", { invoices: [] }, opts), 403, "FORBIDDEN");
    expectApiError(
      await http.post("/api/number-blocks/lease", { numberingId: demo.numberings.pos }, opts),
      403,
      "FORBIDDEN",
    );
  });
});

describe("roles", () => {
  it("a cashier gets 403 on every admin write and nothing changes", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const token = shop.cashier;
    const writes: [string, string, unknown][] = [
      ["POST", "/api/products", { name: "Nuevo", price: 1000, taxId: demo.taxes.IVA19 }],
      ["POST", "/api/categories", { name: "Nueva" }],
      ["POST", "/api/taxes", { name: "IVA 10%", kind: "IVA", rateBp: 1000 }],
      ["POST", "/api/payment-methods", { name: "Bonos", kind: "other" }],
      ["POST", "/api/warehouses", { name: "Bodega 2" }],
      ["POST", "/api/price-lists", { name: "Mayoristas" }],
      [
        "POST",
        "/api/users",
        { name: "Otro admin", email: `otro@${demo.companyId}.test`, password: "12345678", role: "admin" },
      ],
      ["PATCH", `/api/products/${demo.productIds[0]}`, { price: 1 }],
      ["PATCH", `/api/clients/${demo.clients.pedro}`, { active: false }],
      ["PATCH", `/api/users/${demo.cashierId}`, { role: "admin" }],
      ["PATCH", `/api/numberings/${demo.numberings.pos}`, { nextNumber: 50 }],
      ["DELETE", `/api/categories/${demo.categoryIds[0]}`, undefined],
      ["DELETE", `/api/clients/${demo.clients.pedro}`, undefined],
    ];
    const versionBefore = await server.db.query("SELECT version FROM change_counters WHERE company_id = $1", [
      demo.companyId,
    ]);
    for (const [method, url, body] of writes) {
      const res = await http.call(method as "POST", url, { token, body });
      expectApiError(res, 403, "FORBIDDEN");
    }
    // Admin-only reads too.
    expectApiError(await http.get("/api/users", { token }), 403, "FORBIDDEN");
    expectApiError(await http.get("/api/devices", { token }), 403, "FORBIDDEN");
    const versionAfter = await server.db.query("SELECT version FROM change_counters WHERE company_id = $1", [
      demo.companyId,
    ]);
    expect(versionAfter).toEqual(versionBefore);
    const me = await http.get("/api/auth/me", { token });
    expect(me.body.user.role).toBe("cashier");
  });

  it("a cashier may read the catalog and create clients at the counter", async () => {
    const shop = await newShop(server);
    const { http } = shop;
    const token = shop.cashier;
    for (const path of ["products", "categories", "taxes", "clients", "payment-methods", "numberings", "terminals"])
      expect((await http.get(`/api/${path}`, { token })).status, path).toBe(200);
    const created = await http.post(
      "/api/clients",
      { name: "Lucía Pérez", idType: "CC", idNumber: "43111222" },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Lucía Pérez", idNumber: "43111222", active: true });
  });

  it("a cashier's device token works for sync but not for admin writes", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const res = await shop.http.post("/api/categories", { name: "Desde la caja" }, { token: till.token });
    expectApiError(res, 403, "FORBIDDEN");
    expect((await till.pull("cursor=0&limit=1")).status).toBe(200);
  });

  // Regression (fixed): the generic list ignores users.terminal_ids (resourceRoutes.ts list route); see the report.
  it("GET /api/terminals shows a cashier only the terminals allowed to them (api-contract)", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const patched = await http.patch(
      `/api/users/${demo.cashierId}`,
      { terminalIds: [demo.terminals.caja1] },
      { token: shop.admin },
    );
    expect(patched.status).toBe(200);
    const res = await http.get("/api/terminals", { token: shop.cashier });
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { id: string }) => t.id)).toEqual([demo.terminals.caja1]);
  });

  it("a cashier cannot register a device on a terminal they are not allowed on", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    await http.patch(`/api/users/${demo.cashierId}`, { terminalIds: [demo.terminals.caja1] }, { token: shop.admin });
    const res = await http.post("/api/devices/register", { terminalId: demo.terminals.caja2 }, { token: shop.cashier });
    expectApiError(res, 403, "FORBIDDEN");
    expect(await countRows(server, "devices", demo.companyId)).toBe(0);
  });
});

describe("public endpoints", () => {
  it("GET /api/health answers without auth", async () => {
    const res = await httpClient(server).get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
    expect(Number.isNaN(Date.parse(res.body.time))).toBe(false);
  });

  it("/api/docs serves the browsable OpenAPI description", async () => {
    const http = httpClient(server);
    const page = await http.get("/api/docs/");
    expect(page.status).toBe(200);
    expect(String(page.headers["content-type"])).toContain("text/html");
    const spec = await http.get("/api/docs/json");
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    for (const path of ["/api/auth/login", "/api/products", "/api/sync/push", "/api/invoices/{id}"])
      expect(Object.keys(spec.body.paths)).toContain(path);
  });

  it("an unknown /api route is a JSON 404", async () => {
    expectApiError(await httpClient(server).get("/api/nope"), 404, "NOT_FOUND");
  });
});
