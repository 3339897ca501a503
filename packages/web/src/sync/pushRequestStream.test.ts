import type { InvoiceDocument } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import type { PushRequestPlan } from "./pushPlan";
import { type PlannedPage, PushRequestStream } from "./pushRequestStream";

const request = (id: string): PushRequestPlan => ({
  clients: [],
  invoices: [{ id } as unknown as InvoiceDocument],
  shifts: [],
  creditNotes: [],
  voids: [],
});

/** A queue of pages read on demand; `reads` counts the reads started. */
function pages(...rest: PlannedPage[]) {
  const state = { reads: 0 };
  const readNext = async () => {
    state.reads += 1;
    const page = rest.shift();
    if (!page) throw new Error("read past the end");
    return page;
  };
  return { state, readNext };
}

async function drain(stream: PushRequestStream): Promise<string[]> {
  const ids: string[] = [];
  for (let plan = await stream.next(); plan; plan = await stream.next()) ids.push(plan.invoices[0]?.id ?? "");
  return ids;
}

describe("PushRequestStream", () => {
  it("hands out every request once, in the queue's order, across pages (one with nothing to send)", async () => {
    const { state, readNext } = pages(
      { plans: [request("c")], done: false },
      { plans: [], done: false },
      { plans: [request("d"), request("e")], done: true },
    );
    const stream = new PushRequestStream({ plans: [request("a"), request("b")], done: false }, readNext, 2);
    expect(stream.plannedInvoices).toBe(2);
    expect(await drain(stream)).toEqual(["a", "b", "c", "d", "e"]);
    expect(state.reads).toBe(3);
    expect(stream.complete).toBe(true);
    expect(stream.plannedInvoices).toBe(5);
  });

  it("reads the next page as soon as fewer requests than senders wait, before any sender asks for it", async () => {
    const { state, readNext } = pages({ plans: [request("c")], done: true });
    const stream = new PushRequestStream({ plans: [request("a"), request("b")], done: false }, readNext, 2);
    await stream.next(); // "a" handed out: only "b" waits
    expect(state.reads).toBe(1);
    await stream.next();
    expect((await stream.next())?.invoices[0]?.id).toBe("c");
    expect(state.reads).toBe(1); // one read at a time, never twice for the same page
  });

  it("a failed read fails the sender that needs its page, not the requests already planned", async () => {
    const stream = new PushRequestStream(
      { plans: [request("a")], done: false },
      () => Promise.reject(new Error("IndexedDB closed")),
      2,
    );
    expect((await stream.next())?.invoices[0]?.id).toBe("a");
    await expect(stream.next()).rejects.toThrow("IndexedDB closed");
    await expect(stream.next()).rejects.toThrow("IndexedDB closed");
  });

  it("of: requests planned already, nothing read", async () => {
    const stream = PushRequestStream.of([request("x")]);
    expect(stream.complete).toBe(true);
    expect(await drain(stream)).toEqual(["x"]);
  });
});
