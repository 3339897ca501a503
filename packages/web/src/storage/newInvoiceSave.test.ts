import "fake-indexeddb/auto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import { sampleDraft } from "../testing/sampleInvoices";
import type { DexieLocalStore } from "./dexieLocalStore";
import type { LocalStoreError } from "./localStoreErrors";
import { openTestStore } from "./testDatabase";

const stores: DexieLocalStore[] = [];
function track(store: DexieLocalStore): DexieLocalStore {
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** Logs every request of the store's tables as it is issued ("→") and as it answers ("←"). */
function traceRequests(store: DexieLocalStore): string[] {
  const log: string[] = [];
  store.db.use({
    stack: "dbcore",
    name: "trace",
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          const traced =
            <A extends unknown[], R>(kind: string, call: (...args: A) => Promise<R>) =>
            (...args: A) => {
              log.push(`→ ${kind} ${name}`);
              return call(...args).then((result) => {
                log.push(`← ${kind} ${name}`);
                return result;
              });
            };
          return {
            ...table,
            get: traced("get", table.get.bind(table)),
            getMany: traced("getMany", table.getMany.bind(table)),
            query: traced("query", table.query.bind(table)),
            openCursor: traced("openCursor", table.openCursor.bind(table)),
            mutate: traced("mutate", table.mutate.bind(table)),
          };
        },
      };
    },
  });
  return log;
}

async function numbersIn(store: DexieLocalStore): Promise<number[]> {
  return (await store.db.invoices.toArray()).map((i) => i.number as number).sort((a, b) => a - b);
}

describe("Facturar's save in one round of requests (newInvoiceSave)", () => {
  it("writes the invoice before its reads answer once a save has seen the numbering, and not before", async () => {
    const store = track(openTestStore());
    const log = traceRequests(store);
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 100)]));
    const firstWrite = () => log.indexOf("→ mutate invoices");
    const firstAnswer = () => log.findIndex((line) => line.startsWith("←"));

    log.length = 0;
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(1);
    expect(firstAnswer()).toBeLessThan(firstWrite()); // the first save reads, then writes

    log.length = 0;
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(2);
    expect(firstWrite()).toBeGreaterThanOrEqual(0);
    expect(firstWrite()).toBeLessThan(firstAnswer()); // the next one: reads and writes requested together
    expect(await store.numbersLeft(demo.posNumbering.id)).toBe(98);
  });

  it("another tab's sales make the plan stale: that attempt is rolled back and the save reads first", async () => {
    const name = `tabs-${crypto.randomUUID()}`;
    const tabA = track(openTestStore(name));
    await tabA.applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 10)]));
    const tabB = track(openTestStore(name));
    expect((await tabA.saveNewInvoice(sampleDraft())).number).toBe(1);
    expect((await tabB.saveNewInvoice(sampleDraft())).number).toBe(2);
    expect((await tabB.saveNewInvoice(sampleDraft())).number).toBe(3);
    // Tab A's snapshot still says 2: its optimistic writes (block at 3, invoice 2) must not survive.
    const fourth = await tabA.saveNewInvoice(sampleDraft());
    expect(fourth.number).toBe(4);
    expect(await numbersIn(tabA)).toEqual([1, 2, 3, 4]);
    expect((await tabA.db.numberBlocks.get(demo.numberBlock(1, 1, 10).id))?.nextNumber).toBe(5);
    expect(await tabB.numbersLeft(demo.posNumbering.id)).toBe(6);
  });

  it("a block pulled meanwhile with lower numbers is used first, as the rule says", async () => {
    const store = track(openTestStore());
    await store.applyPullPage(demo.fullCatalogPage([demo.numberBlock(2, 100, 110)]));
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(100);
    await store.putNumberBlocks([demo.numberBlock(1, 1, 5)]);
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(1);
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(2);
  });

  it("a number given back by a release is not handed out from the stale snapshot", async () => {
    const store = track(openTestStore());
    const block = demo.numberBlock(1, 1, 10);
    await store.applyPullPage(demo.fullCatalogPage([block, demo.numberBlock(2, 20, 30)]));
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(1);
    await store.putNumberBlocks([{ ...block, releasedFrom: 2, version: 9 }]);
    expect((await store.saveNewInvoice(sampleDraft())).number).toBe(20);
  });

  it("any interleaving of two tabs' saves and pulled blocks gives each number once, lowest first", async () => {
    const step = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant("save" as const), tab: fc.constantFrom(0 as const, 1) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("block" as const),
          from: fc.integer({ min: 1, max: 4 }).map((n) => n * 10),
          size: fc.integer({ min: 1, max: 4 }),
        }),
      },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), async (rounds) => {
        const name = `prop-${crypto.randomUUID()}`;
        const tabs = [openTestStore(name), openTestStore(name)] as const;
        try {
          await tabs[0].applyPullPage(demo.fullCatalogPage([demo.numberBlock(1, 1, 3)]));
          const held = new Set([1, 2, 3]);
          let n = 0;
          for (const steps of rounds) {
            // The steps of a round run at once (sales in both tabs racing a pulled block).
            const outcomes = await Promise.all(
              steps.map(async (s) => {
                if (s.kind === "block") {
                  n += 1;
                  const from = s.from + n * 100;
                  for (let k = from; k < from + s.size; k++) held.add(k);
                  await tabs[0].putNumberBlocks([demo.numberBlock(10 + n, from, from + s.size - 1)]);
                  return null;
                }
                return tabs[s.tab]
                  .saveNewInvoice(sampleDraft())
                  .then((i) => i.number)
                  .catch((e: LocalStoreError) => e.code);
              }),
            );
            for (const o of outcomes) if (typeof o === "string") expect(o).toBe("NO_NUMBERS_LEFT");
          }
          const numbers = await numbersIn(tabs[0]);
          expect(new Set(numbers).size).toBe(numbers.length);
          for (const number of numbers) expect(held.has(number)).toBe(true);
          // Nothing skipped: a number left unused is only ever above every number used in its block.
          const blocks = await tabs[0].db.numberBlocks.toArray();
          for (const b of blocks) {
            const used = numbers.filter((x) => x >= b.rangeFrom && x <= b.rangeTo);
            expect(used).toEqual(Array.from({ length: used.length }, (_, i) => b.rangeFrom + i));
          }
        } finally {
          for (const tab of tabs) tab.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
