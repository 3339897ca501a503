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
