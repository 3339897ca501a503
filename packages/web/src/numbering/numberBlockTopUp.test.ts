import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { TransportError } from "../api/transportErrors";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { topUpNumberBlocks } from "./numberBlockTopUp";

describe("topUpNumberBlocks", () => {
  it("leases a block when the device runs low, and not otherwise", async () => {
    const store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 3)]));
    await store.setMeta("device", demo.device);
    const leaseNumberBlock = vi.fn(async () => ({
      id: demo.fixtureId(300),
      numberingId: demo.posNumbering.id,
      deviceId: demo.fixtureId(301),
      rangeFrom: 101,
      rangeTo: 200,
      releasedFrom: null,
      leasedAt: "2026-01-01T12:00:00.000Z",
      releasedAt: null,
      version: 9,
    }));
    expect(await topUpNumberBlocks(store, { leaseNumberBlock }, 20)).toBe(103);
    expect(await topUpNumberBlocks(store, { leaseNumberBlock }, 20)).toBe(103);
    expect(leaseNumberBlock).toHaveBeenCalledTimes(1);
    const numbers = [];
    for (let i = 0; i < 4; i++) numbers.push((await store.saveNewInvoice(sampleDraft())).number);
    expect(numbers).toEqual([1, 2, 3, 101]);
    store.close();
  });

  it("on 429 or 409 LEASE_LIMIT_REACHED keeps selling with what it has and asks again only later", async () => {
    const store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 3)]));
    await store.setMeta("device", { ...demo.device, deviceId: demo.fixtureId(301) });
    let clock = 1_000_000;
    const answers = [
      new TransportError("client", "too many number block requests", {
        status: 429,
        code: "RATE_LIMITED",
        retryAfterMs: 10_000,
      }),
      new TransportError("client", "this device already holds 200 unused numbers", {
        status: 409,
        code: "LEASE_LIMIT_REACHED",
      }),
    ];
    const leaseNumberBlock = vi.fn(async () => {
      const answer = answers.shift();
      if (answer) throw answer;
      return {
        id: demo.fixtureId(302),
        numberingId: demo.posNumbering.id,
        deviceId: "device-1",
        rangeFrom: 101,
        rangeTo: 200,
        releasedFrom: null,
        leasedAt: new Date(clock).toISOString(),
        releasedAt: null,
        version: 9,
      };
    });
    const topUp = () => topUpNumberBlocks(store, { leaseNumberBlock }, 20, () => clock);
    expect(await topUp()).toBe(3);
    expect(await topUp()).toBe(3); // within Retry-After: no call
    expect(leaseNumberBlock).toHaveBeenCalledTimes(1);
    clock += 10_000;
    expect(await topUp()).toBe(3); // 409: holds enough in the server's eyes
    clock += 20_000;
    expect(await topUp()).toBe(3);
    expect(leaseNumberBlock).toHaveBeenCalledTimes(2);
    clock += 10_000;
    expect(await topUp()).toBe(103);
    expect(leaseNumberBlock).toHaveBeenCalledTimes(3);
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(1);
    store.close();
  });

  it("other failures still reach the caller (first load shows them)", async () => {
    const store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 3)]));
    await store.setMeta("device", { ...demo.device, deviceId: demo.fixtureId(303) });
    const leaseNumberBlock = vi.fn(async () => {
      throw new TransportError("client", "numbering expired", { status: 409, code: "NUMBERING_EXPIRED" });
    });
    await expect(topUpNumberBlocks(store, { leaseNumberBlock }, 20)).rejects.toThrow("numbering expired");
    store.close();
  });

  it("honours a block released from a number on", async () => {
    const store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([{ ...demo.numberBlock(1, 1, 10), releasedFrom: 3 }]));
    expect(await store.numbersLeft(demo.posNumbering.id)).toBe(2);
    store.close();
  });
});

describe("topUpNumberBlocks on a DEE POS till (issue 19's contingency)", () => {
  const contingency = {
    ...demo.posNumbering,
    id: demo.fixtureId(54),
    name: "Contingencia",
    prefix: "CONT",
    kind: "contingency" as const,
    dianAuthorization: "18760000002",
  };
  const deePos = {
    ...demo.feNumbering,
    kind: "dee_pos" as const,
    dianAuthorization: "18760000001",
    contingencyNumberingId: contingency.id,
  };
  const block = {
    id: demo.fixtureId(310),
    numberingId: contingency.id,
    deviceId: demo.device.deviceId,
    rangeFrom: 1,
    rangeTo: 50,
    releasedFrom: null,
    leasedAt: "2026-01-01T12:00:00.000Z",
    releasedAt: null,
    version: 9,
  };

  async function deePosTill(blockOffline: boolean) {
    const store = openTestStore();
    const page = demo.fullCatalogPage([]);
    await store.applyPullPage({
      ...page,
      changes: [
        ...page.changes,
        { entity: "numberings", id: contingency.id, version: 50, data: contingency },
        { entity: "numberings", id: deePos.id, version: 51, data: deePos },
        {
          entity: "terminals",
          id: demo.caja1.id,
          version: 52,
          data: { ...demo.caja1, numberingId: deePos.id, blockOfflineElectronic: blockOffline },
        },
      ],
    });
    await store.setMeta("device", demo.device);
    return store;
  }

  it("leases the contingency numbering (never the server-numbered DEE POS one)", async () => {
    const store = await deePosTill(false);
    const leaseNumberBlock = vi.fn(async () => block);
    expect(await topUpNumberBlocks(store, { leaseNumberBlock }, 20)).toBeNull();
    expect(leaseNumberBlock).toHaveBeenCalledTimes(1);
    expect(leaseNumberBlock).toHaveBeenCalledWith(demo.device.deviceToken, { numberingId: contingency.id });
    expect(await store.numbersLeft(contingency.id)).toBe(50);
    store.close();
  });

  it("leases nothing when the terminal blocks offline invoicing on electronic numberings", async () => {
    const store = await deePosTill(true);
    const leaseNumberBlock = vi.fn(async () => block);
    await topUpNumberBlocks(store, { leaseNumberBlock }, 20);
    expect(leaseNumberBlock).not.toHaveBeenCalled();
    store.close();
  });
});
