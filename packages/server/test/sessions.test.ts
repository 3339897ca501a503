import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionIdleMs } from "../src/auth/authTokens";
import { countRows, login, newShop, openTill, pushOk, schemaHeader } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();
afterEach(() => {
  vi.useRealTimers();
});

/** Moves Date only (timers and the database keep running): tokens compare against the app's clock. */
function clock() {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date());
  return (hours: number) => vi.setSystemTime(new Date(Date.now() + hours * 3_600_000));
}

describe("user tokens expire after a time without use (sliding)", () => {
  it("a cashier's token lives 12 h from its last use; then 401 TOKEN_EXPIRED", async () => {
    const shop = await newShop(server);
    const { http } = shop;
    const advance = clock();
    advance(11);
    expect((await http.get("/api/auth/me", { token: shop.cashier })).status).toBe(200);
    advance(11); // 22 h after sign-in, 11 h after the last use
    expect((await http.get("/api/auth/me", { token: shop.cashier })).status).toBe(200);
    advance(12.1);
    expectApiError(await http.get("/api/auth/me", { token: shop.cashier }), 401, "TOKEN_EXPIRED");
    expectApiError(await http.get("/api/products", { token: shop.cashier }), 401, "TOKEN_EXPIRED");
  });

  it("an admin's token lives 4 h without use; the till's device token has no idle limit", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const advance = clock();
    advance(3.9);
    expect((await shop.http.get("/api/devices", { token: shop.admin })).status).toBe(200);
    advance(4.1);
    expectApiError(await shop.http.get("/api/devices", { token: shop.admin }), 401, "TOKEN_EXPIRED");
    advance(24 * 30); // a month offline
    expect((await till.pull("cursor=0&limit=1")).status).toBe(200);
    // Signing in again gives a fresh session.
    const again = await login(shop.http, shop.demo.adminEmail, shop.demo.password);
    expect((await shop.http.get("/api/devices", { token: again })).status).toBe(200);
  });

  it("the idle limits come from SESSION_IDLE_HOURS and ADMIN_SESSION_IDLE_HOURS", () => {
    expect(sessionIdleMs("cashier", {})).toBe(12 * 3_600_000);
    expect(sessionIdleMs("admin", {})).toBe(4 * 3_600_000);
    expect(sessionIdleMs("cashier", { SESSION_IDLE_HOURS: "2" })).toBe(2 * 3_600_000);
    expect(sessionIdleMs("admin", { ADMIN_SESSION_IDLE_HOURS: "0.5" })).toBe(1_800_000);
    expect(sessionIdleMs("cashier", { SESSION_IDLE_HOURS: "nonsense" })).toBe(12 * 3_600_000);
  });
});

describe("sessions are revoked", () => {
  it("when an admin changes the user's password: old sessions 401, the till keeps syncing, the new password works", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const till = await openTill(shop);
    const changed = await http.patch(
      `/api/users/${demo.cashierId}`,
      { password: "nueva-clave-2026" },
      { token: shop.admin },
    );
    expect(changed.status).toBe(200);
    expectApiError(await http.get("/api/auth/me", { token: shop.cashier }), 401, "UNAUTHENTICATED");
    expect((await till.pull("cursor=0&limit=1")).status).toBe(200);
    const fresh = await login(http, demo.cashierEmail, "nueva-clave-2026");
    expect((await http.get("/api/auth/me", { token: fresh })).status).toBe(200);
    // Other changes (a name) end nothing.
    await http.patch(`/api/users/${demo.cashierId}`, { name: "Cajera Renombrada" }, { token: shop.admin });
    expect((await http.get("/api/auth/me", { token: fresh })).status).toBe(200);
  });

  it("when the user is deactivated: every token is revoked in the database", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    await http.patch(`/api/users/${demo.cashierId}`, { active: false }, { token: shop.admin });
    const open = await server.db.query(
      "SELECT 1 FROM auth_tokens WHERE company_id = $1 AND user_id = $2 AND device_id IS NULL AND revoked_at IS NULL",
      [demo.companyId, demo.cashierId],
    );
    expect(open).toHaveLength(0);
    // Reactivated, the old token stays dead.
    await http.patch(`/api/users/${demo.cashierId}`, { active: true }, { token: shop.admin });
    expectApiError(await http.get("/api/auth/me", { token: shop.cashier }), 401, "UNAUTHENTICATED");
  });

  it("POST /api/users/:id/revoke-sessions (admin) ends the user's sessions; the user's till keeps syncing", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const till = await openTill(shop);
    const second = await login(http, demo.cashierEmail, demo.password);
    expectApiError(
      await http.post(`/api/users/${demo.cashierId}/revoke-sessions`, {}, { token: shop.cashier }),
      403,
      "FORBIDDEN",
    );
    const res = await http.post(`/api/users/${demo.cashierId}/revoke-sessions`, {}, { token: shop.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });
    for (const token of [shop.cashier, second]) expectApiError(await http.get("/api/auth/me", { token }), 401);
    expect((await till.pull("cursor=0&limit=1")).status).toBe(200);
    expect((await http.get("/api/auth/me", { token: shop.admin })).status).toBe(200);
    expectApiError(
      await http.post(`/api/users/${crypto.randomUUID()}/revoke-sessions`, {}, { token: shop.admin }),
      404,
      "NOT_FOUND",
    );
    const other = await newShop(server);
    expectApiError(
      await http.post(`/api/users/${other.demo.cashierId}/revoke-sessions`, {}, { token: shop.admin }),
      404,
      "NOT_FOUND",
    );
    expect((await other.http.get("/api/auth/me", { token: other.cashier })).status).toBe(200);
  });
});

describe("device tokens", () => {
  it("an admin's device token is refused (403) on user, catalog and admin endpoints; nothing is created", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const till = await openTill(shop, { as: "admin" });
    const token = till.token;
    const usersBefore = await countRows(server, "users", demo.companyId);
    const calls: [string, string, unknown][] = [
      [
        "POST",
        "/api/users",
        { name: "Intruso", email: `x@${demo.companyId}.test`, password: "clave-larga-123", role: "admin" },
      ],
      ["PATCH", `/api/users/${demo.cashierId}`, { role: "admin" }],
      ["POST", `/api/users/${demo.cashierId}/revoke-sessions`, {}],
      ["GET", "/api/users", undefined],
      ["GET", "/api/products", undefined],
      ["PATCH", `/api/products/${demo.productIds[0]}`, { price: 1 }],
      ["POST", "/api/categories", { name: "Desde la caja" }],
      ["GET", "/api/devices", undefined],
      ["POST", `/api/devices/${till.deviceId}/revoke`, {}],
      ["POST", "/api/devices/register", { terminalId: demo.terminals.caja2 }],
      [
        "POST",
        "/api/maintenance-windows",
        { startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() },
      ],
      ["GET", `/api/numberings/${demo.numberings.pos}/report`, undefined],
      ["GET", "/api/invoices", undefined],
      ["GET", "/api/auth/me", undefined],
    ];
    for (const [method, url, body] of calls)
      expectApiError(await http.call(method as "POST", url, { token, body }), 403, "FORBIDDEN");
    expect(await countRows(server, "users", demo.companyId)).toBe(usersBefore);
    expect(await countRows(server, "devices", demo.companyId)).toBe(1);
  });

  it("works for what the till does with it: pull, push, lease, an invoice's detail and its void", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoice = till.invoice();
    expect((await pushOk(till, [invoice]))[0].outcome).toBe("accepted");
    expect((await till.pull("cursor=0&limit=1")).status).toBe(200);
    const lease = await shop.http.post(
      "/api/number-blocks/lease",
      { numberingId: till.numberingId, size: 10 },
      { token: till.token, headers: schemaHeader },
    );
    expect(lease.status).toBe(201);
    expect((await shop.http.get(`/api/invoices/${invoice.id}`, { token: till.token })).status).toBe(200);
    // The till's "Anular" is for an invoice in "Error" (a synced one needs an admin or its open shift: voids.test.ts).
    const inError = till.invoice({ totals: { total: 1 } });
    expect((await pushOk(till, [inError]))[0].outcome).toBe("rejected");
    const voided = await shop.http.post(
      `/api/invoices/${inError.id}/void`,
      { reason: "Error de digitación" },
      {
        token: till.token,
      },
    );
    expect(voided.status).toBe(200);
  });

  it("POST /api/devices/:id/revoke: the till's next push gets 401 DEVICE_REVOKED and nothing is stored; other tills go on", async () => {
    const shop = await newShop(server);
    const { http, demo } = shop;
    const till = await openTill(shop);
    const other = await openTill(shop, { terminal: "caja2" });
    expectApiError(
      await http.post(`/api/devices/${till.deviceId}/revoke`, {}, { token: shop.cashier }),
      403,
      "FORBIDDEN",
    );
    const revoked = await http.post(`/api/devices/${till.deviceId}/revoke`, {}, { token: shop.admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: till.deviceId, active: false, terminalName: expect.any(String) });
    expect(Date.parse(revoked.body.revokedAt)).not.toBeNaN();
    const push = await till.push([till.invoice()]);
    expectApiError(push, 401, "DEVICE_REVOKED");
    expect(push.body.error.message).toMatch(/Exportar pendientes/);
    expectApiError(await till.pull("cursor=0&limit=1"), 401, "DEVICE_REVOKED");
    expect(await countRows(server, "invoices", demo.companyId)).toBe(0);
    expect((await pushOk(other, [other.invoice()]))[0].outcome).toBe("accepted");
    const list = await http.get("/api/devices", { token: shop.admin });
    const row = list.body.items.find((d: { id: string }) => d.id === till.deviceId);
    expect(row).toMatchObject({ active: false, revokedAt: revoked.body.revokedAt });
    // Revoking again changes nothing; unknown and other companies' devices are 404.
    const again = await http.post(`/api/devices/${till.deviceId}/revoke`, {}, { token: shop.admin });
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expectApiError(await http.post(`/api/devices/${crypto.randomUUID()}/revoke`, {}, { token: shop.admin }), 404);
    const stranger = await newShop(server);
    const strangerTill = await openTill(stranger);
    expectApiError(await http.post(`/api/devices/${strangerTill.deviceId}/revoke`, {}, { token: shop.admin }), 404);
    expect((await strangerTill.pull("cursor=0&limit=1")).status).toBe(200);
  });
});
