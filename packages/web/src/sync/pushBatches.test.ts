import type { InvoiceDocument } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { PUSH_BATCH_MAX_BYTES, PUSH_BATCH_SIZE, splitIntoBatches } from "./syncEngine";

const doc = (i: number, notes = "") => ({ id: `id-${i}`, notes }) as unknown as InvoiceDocument;

describe("splitIntoBatches", () => {
  it("keeps every invoice, in order, at most PUSH_BATCH_SIZE per batch", () => {
    const docs = Array.from({ length: 250 }, (_, i) => doc(i));
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
