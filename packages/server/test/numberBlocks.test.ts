import { describe, expect, it, vi } from "vitest";
import {
  countRows,
  leaseBlock,
  newShop,
  openTill,
  pushOk,
  registerDevice,
  type Shop,
  schemaHeader,
} from "./support/company";
import { expectApiError } from "./support/http";
import { useTestServer } from "./support/testServer";

// Real bcrypt at its lowest cost: each test seeds its own company (see support/fastPasswordHasher.ts).
vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

const lease = (shop: Shop, deviceToken: string, body: Record<string, unknown>) =>
  shop.http.post("/api/number-blocks/lease", body, { token: deviceToken, headers: schemaHeader });

/** A numbering of its own, with a terminal on it and a registered device there. */
async function numberingWithDevice(shop: Shop, numbering: Record<string, unknown>) {
  const created = await shop.http.post(
    "/api/numberings",
    {
      name: "Prueba",
      prefix: "PR",
      rangeFrom: 1,
      rangeTo: 50,
      validFrom: "2025-01-01",
      validUntil: "2030-12-31",
      ...numbering,
    },
    { token: shop.admin },
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const terminal = await shop.http.post(
    "/api/terminals",
    {
      name: "Caja prueba",
      numberingId: created.body.id,
      warehouseId: shop.demo.warehouseId,
      paymentMethodIds: [shop.demo.paymentMethods.cash],
    },
    { token: shop.admin },
  );
  const device = await registerDevice(shop.http, shop.admin, terminal.body.id);
  return { numberingId: created.body.id as string, ...device };
}

const expandBlock = (b: { rangeFrom: number; rangeTo: number }) =>
  Array.from({ length: b.rangeTo - b.rangeFrom + 1 }, (_, k) => b.rangeFrom + k);

describe("POST /api/number-blocks/lease", () => {
  it("blocks of several devices leasing at once never overlap and leave no gap", async () => {
    const shop = await newShop(server);
    const terminals = [shop.demo.terminals.caja1, shop.demo.terminals.caja2];
    const devices = await Promise.all(
      Array.from({ length: 6 }, (_, i) => registerDevice(shop.http, shop.cashier, terminals[i % 2] as string)),
    );
    const blocks = await Promise.all(
      devices.flatMap((d) => [
        leaseBlock(shop.http, d.deviceToken, shop.demo.numberings.pos, 25),
        leaseBlock(shop.http, d.deviceToken, shop.demo.numberings.pos, 25),
      ]),
    );
    const numbers = blocks.flatMap(expandBlock).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 12 * 25 }, (_, k) => k + 1));
    for (const [i, b] of blocks.entries()) expect(b.deviceId).toBe(devices[Math.floor(i / 2)]?.deviceId);
    const numbering = await shop.http.get(`/api/numberings/${shop.demo.numberings.pos}`, { token: shop.admin });
    expect(numbering.body.nextNumber).toBe(301);
  });

  it("a block never passes the range end; a used-up range → 409 NUMBERING_RANGE_EXHAUSTED", async () => {
    const shop = await newShop(server);
    const { numberingId, deviceToken } = await numberingWithDevice(shop, { rangeFrom: 1, rangeTo: 50 });
    expect(await leaseBlock(shop.http, deviceToken, numberingId, 30)).toMatchObject({ rangeFrom: 1, rangeTo: 30 });
    expect(await leaseBlock(shop.http, deviceToken, numberingId, 30)).toMatchObject({ rangeFrom: 31, rangeTo: 50 });
    expectApiError(await lease(shop, deviceToken, { numberingId, size: 1 }), 409, "NUMBERING_RANGE_EXHAUSTED");
    expect(await countRows(server, "number_blocks", shop.demo.companyId)).toBe(2);
  });

  it("block size: the numbering's blockSize, else a default sized from the sales rate", async () => {
    const shop = await newShop(server);
    const fixed = await numberingWithDevice(shop, { rangeTo: 1000, blockSize: 40 });
    expect(await leaseBlock(shop.http, fixed.deviceToken, fixed.numberingId)).toMatchObject({
      rangeFrom: 1,
      rangeTo: 40,
    });
    const adaptive = await numberingWithDevice(shop, { name: "Adaptativa", rangeTo: 1000 });
    const block = await leaseBlock(shop.http, adaptive.deviceToken, adaptive.numberingId);
    expect(block.rangeTo - block.rangeFrom + 1).toBeGreaterThanOrEqual(20);
  });

  it("an electronic numbering is never leased → 409", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { terminal: "caja3" });
    expectApiError(await lease(shop, till.token, { numberingId: shop.demo.numberings.electronic }), 409);
    expect(await countRows(server, "number_blocks", shop.demo.companyId)).toBe(0);
  });

  it("an expired or inactive numbering is not leased → 409", async () => {
    const shop = await newShop(server);
    const expired = await numberingWithDevice(shop, { validFrom: "2024-01-01", validUntil: "2025-06-30" });
    expectApiError(
      await lease(shop, expired.deviceToken, { numberingId: expired.numberingId }),
      409,
      "NUMBERING_EXPIRED",
    );
    const inactive = await numberingWithDevice(shop, { name: "Inactiva", active: false });
    expectApiError(await lease(shop, inactive.deviceToken, { numberingId: inactive.numberingId }), 409);
    expect(await countRows(server, "number_blocks", shop.demo.companyId)).toBe(0);
  });

  it("an unknown numbering → 404; a bad body → 400", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop);
    expectApiError(await lease(shop, till.token, { numberingId: crypto.randomUUID() }), 404, "NOT_FOUND");
    expectApiError(await lease(shop, till.token, { numberingId: "pos" }), 400, "VALIDATION_FAILED");
    expectApiError(
      await lease(shop, till.token, { numberingId: shop.demo.numberings.pos, size: 0 }),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("numbers from a leased block are accepted on invoices of that device only", async () => {
    const shop = await newShop(server);
    const [a, b] = [await openTill(shop, { lease: 10 }), await openTill(shop, { lease: 10 })];
    expect(b.block?.rangeFrom).toBe(11);
    const results = await pushOk(a, [a.invoice({ number: 10 }), a.invoice({ number: 11 })]);
    expect(results.map((r) => r.outcome)).toEqual(["accepted", "rejected"]);
    expect(results[1].errors[0].code).toBe("NUMBER_NOT_LEASED");
  });

  // Regression (fixed): an admin can move nextNumber back below numbers already leased (numberingsResource check
  // only bounds it by the range), so the next lease hands out numbers a device already holds.
  it("moving a numbering's nextNumber back never makes a lease overlap an earlier one", async () => {
    const shop = await newShop(server);
    const till = await openTill(shop, { lease: 50 });
    await shop.http.patch(`/api/numberings/${shop.demo.numberings.pos}`, { nextNumber: 1 }, { token: shop.admin });
    const other = await openTill(shop, { lease: 10 });
    expect(other.block?.rangeFrom).toBeGreaterThan(till.block?.rangeTo ?? 0);
  });
});
