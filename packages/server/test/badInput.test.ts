import { describe, expect, it, vi } from "vitest";
import { countRows, newShop, openTill, type Shop } from "./support/company";
import { expectApiError, type Reply } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const tables = ["products", "clients", "categories", "numberings", "users", "invoices", "devices", "tombstones"];

/** Everything a bad request could have written, by table, plus the change counter. */
async function snapshot(shop: Shop) {
  const counts = await Promise.all(tables.map((t) => countRows(server, t, shop.demo.companyId)));
  const counter = await server.db.query("SELECT version FROM change_counters WHERE company_id = $1", [
    shop.demo.companyId,
  ]);
  return { counts: Object.fromEntries(tables.map((t, i) => [t, counts[i]])), counter };
}

function expect4xx(res: Reply, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  expectApiError(res, status, code);
}

describe("bad input: a 4xx with {error:{code,message}}, never a 5xx, nothing written", () => {
  it("malformed JSON on several endpoints → 400 MALFORMED_JSON", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    const cases: [string, string][] = [
      ["/api/products", '{"name": "Pan",'],
      ["/api/clients", "{name: 'sin comillas'}"],
      ["/api/auth/login", '{"email":"a@b.co","password":"x"'],
      ["/api/invoices/00000000-0000-7000-8000-000000000000/void", "not json"],
    ];
    for (const [url, raw] of cases)
      expect4xx(await shop.http.call("POST", url, { token: shop.admin, raw }), 400, "MALFORMED_JSON");
    const patch = await shop.http.call("PATCH", `/api/products/${shop.demo.productIds[0]}`, {
      token: shop.admin,
      raw: '{"price": 12,,}',
    });
    expect4xx(patch, 400, "MALFORMED_JSON");
    const till = await openTill(shop);
    const mid = await snapshot(shop);
    const push = await shop.http.call("POST", "/api/sync/push", { token: till.token, raw: '{"invoices": [' });
    expect4xx(push, 400, "MALFORMED_JSON");
    expect(await snapshot(shop)).toEqual(mid);
    expect(before.counts.products).toBe(mid.counts.products);
  });

  it("wrong types, missing and unknown fields → 400 VALIDATION_FAILED naming the field", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const token = shop.admin;
    const before = await snapshot(shop);
    const cases: [string, string, unknown, string][] = [
      ["POST", "/api/products", { name: "Pan", price: "1000", taxId: demo.taxes.IVA19 }, "price"],
      ["POST", "/api/products", { name: "Pan", price: 10.5, taxId: demo.taxes.IVA19 }, "price"],
      ["POST", "/api/products", { name: "Pan", price: -1, taxId: demo.taxes.IVA19 }, "price"],
      ["POST", "/api/products", { name: "Pan", price: 1000, taxId: "no-es-uuid" }, "taxId"],
      ["POST", "/api/products", { price: 1000, taxId: demo.taxes.IVA19 }, "name"],
      ["POST", "/api/products", { name: "Pan", price: 1000, taxId: demo.taxes.IVA19, color: "rojo" }, "color"],
      ["POST", "/api/clients", { name: "Ana", idType: "XX", idNumber: "123456" }, "idType"],
      ["POST", "/api/clients", { name: "Ana", idType: "CC", idNumber: "123456", id: demo.clients.pedro }, "id"],
      ["POST", "/api/clients", [{ name: "Ana" }], ""],
      ["POST", "/api/clients", "texto", ""],
      ["POST", "/api/users", { name: "U", email: "no-email", password: "12345678", role: "admin" }, "email"],
      ["POST", "/api/users", { name: "U", email: "u@x.co", password: "12345678", role: "root" }, "role"],
      [
        "POST",
        "/api/numberings",
        { name: "N", prefix: "X", rangeFrom: 10, rangeTo: 5, validFrom: "2025-01-01", validUntil: "2026-01-01" },
        "rangeTo",
      ],
      ["PATCH", `/api/products/${demo.productIds[0]}`, { active: "no" }, "active"],
      ["PATCH", `/api/products/${demo.productIds[0]}`, { version: 99 }, "version"],
      ["PATCH", `/api/clients/${demo.clients.pedro}`, { email: "x" }, "email"],
      ["PATCH", `/api/numberings/${demo.numberings.pos}`, { nextNumber: 100002 }, ""],
      ["POST", "/api/auth/login", { email: "a@b.co" }, "password"],
      ["POST", `/api/invoices/${demo.productIds[0]}/void`, { reason: 5 }, "reason"],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await http.call(method as "POST", url, { token, body });
      expect4xx(res, 400, "VALIDATION_FAILED");
      expect(res.body.error.message, `${method} ${url} ${JSON.stringify(body)}`).toContain(field);
    }
    expect(await snapshot(shop)).toEqual(before);
    const product = await http.get(`/api/products/${demo.productIds[0]}`, { token });
    expect(product.body.active).toBe(true);
  });

  it("a body over 1 MB → 413 PAYLOAD_TOO_LARGE", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const before = await snapshot(shop);
    const big = "x".repeat(1024 * 1024 + 10);
    expect4xx(
      await shop.http.post(
        "/api/clients",
        { name: "Ana", idType: "CC", idNumber: "1234567", address: big },
        { token: shop.admin },
      ),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    const push = await till.push([{ ...till.invoice(), notes: big }]);
    expect4xx(push, 413, "PAYLOAD_TOO_LARGE");
    expect(await snapshot(shop)).toEqual(before);
  });

  it("a wrong content type → 415, an empty JSON body → 400", async () => {
    const shop = await newShop(server);
    const before = await snapshot(shop);
    const text = await shop.http.call("POST", "/api/categories", {
      token: shop.admin,
      raw: "name=Pan",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect4xx(text, 415);
    const empty = await shop.http.call("POST", "/api/categories", {
      token: shop.admin,
      raw: "",
      headers: { "content-type": "application/json" },
    });
    expect(empty.status).toBe(400);
    expect(await snapshot(shop)).toEqual(before);
  });

  it("bad ids → 404 on every id route (never a database error)", async () => {
    const shop = await newShop(server);
    const token = shop.admin;
    const before = await snapshot(shop);
    const badIds = [
      "123",
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
      "%27%20OR%201%3D1--",
      "ZZZZZZZZ-0000-0000-0000-000000000000",
    ];
    for (const path of ["products", "clients", "numberings", "users", "terminals", "price-lists"]) {
      for (const id of badIds) {
        expect4xx(await shop.http.get(`/api/${path}/${id}`, { token }), 404, "NOT_FOUND");
        expect4xx(await shop.http.patch(`/api/${path}/${id}`, { active: false }, { token }), 404, "NOT_FOUND");
        expect4xx(await shop.http.del(`/api/${path}/${id}`, { token }), 404, "NOT_FOUND");
      }
    }
    for (const id of badIds) {
      expect4xx(await shop.http.get(`/api/invoices/${id}`, { token }), 404, "NOT_FOUND");
      expect4xx(await shop.http.post(`/api/invoices/${id}/void`, { reason: "x" }, { token }), 404, "NOT_FOUND");
    }
    expect(await snapshot(shop)).toEqual(before);
  });

  it("bad query params → 400 on lists, invoices and pull", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const token = shop.admin;
    const urls = [
      "/api/products?limit=0",
      "/api/products?limit=501",
      "/api/products?limit=abc",
      "/api/clients?offset=-1",
      "/api/clients?active=yes",
      "/api/categories?sort=price",
      "/api/categories?orderBy=name",
      `/api/products?q=${"x".repeat(101)}`,
      "/api/invoices?status=pending",
      "/api/invoices?terminalId=caja1",
      "/api/invoices?from=ayer",
      "/api/invoices?to=2026-13-45T00:00:00Z",
      "/api/invoices?limit=1&limit=2",
    ];
    for (const url of urls) expect4xx(await shop.http.get(url, { token }), 400, "VALIDATION_FAILED");
    for (const q of ["cursor=-1", "cursor=abc", "limit=0", "limit=20000", "counts=yes", "since=3"])
      expect4xx(await till.pull(q), 400, "VALIDATION_FAILED");
  });

  it("a bad push envelope → 400; over 200 invoices → 400; nothing written", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const before = await snapshot(shop);
    const opts = { token: till.token };
    for (const body of [{}, { invoices: "x" }, { invoices: [], extra: 1 }, { invoices: [], report: { pending: -1 } }])
      expect4xx(await shop.http.post("/api/sync/push", body, opts), 400, "VALIDATION_FAILED");
    const tooMany = Array.from({ length: 201 }, () => till.invoice());
    expect4xx(await till.push(tooMany), 400, "VALIDATION_FAILED");
    expect(await snapshot(shop)).toEqual(before);
  });

  // Regression (fixed): the acceptor's upsert touches the same row twice (invoiceAcceptor.ts writeDecisions); see the report.
  it("a batch with two revisions of the same invoice is answered per invoice, never a 5xx", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const rev1 = till.invoice();
    const rev2 = { ...rev1, revision: 2, notes: "corregida" };
    const res = await till.push([rev1, rev2]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await countRows(server, "invoices", shop.demo.companyId)).toBe(1);
  });
});
