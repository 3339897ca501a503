import { describe, expect, it, vi } from "vitest";
import { cashPayment, demoLine } from "../src/testing/invoiceFactory";
import { countRows, newShop, openTill, pushOk } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("optimistic concurrency (expectedVersion)", () => {
  it("a save based on an old version is 409 CONFLICT with the current row, and nothing is written", async () => {
    const { http, admin, demo } = await newShop(server);
    const id = demo.productIds[3] as string;
    const loaded = (await http.get(`/api/products/${id}`, { token: admin })).body;
    // The first admin saves with the version both loaded.
    const first = await http.patch(
      `/api/products/${id}`,
      { price: 500000, expectedVersion: loaded.version },
      { token: admin },
    );
    expect(first.status).toBe(200);
    // The second admin, still on the old version, is told and shown the row as it is now.
    const second = await http.patch(
      `/api/products/${id}`,
      { name: "Otro nombre", expectedVersion: loaded.version },
      { token: admin },
    );
    expectApiError(second, 409, "CONFLICT");
    expect(second.body.error.message).toMatch(/changed by someone else meanwhile/);
    expect(second.body.error.details.current).toEqual(first.body);
    const now = (await http.get(`/api/products/${id}`, { token: admin })).body;
    expect(now).toEqual(first.body);
    // "Overwrite": the same change re-sent with the current version applies.
    const overwrite = await http.patch(
      `/api/products/${id}`,
      { name: "Otro nombre", expectedVersion: second.body.error.details.current.version },
      { token: admin },
    );
    expect(overwrite.status).toBe(200);
    expect(overwrite.body).toMatchObject({ name: "Otro nombre", price: 500000 });
    // Without expectedVersion a patch applies as before.
    const blind = await http.patch(`/api/products/${id}`, { price: 510000 }, { token: admin });
    expect(blind.body).toMatchObject({ name: "Otro nombre", price: 510000 });
  });

  it("works on every resource, users included; a bad expectedVersion is 400", async () => {
    const { http, admin, demo } = await newShop(server);
    const user = (await http.get(`/api/users/${demo.cashierId}`, { token: admin })).body;
    const stale = await http.patch(
      `/api/users/${demo.cashierId}`,
      { name: "Cajera", expectedVersion: user.version + 1000 },
      { token: admin },
    );
    expectApiError(stale, 409, "CONFLICT");
    expect(stale.body.error.details.current).toEqual(user);
    expect(JSON.stringify(stale.body)).not.toMatch(/password/i);
    const ok = await http.patch(
      `/api/taxes/${demo.taxes.INC8}`,
      {
        name: "INC 8 %",
        expectedVersion: (await http.get(`/api/taxes/${demo.taxes.INC8}`, { token: admin })).body.version,
      },
      { token: admin },
    );
    expect(ok.status).toBe(200);
    for (const bad of [-1, 1.5, "3", null]) {
      const res = await http.patch(
        `/api/taxes/${demo.taxes.INC8}`,
        { name: "X", expectedVersion: bad },
        { token: admin },
      );
      expectApiError(res, 400, "VALIDATION_FAILED");
      expect(res.body.error.details[0].path).toBe("expectedVersion");
    }
    expect((await http.get(`/api/taxes/${demo.taxes.INC8}`, { token: admin })).body.name).toBe("INC 8 %");
  });
});

describe("uniqueness → 409 DUPLICATE with the field, nothing written", () => {
  it("a product's barcode is unique per company (create and patch); none or empty may repeat", async () => {
    const { http, admin, demo } = await newShop(server);
    const taken = (await http.get(`/api/products/${demo.productIds[0]}`, { token: admin })).body.barcode;
    const before = await countRows(server, "products", demo.companyId);
    const dup = await http.post(
      "/api/products",
      { name: "Copia", price: 100, taxId: demo.taxes.IVA19, barcode: taken },
      { token: admin },
    );
    expectApiError(dup, 409, "DUPLICATE");
    expect(dup.body.error.details).toEqual([{ path: "barcode", message: expect.stringMatching(/barcode/) }]);
    expect(await countRows(server, "products", demo.companyId)).toBe(before);
    const patchDup = await http.patch(`/api/products/${demo.productIds[1]}`, { barcode: taken }, { token: admin });
    expectApiError(patchDup, 409, "DUPLICATE");
    expect((await http.get(`/api/products/${demo.productIds[1]}`, { token: admin })).body.barcode).not.toBe(taken);
    // Its own barcode again is not a duplicate.
    const same = await http.patch(`/api/products/${demo.productIds[0]}`, { barcode: taken }, { token: admin });
    expect(same.status).toBe(200);
    for (const barcode of [null, "", null, ""]) {
      const res = await http.post(
        "/api/products",
        { name: "Sin código", price: 100, taxId: demo.taxes.IVA19, barcode },
        { token: admin },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    // Uniqueness is per company: every demo company has the same barcodes.
    const other = await newShop(server);
    const elsewhere = await other.http.get(`/api/products?barcode=${taken}`, { token: other.admin });
    expect(elsewhere.body.total).toBe(1);
  });

  it("a client's id type and number are unique per company; the same number with another type is fine", async () => {
    const { http, admin, cashier, demo } = await newShop(server);
    const before = await countRows(server, "clients", demo.companyId);
    const dup = await http.post(
      "/api/clients",
      { name: "Pedro bis", idType: "CC", idNumber: "1020304050" },
      { token: cashier },
    );
    expectApiError(dup, 409, "DUPLICATE");
    expect(dup.body.error.details).toEqual([{ path: "idNumber", message: expect.any(String) }]);
    expect(await countRows(server, "clients", demo.companyId)).toBe(before);
    const otherType = await http.post(
      "/api/clients",
      { name: "Pedro CE", idType: "CE", idNumber: "1020304050" },
      { token: admin },
    );
    expect(otherType.status).toBe(201);
    // Changing the type of that one to CC would collide with Pedro.
    const collide = await http.patch(`/api/clients/${otherType.body.id}`, { idType: "CC" }, { token: admin });
    expectApiError(collide, 409, "DUPLICATE");
    expect((await http.get(`/api/clients/${otherType.body.id}`, { token: admin })).body.idType).toBe("CE");
  });

  it("a form that re-sends an unchanged key saves; a copy kept from before migration 008 stays editable", async () => {
    const { http, admin, demo } = await newShop(server);
    const original = (await http.get(`/api/products/${demo.productIds[0]}`, { token: admin })).body;
    const copyId = crypto.randomUUID();
    // A row that repeated the barcode before the unique index existed (migration 008 marks such rows).
    await server.db.query(
      `INSERT INTO products (company_id, id, name, barcode, price, tax_id, version, legacy_duplicate)
       VALUES ($1, $2, 'Copia antigua', $3, 100, $4, 1, true)`,
      [demo.companyId, copyId, original.barcode, demo.taxes.IVA19],
    );
    const { id: _id, version: _v, ...form } = original;
    expect((await http.patch(`/api/products/${original.id}`, { ...form, price: 1 }, { token: admin })).status).toBe(
      200,
    );
    const copy = (await http.get(`/api/products/${copyId}`, { token: admin })).body;
    const resent = await http.patch(
      `/api/products/${copyId}`,
      { barcode: copy.barcode, name: "Copia" },
      { token: admin },
    );
    expect(resent.status).toBe(200);
    const taken = (await http.get(`/api/products/${demo.productIds[1]}`, { token: admin })).body.barcode;
    expectApiError(await http.patch(`/api/products/${copyId}`, { barcode: taken }, { token: admin }), 409, "DUPLICATE");
    expect((await http.patch(`/api/products/${copyId}`, { barcode: "NUEVO-1" }, { token: admin })).status).toBe(200);
    const [row] = await server.db.query<{ legacy_duplicate: boolean }>(
      "SELECT legacy_duplicate FROM products WHERE company_id = $1 AND id = $2",
      [demo.companyId, copyId],
    );
    expect(row?.legacy_duplicate).toBe(false);
  });

  it("a duplicate that slips past the check (a race) is still answered DUPLICATE by the unique index", async () => {
    const { http, admin, demo } = await newShop(server);
    const body = { name: "Carrera", price: 100, taxId: demo.taxes.IVA19, barcode: "RACE-1" };
    const results = await Promise.all([1, 2, 3].map(() => http.post("/api/products", body, { token: admin })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expectApiError(r, 409, "DUPLICATE");
    expect((await http.get("/api/products?barcode=RACE-1", { token: admin })).body.total).toBe(1);
  });

  it("a till-made client that repeats a known identity keeps the sale; the clients table keeps one row", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const newClient = {
      id: crypto.randomUUID(),
      name: "Pedro otra vez",
      idType: "CC" as const,
      idNumber: "1020304050",
      email: null,
      phone: null,
      address: null,
      active: true,
    };
    const [result] = await pushOk(till, [till.invoice({ clientId: newClient.id, newClient })]);
    expect(result).toMatchObject({ outcome: "accepted" });
    const same = await shop.http.get("/api/clients?idType=CC&idNumber=1020304050", { token: shop.admin });
    expect(same.body.total).toBe(1);
  });
});

describe("in use → 409 IN_USE, nothing deleted", () => {
  it("a tax used only by invoice lines cannot be deleted either", async () => {
    const shop = await newShop(server);
    const { http, admin, demo } = shop;
    const tax = (await http.post("/api/taxes", { name: "IVA 8%", kind: "IVA", rateBp: 800 }, { token: admin })).body;
    const product = (
      await http.post("/api/products", { name: "Temporal", price: 10000, taxId: tax.id }, { token: admin })
    ).body;
    const inUse = await http.del(`/api/taxes/${tax.id}`, { token: admin });
    expectApiError(inUse, 409, "IN_USE");
    expect(inUse.body.error.message).toMatch(/used by 1 product\b/);
    // Sell it, then move the product to another tax: the invoice line still names the tax.
    const till = await openTill(shop);
    const line = demoLine(demo, 0, 1, {
      productId: product.id,
      description: "Temporal",
      unitPrice: 10000,
      taxId: tax.id,
      taxName: "IVA 8%",
      taxKind: "IVA",
      taxRateBp: 800,
    });
    const invoice = till.invoice({ lines: [line], payments: [cashPayment(demo, 10000)] });
    const [sold] = await pushOk(till, [invoice]);
    expect(sold).toMatchObject({ outcome: "accepted" });
    await http.patch(`/api/products/${product.id}`, { taxId: demo.taxes.IVA19 }, { token: admin });
    const stillUsed = await http.del(`/api/taxes/${tax.id}`, { token: admin });
    expectApiError(stillUsed, 409, "IN_USE");
    expect(stillUsed.body.error.message).toMatch(/1 invoice\b/);
    expect((await http.get(`/api/taxes/${tax.id}`, { token: admin })).status).toBe(200);
    // The way out: deactivate it.
    expect((await http.patch(`/api/taxes/${tax.id}`, { active: false }, { token: admin })).status).toBe(200);
    // A sold product cannot be deleted either.
    expectApiError(await http.del(`/api/products/${product.id}`, { token: admin }), 409, "IN_USE");
  });

  it.each([
    ["categories", (d: Demo) => d.categoryIds[0], /product/],
    ["warehouses", (d: Demo) => d.warehouseId, /terminal.*stock movement|stock movement.*terminal/],
    ["payment-methods", (d: Demo) => d.paymentMethods.cash, /3 terminals/],
    ["numberings", (d: Demo) => d.numberings.pos, /2 terminals/],
    ["terminals", (d: Demo) => d.terminals.caja2, /user/],
  ] as const)("%s still referenced → IN_USE with counts", async (path, idOf, message) => {
    const { http, admin, demo } = await newShop(server);
    if (path === "terminals")
      await http.patch(`/api/users/${demo.cashierId}`, { terminalIds: [demo.terminals.caja2] }, { token: admin });
    const id = idOf(demo) as string;
    const res = await http.del(`/api/${path}/${id}`, { token: admin });
    expectApiError(res, 409, "IN_USE");
    expect(res.body.error.message).toMatch(message);
    expect((await http.get(`/api/${path}/${id}`, { token: admin })).status).toBe(200);
    expect(await countRows(server, "tombstones", demo.companyId)).toBe(0);
  });

  it("a price list used by a terminal → IN_USE; once unassigned it can be deleted", async () => {
    const { http, admin, demo } = await newShop(server);
    const list = (await http.post("/api/price-lists", { name: "Mayoristas" }, { token: admin })).body;
    await http.patch(`/api/terminals/${demo.terminals.caja1}`, { priceListId: list.id }, { token: admin });
    expectApiError(await http.del(`/api/price-lists/${list.id}`, { token: admin }), 409, "IN_USE");
    await http.patch(`/api/terminals/${demo.terminals.caja1}`, { priceListId: null }, { token: admin });
    expect((await http.del(`/api/price-lists/${list.id}`, { token: admin })).status).toBe(204);
  });
});

type Demo = Awaited<ReturnType<typeof newShop>>["demo"];

describe("a user's own account → 409 SELF_CHANGE", () => {
  it("an admin cannot deactivate, delete or demote themself; another admin can", async () => {
    const { http, admin, demo } = await newShop(server);
    for (const patch of [{ active: false }, { role: "cashier" }, { role: "cashier", name: "Yo" }]) {
      const res = await http.patch(`/api/users/${demo.adminId}`, patch, { token: admin });
      expectApiError(res, 409, "SELF_CHANGE");
    }
    expectApiError(await http.del(`/api/users/${demo.adminId}`, { token: admin }), 409, "SELF_CHANGE");
    const me = (await http.get(`/api/users/${demo.adminId}`, { token: admin })).body;
    expect(me).toMatchObject({ active: true, role: "admin" });
    // Other changes to one's own account are fine.
    expect(
      (await http.patch(`/api/users/${demo.adminId}`, { name: "Admin nueva", role: "admin" }, { token: admin })).status,
    ).toBe(200);
    // A second admin may deactivate the first.
    const other = await http.post(
      "/api/users",
      { name: "Otra admin", email: `otra@${demo.companyId}.test`, password: "clave-segura-9", role: "admin" },
      { token: admin },
    );
    const { login } = await import("./support/company");
    const otherToken = await login(http, `otra@${demo.companyId}.test`, "clave-segura-9");
    expect((await http.patch(`/api/users/${demo.adminId}`, { active: false }, { token: otherToken })).status).toBe(200);
    expect(other.status).toBe(201);
  });
});

describe("NIT clients need the right check digit", () => {
  it("create and patch refuse a wrong or missing check digit with VALIDATION_FAILED on idNumber, nothing written", async () => {
    const { http, admin, demo } = await newShop(server);
    const before = await countRows(server, "clients", demo.companyId);
    for (const idNumber of ["900123456-7", "900123456", "900.123.456-8"]) {
      const res = await http.post("/api/clients", { name: "Empresa", idType: "NIT", idNumber }, { token: admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
      expect(res.body.error.details[0].path, idNumber).toBe("idNumber");
    }
    expect(await countRows(server, "clients", demo.companyId)).toBe(before);
    const ok = await http.post(
      "/api/clients",
      { name: "Empresa", idType: "NIT", idNumber: "900123456-8" },
      { token: admin },
    );
    expect(ok.status).toBe(201);
    // Turning a CC client into NIT checks the stored number against the NIT rule.
    const toNit = await http.patch(`/api/clients/${demo.clients.pedro}`, { idType: "NIT" }, { token: admin });
    expectApiError(toNit, 400, "VALIDATION_FAILED");
    expect(toNit.body.error.details).toEqual([{ path: "idNumber", message: expect.stringMatching(/NIT/) }]);
    expect((await http.get(`/api/clients/${demo.clients.pedro}`, { token: admin })).body.idType).toBe("CC");
    const wrong = await http.patch(`/api/clients/${ok.body.id}`, { idNumber: "900123456-1" }, { token: admin });
    expectApiError(wrong, 400, "VALIDATION_FAILED");
    expect(wrong.body.error.details[0].message).toMatch(/-8/);
  });
});
