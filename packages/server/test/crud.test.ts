import { describe, expect, it, vi } from "vitest";
import { countRows, login, newShop, openTill } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("products", () => {
  it("create fills the documented defaults; get returns the same object", async () => {
    const { http, admin, demo } = await newShop(server);
    const res = await http.post(
      "/api/products",
      { name: "  Avena 500 g ", price: 450000, taxId: demo.taxes.IVA5 },
      { token: admin },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Avena 500 g",
      reference: "",
      barcode: null,
      categoryId: null,
      price: 450000,
      priceIncludesTax: true,
      taxId: demo.taxes.IVA5,
      active: true,
      trackStock: false,
      stock: {},
      tileColor: null,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.version).toBeGreaterThan(0);
    const got = await http.get(`/api/products/${res.body.id.toUpperCase()}`, { token: admin });
    expect(got.body).toEqual(res.body);
  });

  it("a product's tile colour: one of the palette, cleared with null; anything else is a 400 naming the field", async () => {
    const { http, admin, demo } = await newShop(server);
    const id = demo.productIds[0];
    const green = await http.patch(`/api/products/${id}`, { tileColor: "green" }, { token: admin });
    expect(green.status, JSON.stringify(green.body)).toBe(200);
    expect(green.body.tileColor).toBe("green");
    for (const bad of ["#00ff00", "verde", 3, ""]) {
      const res = await http.patch(`/api/products/${id}`, { tileColor: bad }, { token: admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
      expect(res.body.error.details[0].path).toBe("tileColor");
    }
    expect((await http.get(`/api/products/${id}`, { token: admin })).body.tileColor).toBe("green");
    const cleared = await http.patch(`/api/products/${id}`, { tileColor: null }, { token: admin });
    expect(cleared.body.tileColor).toBeNull();
  });

  it("lists page with limit/offset and a stable total; q searches name, reference and barcode; active filters", async () => {
    const { http, admin, demo } = await newShop(server);
    const total = demo.productIds.length;
    const seen: string[] = [];
    for (let offset = 0; offset < total; offset += 15) {
      const page = await http.get(`/api/products?limit=15&offset=${offset}`, { token: admin });
      expect(page.body).toMatchObject({ total, limit: 15, offset });
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen)).toEqual(new Set(demo.productIds));
    const beyond = await http.get(`/api/products?offset=${total}`, { token: admin });
    expect(beyond.body).toMatchObject({ items: [], total });

    const byName = await http.get(`/api/products?q=${encodeURIComponent("gaseosa")}`, { token: admin });
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual([
      "Gaseosa Cola 400 ml",
      "Gaseosa Naranja 1,5 L",
    ]);
    const first = (await http.get(`/api/products/${demo.productIds[0]}`, { token: admin })).body;
    const byBarcode = await http.get(`/api/products?q=${first.barcode}`, { token: admin });
    expect(byBarcode.body.items.map((p: { id: string }) => p.id)).toEqual([first.id]);
    const byRef = await http.get(`/api/products?q=${first.reference}`, { token: admin });
    expect(byRef.body.items.map((p: { id: string }) => p.id)).toEqual([first.id]);
    // LIKE wildcards are literal.
    expect((await http.get("/api/products?q=%25", { token: admin })).body.total).toBe(0);

    await http.patch(`/api/products/${demo.productIds[1]}`, { active: false }, { token: admin });
    await http.patch(`/api/products/${demo.productIds[2]}`, { active: false }, { token: admin });
    const inactive = await http.get("/api/products?active=false", { token: admin });
    expect(inactive.body.items.map((p: { id: string }) => p.id).sort()).toEqual(
      [demo.productIds[1], demo.productIds[2]].sort(),
    );
    expect((await http.get("/api/products?active=true", { token: admin })).body.total).toBe(total - 2);
  });

  it("PATCH {active:false} deactivates and never resets the fields it was not sent", async () => {
    const { http, admin, demo } = await newShop(server);
    const created = await http.post(
      "/api/products",
      {
        name: "Queso campesino",
        reference: "QC-1",
        barcode: "7701234567890",
        categoryId: demo.categoryIds[1],
        price: 1290000,
        priceIncludesTax: false,
        taxId: demo.taxes.IVA19,
        trackStock: true,
        stock: { [demo.warehouseId]: 12 },
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    const off = await http.patch(`/api/products/${created.body.id}`, { active: false }, { token: admin });
    expect(off.status).toBe(200);
    const { version: v0, active: a0, ...rest0 } = created.body;
    const { version: v1, active: a1, ...rest1 } = off.body;
    expect(a0).toBe(true);
    expect(a1).toBe(false);
    expect(rest1).toEqual(rest0);
    expect(v1).toBeGreaterThan(v0);
    const renamed = await http.patch(`/api/products/${created.body.id}`, { price: 1350000 }, { token: admin });
    expect(renamed.body).toMatchObject({ ...rest0, price: 1350000, active: false });
    // An empty patch changes nothing but the version.
    const empty = await http.patch(`/api/products/${created.body.id}`, {}, { token: admin });
    expect(empty.body).toMatchObject({ ...rest0, price: 1350000, active: false });
  });

  it("DELETE removes it (204, then 404) and leaves a tombstone in the till's pull", async () => {
    const shop = await newShop(server);
    const { http, admin, demo } = shop;
    const till = await openTill(shop);
    const head = (await till.pull("cursor=0&limit=10000")).body.cursor;
    const id = demo.productIds[5] as string;
    expect((await http.del(`/api/products/${id}`, { token: admin })).status).toBe(204);
    expectApiError(await http.get(`/api/products/${id}`, { token: admin }), 404, "NOT_FOUND");
    expectApiError(await http.del(`/api/products/${id}`, { token: admin }), 404, "NOT_FOUND");
    const pull = await till.pull(`cursor=${head}`);
    expect(pull.body.changes).toEqual([{ entity: "products", id, version: expect.any(Number), deleted: true }]);
    expect(pull.body.cursor).toBeGreaterThan(head);
  });

  it("DELETE of a row still referenced → 409 IN_USE and nothing is deleted", async () => {
    const { http, admin, demo } = await newShop(server);
    const res = await http.del(`/api/taxes/${demo.taxes.IVA19}`, { token: admin });
    expectApiError(res, 409, "IN_USE");
    expect((await http.get(`/api/taxes/${demo.taxes.IVA19}`, { token: admin })).status).toBe(200);
    expectApiError(await http.del(`/api/numberings/${demo.numberings.pos}`, { token: admin }), 409, "IN_USE");
    expect(await countRows(server, "tombstones", demo.companyId)).toBe(0);
  });
});

describe("clients", () => {
  it("PATCH {active:false} keeps every other field; the client can be reactivated", async () => {
    const { http, admin, demo } = await newShop(server);
    const before = (await http.get(`/api/clients/${demo.clients.pedro}`, { token: admin })).body;
    expect(before).toMatchObject({ name: "Pedro Osorio", idType: "CC", idNumber: "1020304050", active: true });
    const off = await http.patch(`/api/clients/${demo.clients.pedro}`, { active: false }, { token: admin });
    expect(off.body).toEqual({ ...before, active: false, version: expect.any(Number) });
    const phone = await http.patch(`/api/clients/${demo.clients.pedro}`, { phone: "311 000 0000" }, { token: admin });
    expect(phone.body).toEqual({ ...before, phone: "311 000 0000", active: false, version: expect.any(Number) });
    const on = await http.patch(`/api/clients/${demo.clients.pedro}`, { active: true }, { token: admin });
    expect(on.body.active).toBe(true);
    const list = await http.get("/api/clients?active=false", { token: admin });
    expect(list.body.total).toBe(0);
    const search = await http.get("/api/clients?q=1020304050", { token: admin });
    expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([demo.clients.pedro]);
  });
});

describe("users", () => {
  it("never returns the password or its hash; the new user can sign in; a patched password works", async () => {
    const { http, admin, demo } = await newShop(server);
    const email = `nuevo@${demo.companyId}.test`;
    const created = await http.post(
      "/api/users",
      {
        name: "Cajero Nuevo",
        email: email.toUpperCase(),
        password: "clave-segura-1",
        role: "cashier",
        terminalIds: [demo.terminals.caja2],
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email, role: "cashier", terminalIds: [demo.terminals.caja2], active: true });
    const texts = [
      JSON.stringify(created.body),
      JSON.stringify((await http.get(`/api/users/${created.body.id}`, { token: admin })).body),
      JSON.stringify((await http.get("/api/users?limit=500", { token: admin })).body),
      JSON.stringify(
        (await http.patch(`/api/users/${created.body.id}`, { password: "otra-clave-2" }, { token: admin })).body,
      ),
    ];
    for (const text of texts) {
      expect(text).not.toMatch(/password/i);
      expect(text).not.toMatch(/\$2[aby]\$/);
      expect(text).not.toContain("clave-segura-1");
    }
    expectApiError(await http.post("/api/auth/login", { email, password: "clave-segura-1" }), 401, "UNAUTHENTICATED");
    const token = await login(http, email, "otra-clave-2");
    expect((await http.get("/api/auth/me", { token })).body.user.terminalIds).toEqual([demo.terminals.caja2]);
  });

  it("a second user with the same email in the company → 409 DUPLICATE naming the field", async () => {
    const { http, admin, demo } = await newShop(server);
    const res = await http.post(
      "/api/users",
      { name: "Copia", email: demo.cashierEmail, password: "copia-de-clave-1", role: "cashier" },
      { token: admin },
    );
    expectApiError(res, 409, "DUPLICATE");
    expect(res.body.error.details).toEqual([{ path: "email", message: expect.any(String) }]);
  });
});

describe("numberings", () => {
  it("nextNumber defaults to rangeFrom; an explicit one is kept; a PATCH of the name keeps it", async () => {
    const { http, admin } = await newShop(server);
    const base = {
      name: "Sede norte",
      prefix: "SN",
      rangeFrom: 500,
      rangeTo: 900,
      validFrom: "2025-01-01",
      validUntil: "2030-12-31",
    };
    const created = await http.post("/api/numberings", base, { token: admin });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...base, nextNumber: 500, electronic: false, blockSize: null, active: true });
    const explicit = await http.post(
      "/api/numberings",
      { ...base, name: "Sede sur", nextNumber: 650 },
      { token: admin },
    );
    expect(explicit.body.nextNumber).toBe(650);
    const renamed = await http.patch(`/api/numberings/${explicit.body.id}`, { name: "Sede sur 2" }, { token: admin });
    expect(renamed.body).toMatchObject({ name: "Sede sur 2", nextNumber: 650, rangeFrom: 500, rangeTo: 900 });
    const bad = await http.post("/api/numberings", { ...base, nextNumber: 100 }, { token: admin });
    expectApiError(bad, 400, "VALIDATION_FAILED");
    const shrink = await http.patch(`/api/numberings/${explicit.body.id}`, { rangeTo: 600 }, { token: admin });
    expectApiError(shrink, 400, "VALIDATION_FAILED");
  });
});

describe("the other catalog resources", () => {
  it.each([
    ["categories", { name: "Lácteos" }, { name: "Lácteos y quesos" }],
    ["warehouses", { name: "Bodega 2" }, { active: false }],
    ["taxes", { name: "IVA 10%", kind: "IVA", rateBp: 1000 }, { rateBp: 1100 }],
    ["payment-methods", { name: "Bonos", kind: "other" }, { name: "Bonos regalo" }],
    ["price-lists", { name: "Mayoristas" }, { active: false }],
  ] as const)("/api/%s: create, get, patch, list and delete", async (path, create, patch) => {
    const { http, admin } = await newShop(server);
    const created = await http.post(`/api/${path}`, create, { token: admin });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...create, active: true });
    const patched = await http.patch(`/api/${path}/${created.body.id}`, patch, { token: admin });
    expect(patched.body).toEqual({ ...created.body, ...patch, version: expect.any(Number) });
    expect((await http.get(`/api/${path}/${created.body.id}`, { token: admin })).body).toEqual(patched.body);
    const list = await http.get(`/api/${path}?limit=500`, { token: admin });
    expect(list.body.items).toContainEqual(patched.body);
    expect((await http.del(`/api/${path}/${created.body.id}`, { token: admin })).status).toBe(204);
    expectApiError(await http.get(`/api/${path}/${created.body.id}`, { token: admin }), 404, "NOT_FOUND");
  });

  it("a terminal is created with its numbering, warehouse and payment methods", async () => {
    const { http, admin, demo } = await newShop(server);
    const res = await http.post(
      "/api/terminals",
      {
        name: "Caja 4",
        numberingId: demo.numberings.pos,
        warehouseId: demo.warehouseId,
        paymentMethodIds: [demo.paymentMethods.cash, demo.paymentMethods.debit],
      },
      { token: admin },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "Caja 4", priceListId: null, active: true });
    const unknown = await http.post(
      "/api/terminals",
      {
        name: "Caja 5",
        numberingId: demo.numberings.pos,
        warehouseId: demo.warehouseId,
        paymentMethodIds: [demo.clients.pedro],
      },
      { token: admin },
    );
    expectApiError(unknown, 400, "VALIDATION_FAILED");
  });
});
