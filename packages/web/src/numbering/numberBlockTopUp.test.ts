import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
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

  it("honours a block released from a number on", async () => {
    const store = openTestStore();
    await store.applyPullPage(demo.fullCatalogPage([{ ...demo.numberBlock(1, 1, 10), releasedFrom: 3 }]));
    expect(await store.numbersLeft(demo.posNumbering.id)).toBe(2);
    store.close();
  });
});
