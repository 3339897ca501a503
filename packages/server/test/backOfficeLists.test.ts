import { describe, expect, it, vi } from "vitest";
import { newShop } from "./support/company";
import { expectApiError, type Json } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const ids = (body: Json) => body.items.map((r: { id: string }) => r.id);
/** The order JavaScript gives with the same tie-break (by id) as the server. */
function sortedBy<T extends Record<string, unknown>>(rows: T[], field: string, descending = false): string[] {
  const copy = [...rows].sort((a, b) => {
    const x = a[field] as string | number;
    const y = b[field] as string | number;
    const byField = typeof x === "number" ? x - (y as number) : 0;
    if (byField !== 0) return byField;
    return String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0;
  });
  const out = copy.map((r) => String(r.id));
  return descending ? out.reverse() : out;
}

describe("list sorting", () => {
  it("sort=price and sort=-price order every page by price, ties by id, and pages stay stable", async () => {
    const { http, admin, demo } = await newShop(server);
    const all = (await http.get("/api/products?limit=500", { token: admin })).body.items;
    expect(all).toHaveLength(demo.productIds.length);
    const asc = (await http.get("/api/products?limit=500&sort=price", { token: admin })).body;
    expect(ids(asc)).toEqual(sortedBy(all, "price"));
    const desc = (await http.get("/api/products?limit=500&sort=-price", { token: admin })).body;
    expect(ids(desc)).toEqual(sortedBy(all, "price", true));
    // Pages of 7 put together are the whole sorted list, with no row twice.
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7)
      paged.push(...ids((await http.get(`/api/products?limit=7&offset=${offset}&sort=price`, { token: admin })).body));
    expect(paged).toEqual(ids(asc));
  });

  it("sort=changed puts the last changed first when descending; name, reference, barcode sort as text", async () => {
    const { http, admin, demo } = await newShop(server);
    const target = demo.productIds[20] as string;
    await http.patch(`/api/products/${target}`, { price: 123400 }, { token: admin });
    const recent = (await http.get("/api/products?limit=1&sort=-changed", { token: admin })).body;
    expect(ids(recent)).toEqual([target]);
    const oldest = (await http.get("/api/products?limit=500&sort=changed", { token: admin })).body;
    expect(ids(oldest).at(-1)).toBe(target);
    const versions = oldest.items.map((p: { version: number }) => p.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const field of ["name", "reference", "barcode"]) {
      const up = (await http.get(`/api/products?limit=500&sort=${field}`, { token: admin })).body.items;
      const down = (await http.get(`/api/products?limit=500&sort=-${field}`, { token: admin })).body.items;
      expect(up.map((p: Json) => p.id)).toEqual(down.map((p: Json) => p.id).reverse());
      expect(up).toHaveLength(demo.productIds.length);
    }
    const refs = (await http.get("/api/products?limit=3&sort=-reference", { token: admin })).body.items;
    const ref = (n: number) => `REF-${String(n).padStart(3, "0")}`;
    const n = demo.productIds.length;
    expect(refs.map((p: { reference: string }) => p.reference)).toEqual([ref(n), ref(n - 1), ref(n - 2)]);
  });

  it("clients sort by idNumber, users by email and role; every resource by name and changed", async () => {
    const { http, admin } = await newShop(server);
    const clients = (await http.get("/api/clients?sort=-idNumber", { token: admin })).body.items;
    const numbers = clients.map((c: { idNumber: string }) => c.idNumber);
    expect(numbers[0]).toBe("901234567-7");
    expect(numbers.at(-1)).toBe("1017223344");
    const users = (await http.get("/api/users?sort=role", { token: admin })).body.items;
    expect(users.map((u: { role: string }) => u.role)).toEqual(["admin", "cashier"]);
    const byEmail = (await http.get("/api/users?sort=-email", { token: admin })).body.items;
    expect(byEmail[0].email).toMatch(/^caja@/);
    for (const path of [
      "taxes",
      "categories",
      "warehouses",
      "payment-methods",
      "price-lists",
      "numberings",
      "terminals",
    ]) {
      for (const sort of ["name", "-name", "changed", "-changed"])
        expect((await http.get(`/api/${path}?sort=${sort}`, { token: admin })).status, `${path} ${sort}`).toBe(200);
    }
    const taxes = (await http.get("/api/taxes?sort=-name", { token: admin })).body.items;
    expect(taxes.map((t: { name: string }) => t.name)).toEqual(["IVA 5%", "IVA 19%", "INC 8%", "Exento"]);
  });

  it("an unknown sort field, or one of another resource, is 400 VALIDATION_FAILED naming the choices", async () => {
    const { http, admin } = await newShop(server);
    for (const url of [
      "/api/products?sort=cost",
      "/api/products?sort=--price",
      "/api/products?sort=",
      "/api/taxes?sort=price",
      "/api/clients?sort=email",
      "/api/users?sort=passwordHash",
    ]) {
      const res = await http.get(url, { token: admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
      expect(res.body.error.details[0].path, url).toBe("sort");
    }
  });
});

describe("list filters", () => {
  it("products by categoryId, taxId and exact barcode, with q and active together", async () => {
    const { http, admin, demo } = await newShop(server);
    const all: Json[] = (await http.get("/api/products?limit=500", { token: admin })).body.items;
    const category = demo.categoryIds[2] as string;
    const byCategory = (await http.get(`/api/products?limit=500&categoryId=${category}`, { token: admin })).body;
    expect(new Set(ids(byCategory))).toEqual(new Set(all.filter((p) => p.categoryId === category).map((p) => p.id)));
    expect(byCategory.total).toBe(8);
    const byTax = (await http.get(`/api/products?limit=500&taxId=${demo.taxes.INC8}&sort=price`, { token: admin }))
      .body;
    expect(ids(byTax)).toEqual(
      sortedBy(
        all.filter((p) => p.taxId === demo.taxes.INC8),
        "price",
      ),
    );
    const first = all[0];
    const byBarcode = (await http.get(`/api/products?barcode=${first.barcode}&limit=1`, { token: admin })).body;
    expect(byBarcode).toMatchObject({ total: 1, items: [{ id: first.id }] });
    // Exact, not a search: a prefix of the barcode finds nothing.
    const prefix = (await http.get(`/api/products?barcode=${first.barcode.slice(0, 6)}`, { token: admin })).body;
    expect(prefix.total).toBe(0);
    await http.patch(`/api/products/${demo.productIds[0]}`, { active: false }, { token: admin });
    const combined = await http.get(
      `/api/products?categoryId=${demo.categoryIds[0]}&q=gaseosa&active=true&sort=-name`,
      { token: admin },
    );
    expect(combined.body.items.map((p: { name: string }) => p.name)).toEqual(["Gaseosa Naranja 1,5 L"]);
  });

  it("clients by idType and exact idNumber; users by role", async () => {
    const { http, admin, demo } = await newShop(server);
    const nit = (await http.get("/api/clients?idType=NIT", { token: admin })).body;
    expect(nit.items.map((c: { idNumber: string }) => c.idNumber)).toEqual(["901234567-7"]);
    const pedro = (await http.get("/api/clients?idNumber=1020304050&idType=CC", { token: admin })).body;
    expect(ids(pedro)).toEqual([demo.clients.pedro]);
    expect((await http.get("/api/clients?idNumber=102030", { token: admin })).body.total).toBe(0);
    const cashiers = (await http.get("/api/users?role=cashier", { token: admin })).body;
    expect(ids(cashiers)).toEqual([demo.cashierId]);
  });

  it("a filter with a bad value, a filter of another resource or an unknown key is 400 and names it", async () => {
    const { http, admin } = await newShop(server);
    for (const [url, path] of [
      ["/api/products?categoryId=abc", "categoryId"],
      ["/api/products?taxId=", "taxId"],
      ["/api/products?barcode=", "barcode"],
      ["/api/clients?idType=RUT", "idType"],
      ["/api/users?role=owner", "role"],
      ["/api/taxes?categoryId=0190a5b4-0000-7000-8000-000000000001", null],
      ["/api/clients?role=admin", null],
    ] as const) {
      const res = await http.get(url, { token: admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
      if (path) expect(res.body.error.details[0].path, url).toBe(path);
      else expect(res.body.error.message, url).toMatch(/unknown/);
    }
  });

  it("a cashier reads the till's lists with the same sorting and filters", async () => {
    const { http, cashier, demo } = await newShop(server);
    const res = await http.get(`/api/products?taxId=${demo.taxes.IVA5}&sort=-price&limit=2`, { token: cashier });
    expect(res.status).toBe(200);
    expect(res.body.items[0].price).toBeGreaterThanOrEqual(res.body.items[1].price);
  });
});
