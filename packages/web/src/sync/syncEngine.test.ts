import "fake-indexeddb/auto";
import type { PullResponse, PushRequest, PushResponse, PushResult } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerTransport } from "../api/serverTransport";
import { TransportError } from "../api/transportErrors";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import { acceptedAsSent } from "../testing/syncedSale";
import { MinimalSyncEngine, PUSH_BATCH_SIZE } from "./syncEngine";

/** A server stand-in: serves pull pages from a list and answers pushes with `decide`. */
function fakeTransport(pages: PullResponse[], decide: (doc: PushRequest["invoices"][number]) => PushResult["outcome"]) {
  const pushes: PushRequest[] = [];
  const pullCursors: number[] = [];
  const transport = {
    async pull(_token: string, query: { cursor: number }) {
      pullCursors.push(query.cursor);
      const page = pages.find((p) => p.cursor > query.cursor) ?? demo.pullPage([], { cursor: query.cursor });
      return page;
    },
    async push(_token: string, request: PushRequest): Promise<PushResponse> {
      pushes.push(request);
      const results = request.invoices.map((doc): PushResult => {
        const outcome = decide(doc);
        if (outcome === "retry") return { outcome, id: doc.id, revision: doc.revision, reason: "later" };
        if (outcome === "rejected") {
          return {
            outcome,
            id: doc.id,
            revision: doc.revision,
            errors: [{ code: "PRODUCT_INACTIVE", message: "inactive", messageEs: "inactivo" }],
          };
        }
        return acceptedAsSent(doc);
      });
      return { results, serverTime: new Date().toISOString() };
    },
  } as unknown as ServerTransport;
  return { transport, pushes, pullCursors };
}

let store: DexieLocalStore;
afterEach(() => store?.close());

async function readyStore(blockSize = 1000) {
  store = openTestStore();
  await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, blockSize)]));
  await store.setMeta("device", demo.device);
  return store;
}

describe("MinimalSyncEngine", () => {
  it("pulls every page with progress and stores the cursor", async () => {
    store = openTestStore();
    await store.setMeta("device", demo.device);
    const first = { ...demo.fullCatalogPage(), hasMore: true, remaining: { products: 6 } };
    const second = demo.pullPage(
      [demo.change("products", { ...demo.products[0]!, id: demo.fixtureId(150), name: "Pan" })],
      { cursor: first.cursor + 10 },
    );
    const { transport, pullCursors } = fakeTransport([first, second], () => "accepted");
    const engine = new MinimalSyncEngine({ store, transport });
    const seen: number[] = [];
    const progress = await engine.pullAll({
      counts: true,
      onProgress: (p) => seen.push(p.loadedByEntity.products ?? 0),
    });
    expect(progress).toMatchObject({ pages: 2, done: true, totalByEntity: { products: 6 } });
    expect(seen).toEqual([4, 5]);
    expect(pullCursors).toEqual([0, first.cursor]);
    expect((await store.getCursors()).cursor).toBe(second.cursor);
  });

  it("pushes in batches of PUSH_BATCH_SIZE and applies each invoice's result", async () => {
    await readyStore();
    const saved = [];
    for (let i = 0; i < 2 * PUSH_BATCH_SIZE + 30; i++) saved.push(await store.saveNewInvoice(sampleDraft()));
    const rejectedId = saved[5]!.id;
    const retryId = saved[PUSH_BATCH_SIZE + 50]!.id;
    const { transport, pushes } = fakeTransport([], (doc) =>
      doc.id === rejectedId ? "rejected" : doc.id === retryId ? "retry" : "accepted",
    );
    const engine = new MinimalSyncEngine({ store, transport });
    const outcome = await engine.syncNow();
    expect(outcome.ok).toBe(true);
    expect(outcome.push).toEqual({ synced: 2 * PUSH_BATCH_SIZE + 28, rejected: 1, retry: 1, ignored: 0 });
    expect(pushes.map((p) => p.invoices.length)).toEqual([PUSH_BATCH_SIZE, PUSH_BATCH_SIZE, 30]);
    expect(await store.countInvoicesByStatus()).toEqual({
      pending: 1,
      synced: 2 * PUSH_BATCH_SIZE + 28,
      error: 1,
      voided: 0,
    });
    expect(engine.getState()).toMatchObject({ running: false, phase: "idle", lastFailure: null });
    expect(engine.getState().lastSyncAt).not.toBeNull();
  });

  it("leaves invoices pending when the server cannot be reached", async () => {
    await readyStore();
    await store.saveNewInvoice(sampleDraft());
    const transport = {
      push: async () => {
        throw new TransportError("network", "offline");
      },
    } as unknown as ServerTransport;
    const engine = new MinimalSyncEngine({ store, transport });
    const outcome = await engine.syncNow();
    expect(outcome).toMatchObject({ ok: false, failure: { kind: "network" } });
    expect((await store.countInvoicesByStatus()).pending).toBe(1);
  });

  it("shares one running sync between concurrent calls", async () => {
    await readyStore();
    await store.saveNewInvoice(sampleDraft());
    const { transport, pushes } = fakeTransport([], () => "accepted");
    const engine = new MinimalSyncEngine({ store, transport });
    await Promise.all([engine.syncNow(), engine.syncNow(), engine.syncNow()]);
    expect(pushes).toHaveLength(1);
  });

  it("sends the queue's first page while it reads the next: every invoice once, oldest first, progress within 100 %", async () => {
    await readyStore();
    const saved: { id: string; issuedAt: string }[] = [];
    for (let i = 0; i < 2 * PUSH_BATCH_SIZE + 30; i++) saved.push(await store.saveNewInvoice(sampleDraft()));
    // The queue's order: issuedAt, then id (sales of the same millisecond).
    const ids = saved
      .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((i) => i.id);
    const { transport, pushes } = fakeTransport([], () => "accepted");
    const events: string[] = [];
    const readPage = store.listInvoicesToPushPage.bind(store);
    store.listInvoicesToPushPage = async (size, after) => {
      events.push("read");
      const page = await readPage(size, after);
      events.push("read done");
      return page;
    };
    const push = transport.push.bind(transport);
    transport.push = (token, request) => {
      events.push("push");
      return push(token, request);
    };
    const engine = new MinimalSyncEngine({ store, transport });
    const percents: number[] = [];
    engine.subscribe((state) => {
      if (state.phase === "pushing") percents.push(Math.floor((state.pushed / state.toPush) * 100));
    });
    expect((await engine.syncNow()).push).toEqual({ synced: ids.length, rejected: 0, retry: 0, ignored: 0 });
    // Page 1 read, then its request leaves before page 2's read has finished.
    expect(events.slice(0, 2)).toEqual(["read", "read done"]);
    expect(events.indexOf("push")).toBeLessThan(events.indexOf("read done", 2));
    expect(pushes.flatMap((p) => p.invoices.map((d) => d.id))).toEqual(ids);
    expect(percents.every((p) => p >= 0 && p <= 100)).toBe(true);
    expect(percents.at(-1)).toBe(100);
  });
});
