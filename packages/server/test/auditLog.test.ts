import { describe, expect, it, vi } from "vitest";
import { countRows, newShop } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

describe("audit trail of back-office writes", () => {
  it("create, update and delete each leave an entry with who, when and the changed fields, newest first", async () => {
    const { http, admin, demo } = await newShop(server);
    const started = Date.now();
    const created = await http.post("/api/categories", { name: "Lácteos" }, { token: admin });
    const id = created.body.id as string;
    await http.patch(`/api/categories/${id}`, { name: "Lácteos y quesos" }, { token: admin });
    await http.patch(`/api/categories/${id}`, { name: "Lácteos y quesos", active: false }, { token: admin });
    await http.del(`/api/categories/${id}`, { token: admin });

    const log = await http.get(`/api/audit-log?entity=categories&recordId=${id}`, { token: admin });
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    const [deleted, deactivated, renamed, made] = log.body.items;
    const who = { entity: "categories", recordId: id, userId: demo.adminId, userName: "Administradora Ejemplar" };
    expect(made).toMatchObject({
      ...who,
      action: "create",
      changes: { name: { from: null, to: "Lácteos" }, active: { from: null, to: true } },
    });
    expect(renamed).toMatchObject({
      ...who,
      action: "update",
      changes: { name: { from: "Lácteos", to: "Lácteos y quesos" } },
    });
    // Only what changed: the name was sent again but did not change.
    expect(deactivated.changes).toEqual({ active: { from: true, to: false } });
    expect(deleted).toMatchObject({
      ...who,
      action: "delete",
      changes: { name: { from: "Lácteos y quesos", to: null }, active: { from: false, to: null } },
    });
    for (const entry of log.body.items) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(started - 1000);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    // Paging: the second newest alone.
    const page = await http.get(`/api/audit-log?entity=categories&recordId=${id}&limit=1&offset=1`, { token: admin });
    expect(page.body).toMatchObject({ total: 4, limit: 1, offset: 1, items: [{ id: deactivated.id }] });
  });

  it("names the user who wrote (a cashier creating a client at the counter too); entity filters", async () => {
    const { http, admin, cashier, demo } = await newShop(server);
    const client = await http.post(
      "/api/clients",
      { name: "Lucía", idType: "CC", idNumber: "43111222" },
      { token: cashier },
    );
    await http.patch(`/api/products/${demo.productIds[0]}`, { price: 999900 }, { token: admin });
    const clients = (await http.get("/api/audit-log?entity=clients", { token: admin })).body;
    expect(clients.items).toEqual([
      expect.objectContaining({
        recordId: client.body.id,
        userId: demo.cashierId,
        userName: "Cajera Ejemplar",
        action: "create",
      }),
    ]);
    const all = (await http.get("/api/audit-log", { token: admin })).body;
    expect(all.items.map((e: { entity: string }) => e.entity)).toEqual(["products", "clients"]);
    expect(all.items[0].changes).toEqual({ price: { from: 350000, to: 999900 } });
  });

  it("a password shows only as changed (from/to null); no hash or secret is ever stored in the trail", async () => {
    const { http, admin, demo } = await newShop(server);
    const user = await http.post(
      "/api/users",
      { name: "Nuevo", email: `nuevo@${demo.companyId}.test`, password: "clave-secreta-1", role: "cashier" },
      { token: admin },
    );
    await http.patch(`/api/users/${user.body.id}`, { password: "otra-secreta-2" }, { token: admin });
    const log = (await http.get(`/api/audit-log?entity=users&recordId=${user.body.id}`, { token: admin })).body;
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(["update", "create"]);
    expect(log.items[0].changes).toEqual({ password: { from: null, to: null } });
    expect(log.items[1].changes.password).toEqual({ from: null, to: null });
    expect(log.items[1].changes).not.toHaveProperty("passwordHash");
    const stored = await server.db.query<{ changes: unknown }>("SELECT changes FROM audit_log WHERE company_id = $1", [
      demo.companyId,
    ]);
    const text = JSON.stringify(stored);
    expect(text).not.toMatch(/secreta|\$2[aby]\$|\$argon2/);
    expect(text).not.toMatch(/passwordHash|password_hash/);
  });

  it("a refused write leaves no entry (same transaction): duplicate, conflict, in use, bad input", async () => {
    const { http, admin, demo } = await newShop(server);
    const before = await countRows(server, "audit_log", demo.companyId);
    const taken = (await http.get(`/api/products/${demo.productIds[0]}`, { token: admin })).body;
    expect(
      (
        await http.post(
          "/api/products",
          { name: "X", price: 1, taxId: demo.taxes.IVA19, barcode: taken.barcode },
          { token: admin },
        )
      ).status,
    ).toBe(409);
    expect(
      (
        await http.patch(
          `/api/products/${taken.id}`,
          { price: 1, expectedVersion: taken.version - 1 },
          { token: admin },
        )
      ).status,
    ).toBe(409);
    expect((await http.del(`/api/taxes/${demo.taxes.IVA19}`, { token: admin })).status).toBe(409);
    expect((await http.patch(`/api/products/${taken.id}`, { price: -1 }, { token: admin })).status).toBe(400);
    expect((await http.patch(`/api/users/${demo.adminId}`, { active: false }, { token: admin })).status).toBe(409);
    expect(await countRows(server, "audit_log", demo.companyId)).toBe(before);
  });

  it("is for admins only, per company, and refuses bad query input with 400", async () => {
    const { http, admin, cashier } = await newShop(server);
    await http.post("/api/categories", { name: "Solo aquí" }, { token: admin });
    expectApiError(await http.get("/api/audit-log", { token: cashier }), 403, "FORBIDDEN");
    expectApiError(await http.get("/api/audit-log"), 401, "UNAUTHENTICATED");
    const other = await newShop(server);
    expect((await other.http.get("/api/audit-log", { token: other.admin })).body).toMatchObject({
      total: 0,
      items: [],
    });
    for (const [query, path] of [
      ["recordId=nope", "recordId"],
      ["entity=Products!", "entity"],
      ["limit=0", "limit"],
      ["limit=501", "limit"],
      ["offset=-1", "offset"],
    ]) {
      const res = await http.get(`/api/audit-log?${query}`, { token: admin });
      expectApiError(res, 400, "VALIDATION_FAILED");
      expect(res.body.error.details[0].path, query).toBe(path);
    }
    expectApiError(await http.get("/api/audit-log?user=me", { token: admin }), 400, "VALIDATION_FAILED");
  });
});
