import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { countInvoicesByStatusInDb, invoicesWithStatuses, listInvoicesToPushPageInDb } from "./invoiceQueries";
import { LocalDatabase } from "./localDatabase";
import type { LocalInvoice } from "./localRecords";

/** Only what the queue reads: status, issuedAt, id, and the revisions that say whether something is unsent. */
function buildQueuedInvoice(
  id: string,
  issuedAt: string,
  status: LocalInvoice["status"] = "pending",
  answered = false,
) {
  return {
    id,
    status,
    issuedAt,
    serverRevision: answered ? 1 : 0,
    serverVersion: null,
    document: { id, issuedAt, revision: 1, shiftId: null },
  } as unknown as LocalInvoice;
}

let db: LocalDatabase;
afterEach(() => db?.close());

describe("the push queue, a page at a time", () => {
  it("pages through ties of the same instant exactly once, oldest first, skipping other statuses and answered rows", async () => {
    db = new LocalDatabase(`queue-${crypto.randomUUID()}`);
    const t = (s: number) => `2026-12-01T10:00:0${s}.000Z`;
    await db.invoices.bulkPut([
      buildQueuedInvoice("e", t(3)),
      buildQueuedInvoice("b", t(1)),
      buildQueuedInvoice("d", t(1)),
      buildQueuedInvoice("a", t(1)),
      buildQueuedInvoice("x", t(0), "synced"),
      buildQueuedInvoice("y", t(2), "error"),
      buildQueuedInvoice("c", t(2), "pending", true), // its revision already answered: read, not sent
      buildQueuedInvoice("f", t(4)),
    ]);
    const ids: string[][] = [];
    const nexts: (string | null)[] = [];
    let page = await listInvoicesToPushPageInDb(db, 2);
    for (;;) {
      ids.push(page.documents.map((d) => d.id));
      nexts.push(page.next?.id ?? null);
      if (!page.next) break;
      page = await listInvoicesToPushPageInDb(db, 2, page.next);
    }
    expect(ids).toEqual([["a", "b"], ["d"], ["e", "f"], []]);
    expect(nexts).toEqual(["b", "c", "f", null]);
    expect((await listInvoicesToPushPageInDb(db, 100)).documents.map((d) => d.id)).toEqual(["a", "b", "d", "e", "f"]);
  });

  it("an empty queue is one empty last page", async () => {
    db = new LocalDatabase(`queue-${crypto.randomUUID()}`);
    expect(await listInvoicesToPushPageInDb(db, 200)).toEqual({ documents: [], next: null });
  });
});

/**
 * The sync indicator's counts re-run after every write of an invoice (a live query): one status's count must be
 * IndexedDB's own count over the index, not a cursor over every invoice of that status. fake-indexeddb returns the
 * same rows either way, so the test watches which IndexedDB calls are made (f0e776d's inAnyRange walked a cursor:
 * only the upload benchmark saw it, at 1.1–7.7 s against 0.42 s).
 */
describe("reads by status: IndexedDB's own count and getAll, never a cursor", () => {
  function watchIndexedDbCalls() {
    const calls: string[] = [];
    const restore: (() => void)[] = [];
    for (const [owner, name] of [
      [IDBIndex.prototype, "IDBIndex"],
      [IDBObjectStore.prototype, "IDBObjectStore"],
    ] as const)
      for (const method of ["openCursor", "openKeyCursor", "count", "getAll", "getAllKeys"] as const) {
        const original = owner[method] as (...args: unknown[]) => unknown;
        (owner as unknown as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
          calls.push(`${name}.${method}`);
          return original.apply(this, args);
        };
        restore.push(() => {
          (owner as unknown as Record<string, unknown>)[method] = original;
        });
      }
    return {
      calls,
      stop: () => {
        for (const r of restore) r();
      },
    };
  }

  it("counts each status with one count call, reads statuses and the queue with getAll", async () => {
    db = new LocalDatabase(`counts-${crypto.randomUUID()}`);
    const t = (s: number) => `2026-12-01T10:00:0${s}.000Z`;
    await db.invoices.bulkPut([
      buildQueuedInvoice("p1", t(1)),
      buildQueuedInvoice("p2", t(2)),
      buildQueuedInvoice("s1", t(3), "synced"),
      buildQueuedInvoice("e1", t(4), "error"),
    ]);
    const watch = watchIndexedDbCalls();
    try {
      expect(await countInvoicesByStatusInDb(db)).toEqual({ pending: 2, synced: 1, error: 1, voided: 0 });
      expect(watch.calls).toEqual(Array(4).fill("IDBIndex.count"));
      watch.calls.length = 0;
      expect((await invoicesWithStatuses(db, ["pending", "error"])).map((i) => i.id)).toEqual(["p1", "p2", "e1"]);
      expect(watch.calls).toEqual(["IDBIndex.getAll", "IDBIndex.getAll"]);
      watch.calls.length = 0;
      expect((await listInvoicesToPushPageInDb(db, 200)).documents.map((d) => d.id)).toEqual(["p1", "p2"]);
      expect(watch.calls).toEqual(["IDBIndex.getAll"]);
    } finally {
      watch.stop();
    }
  });
});
