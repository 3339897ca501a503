import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestServer, type TestServer } from "../src/testing/testServer";
import { countRows, leaseBlock, newShop, openTill, pushOk, type Shop, schemaHeader } from "./support/company";
import { expectApiError, type Reply } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const lease = (shop: Shop, token: string, body: Record<string, unknown>) =>
  shop.http.post("/api/number-blocks/lease", body, { token, headers: schemaHeader });

/** Unused numbers per device, as the admin's numbering report shows them. */
async function unusedOf(shop: Shop, deviceId: string) {
  const report = await shop.http.get(`/api/numberings/${shop.demo.numberings.pos}/report`, { token: shop.admin });
  expect(report.status).toBe(200);
  return (report.body.blocks as { deviceId: string; counts: { unused: number; released: number } }[])
    .filter((b) => b.deviceId === deviceId)
    .reduce((sum, b) => sum + b.counts.unused, 0);
}

describe("a device cannot exhaust a numbering", () => {
  it("a hostile device looping lease calls gets 409/429 and holds no more than its limit; another till still sells", async () => {
    const shop = await newShop(server);
    const hostile = await openTill(shop, { lease: 50 });
    const replies: Reply[] = [];
    for (let i = 0; i < 30; i++)
      replies.push(await lease(shop, hostile.token, { numberingId: shop.demo.numberings.pos, size: 5000 }));
    for (let i = 0; i < 10; i++)
      replies.push(await lease(shop, hostile.token, { numberingId: shop.demo.numberings.pos }));
    const statuses = new Set(replies.map((r) => r.status));
    expect([...statuses].every((s) => s === 201 || s === 409 || s === 429)).toBe(true);
    const limited = replies.find((r) => r.status === 409);
    expectApiError(limited as Reply, 409, "LEASE_LIMIT_REACHED");
    expect(limited?.body.error.message).toMatch(/holds 50 unused numbers .* at most 200/);
    expect(limited?.body.error.details).toEqual({ held: 50, limit: 200, allowance: 150 });
    const throttled = replies.find((r) => r.status === 429) as Reply;
    expectApiError(throttled, 429, "RATE_LIMITED");
    expect(Number(throttled.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    // The demo numbering has no block size: 100 (no sales yet) × 2 = 200 at most, whatever was asked.
    expect(await unusedOf(shop, hostile.deviceId)).toBeLessThanOrEqual(200);
    const numbering = await shop.http.get(`/api/numberings/${shop.demo.numberings.pos}`, { token: shop.admin });
    expect(numbering.body.nextNumber).toBeLessThanOrEqual(201);

    const other = await openTill(shop, { terminal: "caja2" });
    expect(other.block?.rangeFrom).toBeGreaterThan(50);
    const results = await pushOk(other, [other.invoice(), other.invoice()]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
  });

  it("an explicit size over the allowance is refused whole and changes nothing; the default size shrinks to fit", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { lease: 150 });
    const before = await countRows(server, "number_blocks", shop.demo.companyId);
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos, size: 51 }),
      409,
      "LEASE_LIMIT_REACHED",
    );
    expect(await countRows(server, "number_blocks", shop.demo.companyId)).toBe(before);
    const numbering = await shop.http.get(`/api/numberings/${shop.demo.numberings.pos}`, { token: shop.admin });
    expect(numbering.body.nextNumber).toBe(151);
    const rest = await leaseBlock(shop.http, till.token, shop.demo.numberings.pos);
    expect(rest).toMatchObject({ rangeFrom: 151, rangeTo: 200 });
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos }),
      409,
      "LEASE_LIMIT_REACHED",
    );
  });

  it("numbers sold no longer count: a device that used its block leases again", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { lease: 150 });
    await leaseBlock(shop.http, till.token, shop.demo.numberings.pos, 50);
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos, size: 1 }),
      409,
      "LEASE_LIMIT_REACHED",
    );
    // A rejected invoice claims no number: it must not free allowance (else push junk, lease again).
    const junk = await pushOk(till, [till.invoice({ number: 150, totals: { total: 1 } })]);
    expect(junk[0].outcome).toBe("rejected");
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos, size: 1 }),
      409,
      "LEASE_LIMIT_REACHED",
    );
    // Selling number 120 of the first block means 1–120 are taken (the till uses its numbers in order).
    const results = await pushOk(till, [till.invoice({ number: 120 })]);
    expect(results[0].outcome).toBe("accepted");
    expect(await leaseBlock(shop.http, till.token, shop.demo.numberings.pos, 120)).toMatchObject({ rangeFrom: 201 });
  });

  it("the admin sets a cap per numbering; it shows in the numbering and bounds every device", async () => {
    const shop = await newShop(server);
    const path = `/api/numberings/${shop.demo.numberings.pos}`;
    expectApiError(await shop.http.patch(path, { maxUnusedPerDevice: 0 }, { token: shop.admin }), 400);
    const patched = await shop.http.patch(path, { maxUnusedPerDevice: 30 }, { token: shop.admin });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.maxUnusedPerDevice).toBe(30);
    const till = await openTill(shop, { lease: 30 });
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos }),
      409,
      "LEASE_LIMIT_REACHED",
    );
    // A cap above two blocks lets a shop that goes offline for days hold more.
    await shop.http.patch(path, { maxUnusedPerDevice: 1000 }, { token: shop.admin });
    expect(await leaseBlock(shop.http, till.token, shop.demo.numberings.pos, 970)).toMatchObject({ rangeFrom: 31 });
    const created = await shop.http.post(
      "/api/numberings",
      { name: "Con tope", prefix: "CT", rangeFrom: 1, rangeTo: 10, validFrom: "2025-01-01", validUntil: "2030-12-31" },
      { token: shop.admin },
    );
    expect(created.body.maxUnusedPerDevice).toBeNull();
  });

  it("after an admin releases a terminal's unused numbers its device may lease again", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { lease: 200 });
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos }),
      409,
      "LEASE_LIMIT_REACHED",
    );
    const released = await shop.http.post(
      `/api/terminals/${shop.demo.terminals.caja1}/release-numbers`,
      {},
      { token: shop.admin },
    );
    expect(released.body.released).toBe(200);
    expect(await unusedOf(shop, till.deviceId)).toBe(0);
    expect(await leaseBlock(shop.http, till.token, shop.demo.numberings.pos)).toMatchObject({ rangeFrom: 201 });
  });
});

describe("lease rate limit per device", () => {
  let clock = 0;
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ leaseRateLimit: { burst: 2, perMinute: 6, now: () => clock } });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it("429 RATE_LIMITED with Retry-After once the burst is spent, for that device only; it refills with time", async () => {
    const shop = await newShop(limited);
    const a = await openTill(shop, { lease: 10 });
    await leaseBlock(shop.http, a.token, shop.demo.numberings.pos, 10);
    const refused = await lease(shop, a.token, { numberingId: shop.demo.numberings.pos, size: 10 });
    expectApiError(refused, 429, "RATE_LIMITED");
    expect(refused.headers["retry-after"]).toBe("10");
    expect(await countRows(limited, "number_blocks", shop.demo.companyId)).toBe(2);
    // Another device of the same company is not affected.
    const b = await openTill(shop, { terminal: "caja2", lease: 10 });
    expect(b.block?.rangeFrom).toBe(21);
    clock += 10_000;
    expect(await leaseBlock(shop.http, a.token, shop.demo.numberings.pos, 10)).toMatchObject({ rangeFrom: 31 });
  });
});
