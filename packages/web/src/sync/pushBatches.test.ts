import type {
  CreditNoteDocument,
  InvoiceDocument,
  InvoiceVoidDocument,
  NewClient,
  ShiftDocument,
} from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import {
  PUSH_BATCH_MAX_BYTES,
  PUSH_BATCH_SIZE,
  type PushRequestPlan,
  planPushRequests,
  pushBodyOf,
  splitIntoBatches,
} from "./syncEngine";

const doc = (i: number, notes = "") => ({ id: `id-${i}`, notes }) as unknown as InvoiceDocument;

describe("splitIntoBatches", () => {
  it("keeps every invoice, in order, at most PUSH_BATCH_SIZE per batch", () => {
    const docs = Array.from({ length: 2 * PUSH_BATCH_SIZE + 50 }, (_, i) => doc(i));
    const batches = splitIntoBatches(docs);
    expect(batches.map((b) => b.length)).toEqual([PUSH_BATCH_SIZE, PUSH_BATCH_SIZE, 50]);
    expect(batches.flat()).toEqual(docs);
  });

  it("closes a batch before its JSON would pass the byte limit (the server refuses bodies over 1 MB)", () => {
    const big = "x".repeat(100_000);
    const docs = Array.from({ length: 20 }, (_, i) => doc(i, big));
    const batches = splitIntoBatches(docs);
    for (const b of batches) expect(JSON.stringify(b).length).toBeLessThanOrEqual(PUSH_BATCH_MAX_BYTES + 1000);
    expect(batches.flat()).toEqual(docs);
    expect(batches.length).toBeGreaterThan(3);
  });
});

const shift = (i: number, note = "") => ({ id: `shift-${i}`, note }) as unknown as ShiftDocument;

describe("planPushRequests", () => {
  it("shifts ride in the same requests after the invoices, at most PUSH_BATCH_SIZE of each", () => {
    const docs = Array.from({ length: PUSH_BATCH_SIZE + 50 }, (_, i) => doc(i));
    const shifts = Array.from({ length: PUSH_BATCH_SIZE + 20 }, (_, i) => shift(i));
    const plans = planPushRequests(docs, shifts);
    expect(plans.map((p) => [p.invoices.length, p.shifts.length])).toEqual([
      [PUSH_BATCH_SIZE, 0],
      [50, PUSH_BATCH_SIZE],
      [0, 20],
    ]);
    expect(plans.flatMap((p) => p.shifts)).toEqual(shifts);
  });

  it("counts the shifts' JSON in the request's byte limit", () => {
    const big = "x".repeat(250_000);
    const plans = planPushRequests([doc(1, big), doc(2, big)], [shift(1, big), shift(2, big)]);
    for (const p of plans) expect(JSON.stringify(p).length).toBeLessThanOrEqual(PUSH_BATCH_MAX_BYTES + 1000);
    expect(plans.map((p) => [p.invoices.length, p.shifts.length])).toEqual([
      [2, 0],
      [0, 2],
    ]);
  });

  it("no shifts: no shifts in any request, and the body leaves the empty sections out", () => {
    const plans = planPushRequests([doc(1)], []);
    expect(plans).toEqual([{ clients: [], invoices: [doc(1)], shifts: [], creditNotes: [], voids: [] }]);
    expect(pushBodyOf(plans[0] as PushRequestPlan)).toEqual({ invoices: [doc(1)] });
  });

  it("credit notes and voids ride after the invoices and shifts, at most PUSH_BATCH_SIZE of each per request", () => {
    const notes = Array.from(
      { length: PUSH_BATCH_SIZE + 30 },
      (_, i) => ({ id: `note-${i}` }) as unknown as CreditNoteDocument,
    );
    const voids = [{ id: "void-1" } as unknown as InvoiceVoidDocument];
    const plans = planPushRequests([doc(1)], [shift(1)], notes, voids);
    expect(plans.map((p) => [p.invoices.length, p.shifts.length, p.creditNotes.length, p.voids.length])).toEqual([
      [1, 1, PUSH_BATCH_SIZE, 0],
      [0, 0, 30, 1],
    ]);
    expect(pushBodyOf(plans[1] as PushRequestPlan)).toEqual({
      invoices: [],
      creditNotes: notes.slice(PUSH_BATCH_SIZE),
      voids,
    });
  });

  it("clients made at the till go first, in the first request, before its invoices", () => {
    const clients = Array.from({ length: 3 }, (_, i) => ({ id: `client-${i}` }) as unknown as NewClient);
    const plans = planPushRequests([doc(1)], [], [], [], clients);
    expect(plans.map((p) => [p.clients.length, p.invoices.length])).toEqual([[3, 1]]);
    expect(Object.keys(pushBodyOf(plans[0] as PushRequestPlan))).toEqual(["clients", "invoices"]);
  });
});
