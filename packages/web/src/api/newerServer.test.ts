import { uuidv7 } from "@mostrador/domain";
import { describe, expect, it } from "vitest";
import { FetchServerTransport } from "./fetchServerTransport";

const answering = (body: unknown) =>
  new FetchServerTransport({
    fetch: async () =>
      new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } }),
  });

describe("answers of a newer server (the till one release behind)", () => {
  it("an unknown rejection code is read as INVOICE_INVALID with the server's messages; the batch's other results stand", async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const summary = {
      id: a,
      revision: 1,
      number: 7,
      prefix: "POS",
      numberingId: crypto.randomUUID(),
      status: "accepted",
      terminalId: crypto.randomUUID(),
      deviceId: crypto.randomUUID(),
      cashierId: crypto.randomUUID(),
      clientId: crypto.randomUUID(),
      total: 1000,
      issuedAt: "2026-12-01T10:00:00.000Z",
      receivedAt: "2026-12-01T10:00:01.000Z",
      errors: [],
      version: 3,
    };
    const newCode = {
      code: "SHIFT_CLOSED",
      field: "shiftId",
      message: "The shift is closed.",
      messageEs: "El turno está cerrado.",
    };
    const answer = await answering({
      results: [
        { outcome: "accepted", id: a, revision: 1, duplicate: false, invoice: summary },
        { outcome: "rejected", id: b, revision: 1, errors: [newCode] },
      ],
      serverTime: "2026-12-01T10:00:01.000Z",
    }).push("token", { invoices: [{} as never, {} as never] });
    expect(answer.results[0]).toMatchObject({ outcome: "accepted", id: a });
    expect(answer.results[1]).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "INVOICE_INVALID", field: "shiftId", messageEs: "El turno está cerrado." }],
    });
  });

  it("pull rows of an entity this till does not know are skipped, the rest applied", async () => {
    const page = await answering({
      cursor: 9,
      invoiceCursor: 0,
      hasMore: false,
      reset: false,
      changes: [
        { entity: "giftCards", id: "g1", version: 8, data: { total: 100 } },
        { entity: "taxes", id: "t1", version: 9, data: { name: "IVA 19 %" } },
      ],
      remaining: { giftCards: 1, taxes: 0 },
      serverTime: "2026-12-01T10:00:01.000Z",
    }).pull("token", { cursor: 0, invoiceCursor: 0, limit: 100, counts: true });
    expect(page.changes.map((c) => c.entity)).toEqual(["taxes"]);
    expect(page.remaining).toEqual({ taxes: 0 });
  });
});
