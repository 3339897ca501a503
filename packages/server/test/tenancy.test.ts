import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk, type Shop, schemaHeader } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/**
 * Every admin resource that takes an id. `pick` names one of the shop's rows; `patch`
 * is a body that would be valid for it. A new resource is one more row here.
 */
interface ResourceCase {
  path: string;
  pick: (shop: Shop) => Promise<string> | string;
  patch: Record<string, unknown>;
}

const resources: ResourceCase[] = [
  { path: "products", pick: (s) => s.demo.productIds[0] as string, patch: { name: "Cambiado" } },
  { path: "categories", pick: (s) => s.demo.categoryIds[0] as string, patch: { name: "Cambiada" } },
  { path: "taxes", pick: (s) => s.demo.taxes.IVA19, patch: { rateBp: 1 } },
  { path: "clients", pick: (s) => s.demo.clients.pedro, patch: { active: false } },
  { path: "payment-methods", pick: (s) => s.demo.paymentMethods.cash, patch: { active: false } },
  { path: "numberings", pick: (s) => s.demo.numberings.pos, patch: { nextNumber: 1 } },
  { path: "terminals", pick: (s) => s.demo.terminals.caja1, patch: { active: false } },
  { path: "users", pick: (s) => s.demo.cashierId, patch: { password: "robada-123" } },
  { path: "warehouses", pick: (s) => s.demo.warehouseId, patch: { name: "Cambiada" } },
  {
    path: "price-lists",
    pick: async (s) => {
      const res = await s.http.post("/api/price-lists", { name: "Mayoristas" }, { token: s.admin });
      expect(res.status).toBe(201);
      return res.body.id;
    },
    patch: { name: "Cambiada" },
  },
];

describe("tenancy: a company A admin never reaches company B's rows", () => {
  it.each(resources)("/api/$path: GET/PATCH/DELETE of B's row are 404 and A's list never shows it", async (r) => {
    const [a, b] = await Promise.all([newShop(server), newShop(server)]);
    const [aId, bId] = [await r.pick(a), await r.pick(b)];
    const { http } = a;
    // The route works for A's own row, so B's 404 is tenancy, not a broken route.
    expect((await http.get(`/api/${r.path}/${aId}`, { token: a.admin })).status).toBe(200);
    const before = await http.get(`/api/${r.path}/${bId}`, { token: b.admin });
    expect(before.status).toBe(200);

    expectApiError(await http.get(`/api/${r.path}/${bId}`, { token: a.admin }), 404, "NOT_FOUND");
    expectApiError(await http.patch(`/api/${r.path}/${bId}`, r.patch, { token: a.admin }), 404, "NOT_FOUND");
    expectApiError(await http.del(`/api/${r.path}/${bId}`, { token: a.admin }), 404, "NOT_FOUND");

    const aList = await http.get(`/api/${r.path}?limit=500`, { token: a.admin });
    expect(aList.status).toBe(200);
    const bList = await http.get(`/api/${r.path}?limit=500`, { token: b.admin });
    const bIds = new Set<string>(bList.body.items.map((x: { id: string }) => x.id));
    expect(aList.body.items.filter((x: { id: string }) => bIds.has(x.id))).toEqual([]);
    expect(aList.body.total).toBe(aList.body.items.length);
    // Searching for B's row by name finds nothing either.
    const name = String(before.body.name).slice(0, 20);
    const search = await http.get(`/api/${r.path}?q=${encodeURIComponent(name)}`, { token: a.admin });
    expect(search.body.items.map((x: { id: string }) => x.id)).not.toContain(bId);

    // B's row is untouched.
    const after = await http.get(`/api/${r.path}/${bId}`, { token: b.admin });
    expect(after.body).toEqual(before.body);
  });

  it("invoices: GET /api/invoices/:id and void of B's invoice are 404; lists never show it", async () => {
    const [a, b] = await Promise.all([newShop(server), newShop(server)]);
    const tillB = await openTill(b);
    const invoice = tillB.invoice();
    expect((await pushOk(tillB, [invoice]))[0].outcome).toBe("accepted");

    expectApiError(await a.http.get(`/api/invoices/${invoice.id}`, { token: a.admin }), 404, "NOT_FOUND");
    expectApiError(
      await a.http.post(`/api/invoices/${invoice.id}/void`, { reason: "ajena" }, { token: a.admin }),
      404,
      "NOT_FOUND",
    );
    const list = await a.http.get("/api/invoices?limit=500", { token: a.admin });
    expect(list.body).toMatchObject({ items: [], total: 0 });
    const mine = await b.http.get(`/api/invoices/${invoice.id}`, { token: b.admin });
    expect(mine.body.status).toBe("accepted");
  });

  it("devices and number blocks: B's terminal and B's numbering are 404 for A", async () => {
    const [a, b] = await Promise.all([newShop(server), newShop(server)]);
    const tillA = await openTill(a);
    const register = await a.http.post(
      "/api/devices/register",
      { terminalId: b.demo.terminals.caja1 },
      { token: a.admin },
    );
    expectApiError(register, 404, "NOT_FOUND");
    const lease = await a.http.post(
      "/api/number-blocks/lease",
      { numberingId: b.demo.numberings.pos },
      { token: tillA.token, headers: schemaHeader },
    );
    expectApiError(lease, 404, "NOT_FOUND");
    const bNumbering = await b.http.get(`/api/numberings/${b.demo.numberings.pos}`, { token: b.admin });
    expect(bNumbering.body.nextNumber).toBe(1);
    const devices = await a.http.get("/api/devices", { token: a.admin });
    expect(devices.body.items.map((d: { id: string }) => d.id)).toEqual([tillA.deviceId]);
  });

  it("A cannot point its rows at B's rows (create product with B's tax, terminal with B's numbering)", async () => {
    const [a, b] = await Promise.all([newShop(server), newShop(server)]);
    const product = await a.http.post(
      "/api/products",
      { name: "Intruso", price: 1000, taxId: b.demo.taxes.IVA19 },
      { token: a.admin },
    );
    expectApiError(product, 400, "VALIDATION_FAILED");
    const terminal = await a.http.post(
      "/api/terminals",
      {
        name: "Caja intrusa",
        numberingId: b.demo.numberings.pos,
        warehouseId: a.demo.warehouseId,
        paymentMethodIds: [a.demo.paymentMethods.cash],
      },
      { token: a.admin },
    );
    expectApiError(terminal, 400, "VALIDATION_FAILED");
    const patch = await a.http.patch(
      `/api/products/${a.demo.productIds[0]}`,
      { categoryId: b.demo.categoryIds[0] },
      { token: a.admin },
    );
    expectApiError(patch, 400, "VALIDATION_FAILED");
  });

  it("a till of A pushing an invoice made of B's catalog is rejected and B sees nothing", async () => {
    const [a, b] = await Promise.all([newShop(server), newShop(server)]);
    const tillA = await openTill(a);
    const invoice = tillA.invoice({ clientId: b.demo.clients.pedro });
    invoice.lines = invoice.lines.map((l) => ({ ...l, productId: b.demo.productIds[0] as string }));
    const [result] = await pushOk(tillA, [invoice]);
    expect(result.outcome).toBe("rejected");
    expect(result.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(["PRODUCT_NOT_FOUND", "CLIENT_NOT_FOUND"]),
    );
    const bList = await b.http.get("/api/invoices", { token: b.admin });
    expect(bList.body.total).toBe(0);
  });

  it("a till's pull never carries another company's rows", async () => {
    const [a, b] = await Promise.all([newShop(server), newShop(server)]);
    const tillA = await openTill(a);
    const pull = await tillA.pull("cursor=0&limit=10000");
    expect(pull.status).toBe(200);
    const bIds = new Set<string>([
      ...b.demo.productIds,
      ...b.demo.categoryIds,
      b.demo.clients.pedro,
      b.demo.clients.walkIn,
      b.demo.companyId,
      b.demo.terminals.caja1,
      b.demo.numberings.pos,
    ]);
    const leaked = pull.body.changes.filter((c: { id: string }) => bIds.has(c.id));
    expect(leaked).toEqual([]);
    expect(pull.body.changes.some((c: { id: string }) => c.id === a.demo.productIds[0])).toBe(true);
  });
});
