import { afterEach, describe, expect, it, vi } from "vitest";
import { newShop, openTill, registerDevice } from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("devices cannot pile up to drain a numbering", () => {
  it("a terminal takes a bounded number of live devices; 409 DEVICE_LIMIT_REACHED beyond it, nothing created", async () => {
    vi.stubEnv("MAX_DEVICES_PER_TERMINAL", "3");
    const shop = await newShop(server);
    const caja1 = shop.demo.terminals.caja1;
    for (let i = 0; i < 3; i++) await registerDevice(shop.http, shop.cashier, caja1);
    const refused = await shop.http.post("/api/devices/register", { terminalId: caja1 }, { token: shop.cashier });
    expectApiError(refused, 409, "DEVICE_LIMIT_REACHED");
    expect(refused.body.error.message).toContain("Dispositivos");
    const devices = await shop.http.get("/api/devices", { token: shop.admin });
    expect(devices.body.items).toHaveLength(3);
    // Another terminal is counted on its own.
    await registerDevice(shop.http, shop.cashier, shop.demo.terminals.caja2);
  });

  it("a till signing out retires itself: its unused numbers are released, its token ends, the place is free", async () => {
    vi.stubEnv("MAX_DEVICES_PER_TERMINAL", "1");
    const shop = await newShop(server);
    const till = await openTill(shop, { lease: 50 });
    const sold = till.invoice();
    expect((await till.push([sold])).body.results[0].outcome).toBe("accepted");
    const retired = await shop.http.post("/api/devices/current/retire", {}, { token: till.token });
    expect(retired.status).toBe(200);
    expect(retired.body.released).toBe(49);
    expectApiError(await till.push([till.invoice()]), 401, "DEVICE_REVOKED");
    const report = await shop.http.get(`/api/numberings/${till.numberingId}/report`, { token: shop.admin });
    expect(report.body.totals).toMatchObject({ used: 1, released: 49 });
    // The terminal's only place is free again.
    await registerDevice(shop.http, shop.cashier, till.terminalId);
  });

  it("retiring needs a device token", async () => {
    const shop = await newShop(server);
    expectApiError(await shop.http.post("/api/devices/current/retire", {}, { token: shop.admin }), 403);
  });
});
