import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { listInvoicesToPushPageInDb } from "./invoiceQueries";
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
