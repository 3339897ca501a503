import { SYNC_SCHEMA_VERSION } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { newShop, openTill, pushOk, type Shop, schemaHeader } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

async function fleet(shop: Shop, query = "") {
  const res = await shop.http.get(`/api/devices${query}`, { token: shop.admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Record<string, unknown>[];
}

const report = (shop: Shop, deviceToken: string, body: unknown) =>
  shop.http.post("/api/devices/current/report", body, { token: deviceToken, headers: schemaHeader });

describe("the device fleet (Dispositivos)", () => {
  it("a report made after the push replaces the one the push carried, with the time it was stored", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    const invoices = [till.invoice(), till.invoice(), till.invoice()];
    // An older till reports before pushing: the server then shows the 3 it has just received as pending.
    const push = await shop.http.post(
      "/api/sync/push",
      { invoices, report: { pending: 3, errors: 0, oldestPendingAt: invoices[0]?.issuedAt ?? null } },
      { token: till.token, headers: schemaHeader },
    );
    expect(push.status).toBe(200);
    const stale = (await fleet(shop))[0];
    expect(stale).toMatchObject({ id: till.deviceId, pending: 3, silent: false });
    const before = Date.now();
    const after = await report(shop, till.token, { pending: 0, errors: 0, oldestPendingAt: null, appVersion: "1.2.3" });
    expect(after.status, JSON.stringify(after.body)).toBe(200);
    const row = (await fleet(shop))[0];
    expect(row).toMatchObject({
      pending: 0,
      errors: 0,
      oldestPendingAt: null,
      oldestPendingAgeSeconds: null,
      appVersion: "1.2.3",
      schemaVersion: SYNC_SCHEMA_VERSION,
      reportedAt: after.body.reportedAt,
    });
    expect(Date.parse(row?.reportedAt as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(row?.reportedAt as string)).toBeGreaterThanOrEqual(Date.parse(stale?.reportedAt as string));
  });

  it("a bad report is refused (400) and a user token cannot report (403)", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    await report(shop, till.token, { pending: 2, errors: 1, oldestPendingAt: null });
    const before = (await fleet(shop))[0];
    expectApiError(await report(shop, till.token, { pending: -1, errors: 0, oldestPendingAt: null }), 400);
    expectApiError(await report(shop, till.token, { pending: 1, errors: 0, oldestPendingAt: "ayer" }), 400);
    expectApiError(await report(shop, till.token, { pending: 1 }), 400);
    expectApiError(await report(shop, shop.admin, { pending: 1, errors: 0, oldestPendingAt: null }), 403);
    expect((await fleet(shop))[0]).toMatchObject({ pending: 2, errors: 1, reportedAt: before?.reportedAt });
  });

  it("flags devices silent longer than the company's deviceSilentMinutes that hold pending invoices", async () => {
    const shop = await newShop(server);
    const quietWithSales = await openTill(shop);
    const quietEmpty = await openTill(shop);
    const talking = await openTill(shop);
    const oldest = new Date(Date.now() - 3 * 3600_000).toISOString();
    await report(shop, quietWithSales.token, { pending: 4, errors: 0, oldestPendingAt: oldest });
    await report(shop, quietEmpty.token, { pending: 0, errors: 0, oldestPendingAt: null });
    await report(shop, talking.token, { pending: 2, errors: 0, oldestPendingAt: oldest });
    // Last heard of 2 hours ago (set in the database: the test cannot wait).
    await server.db.query(
      "UPDATE devices SET last_seen_at = now() - interval '2 hours' WHERE company_id = $1 AND id = ANY($2::uuid[])",
      [shop.demo.companyId, [quietWithSales.deviceId, quietEmpty.deviceId]],
    );
    const silentIds = async () =>
      (await fleet(shop))
        .filter((d) => d.silent)
        .map((d) => d.id)
        .sort();
    expect(await silentIds()).toEqual([quietWithSales.deviceId]);
    const row = (await fleet(shop)).find((d) => d.id === quietWithSales.deviceId);
    expect(row?.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(3 * 3600 - 5);
    // The threshold is the company's: at 3 hours the same device is not silent yet.
    expect((await shop.http.patch("/api/company", { deviceSilentMinutes: 180 }, { token: shop.admin })).status).toBe(
      200,
    );
    expect(await silentIds()).toEqual([]);
    // A revoked device is no longer watched.
    await shop.http.patch("/api/company", { deviceSilentMinutes: 5 }, { token: shop.admin });
    expect(await silentIds()).toEqual([quietWithSales.deviceId]);
    await shop.http.post(`/api/devices/${quietWithSales.deviceId}/revoke`, {}, { token: shop.admin });
    expect(await silentIds()).toEqual([]);
  });

  it("?terminalId= lists one terminal's devices; a malformed or unknown key is 400", async () => {
    const shop = await newShop(server);
    const one = await openTill(shop, { terminal: "caja1" });
    const two = await openTill(shop, { terminal: "caja2" });
    await pushOk(two, [two.invoice()]);
    const caja2 = await fleet(shop, `?terminalId=${shop.demo.terminals.caja2}`);
    expect(caja2.map((d) => d.id)).toEqual([two.deviceId]);
    expect(caja2[0]).toMatchObject({ terminalId: shop.demo.terminals.caja2, terminalName: "Caja 2" });
    expect((await fleet(shop)).map((d) => d.id).sort()).toEqual([one.deviceId, two.deviceId].sort());
    expectApiError(await shop.http.get("/api/devices?terminalId=caja-2", { token: shop.admin }), 400);
    expectApiError(await shop.http.get("/api/devices?terminal=x", { token: shop.admin }), 400);
    expectApiError(await shop.http.get("/api/devices", { token: shop.cashier }), 403);
  });
});
