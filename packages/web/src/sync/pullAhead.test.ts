import "fake-indexeddb/auto";
import type { PullResponse } from "@mostrador/domain";
import { afterEach, describe, expect, it } from "vitest";
import type { AnnouncedPull, PullOptions, PullQuery, ServerTransport } from "../api/serverTransport";
import type { DexieLocalStore } from "../storage/dexieLocalStore";
import { openTestStore } from "../storage/testDatabase";
import * as demo from "../testing/demoCatalog";
import { MinimalSyncEngine } from "./syncEngine";

let store: DexieLocalStore;
afterEach(() => store?.close());

/** Three pages; each answer announces `announce(page)` before its body is "read" (released by the test). */
function pagedServer(announce: (next: PullResponse) => AnnouncedPull) {
  const first = { ...demo.fullCatalogPage(), hasMore: true };
  const product = (n: number, version: number) =>
    demo.change("products", { ...demo.products[0]!, id: demo.fixtureId(150 + n), name: `P${n}`, version });
  const second = demo.pullPage([product(1, first.cursor + 1)], { cursor: first.cursor + 1, hasMore: true });
  const third = demo.pullPage([product(2, first.cursor + 2)], { cursor: first.cursor + 2 });
  const pages = [first, second, third];
  const asked: { cursor: number; aborted: () => boolean }[] = [];
  const bodies: (() => void)[] = [];
  const transport = {
    async pull(_token: string, query: PullQuery, options: PullOptions = {}) {
      asked.push({ cursor: query.cursor, aborted: () => options.signal?.aborted === true });
      const page = pages.find((p) => p.cursor > query.cursor) ?? demo.pullPage([], { cursor: query.cursor });
      // The headers arrive first; the body only when the test lets it.
      if (page.hasMore) options.onNextPull?.(announce(page));
      await new Promise<void>((resolve) => bodies.push(resolve));
      return page;
    },
  } as unknown as ServerTransport;
  return { transport, asked, bodies, pages };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5000) throw new Error("timed out");
    await pause();
  }
}

/** Lets the bodies arrive one by one until the pull ends. */
async function serve<T>(server: { bodies: (() => void)[] }, pulled: Promise<T>): Promise<T> {
  let done = false;
  void pulled.finally(() => {
    done = true;
  });
  while (!done) {
    server.bodies.shift()?.();
    await pause();
  }
  return pulled;
}

describe("the pull asks for the page its headers announce (NEXT_PULL_HEADER)", () => {
  it("asks for the next page before the current body is read, and applies every page once, in order", async () => {
    store = openTestStore();
    await store.setMeta("device", demo.device);
    const server = pagedServer((page) => ({ cursor: page.cursor, invoiceCursor: 0 }));
    const engine = new MinimalSyncEngine({ store, transport: server.transport });
    const pulled = engine.pullAll();
    await until(() => server.asked.length >= 2);
    // The first body is not read yet, and the second page is already asked for.
    expect(server.bodies).toHaveLength(2);
    expect(server.asked.map((a) => a.cursor)).toEqual([0, server.pages[0]!.cursor]);
    await serve(server, pulled);
    expect(await pulled).toMatchObject({ pages: 3, done: true });
    expect(server.asked.map((a) => a.cursor)).toEqual([0, server.pages[0]!.cursor, server.pages[1]!.cursor]);
    expect((await store.getCursors()).cursor).toBe(server.pages[2]!.cursor);
    const names = (await store.listProducts()).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["P1", "P2"]));
  });

  it("drops a page asked for with cursors the body does not confirm, and asks with the body's", async () => {
    store = openTestStore();
    await store.setMeta("device", demo.device);
    const server = pagedServer((page) => ({ cursor: page.cursor - 1, invoiceCursor: 0 })); // wrong
    const engine = new MinimalSyncEngine({ store, transport: server.transport });
    const pulled = engine.pullAll();
    await serve(server, pulled);
    expect(await pulled).toMatchObject({ pages: 3, done: true });
    const [, wrong, right] = server.asked;
    expect(wrong).toMatchObject({ cursor: server.pages[0]!.cursor - 1 });
    expect(wrong?.aborted()).toBe(true);
    expect(right).toMatchObject({ cursor: server.pages[0]!.cursor });
    expect((await store.getCursors()).cursor).toBe(server.pages[2]!.cursor);
  });
});
