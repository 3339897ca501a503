import { describe, expect, it, vi } from "vitest";
import { demoLine } from "../src/testing/invoiceFactory";
import { countRows, newShop, openTill, pushOk, schemaHeader } from "./support/company";
import { expectApiError, type Json } from "./support/http";
import { codesOf, pushDocs, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/** A shop, a till with an "NC" block, and one synced sale of 3 items (2 × product 0, 1 × product 8). */
async function soldThree() {
  const shop = await newShop(server);
  const till = await withCreditNotes(shop, await openTill(shop));
  const invoice = till.invoice();
  expect((await pushOk(till, [invoice]))[0].outcome).toBe("accepted");
  return { shop, till, invoice };
}

describe("credit notes in POST /api/sync/push", () => {
  it("returns 1 of 3: accepted with its NC number; the invoice shows 'partially_returned', its detail the note, the pull both", async () => {
    const { shop, till, invoice } = await soldThree();
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [note] });
    const [r] = creditNoteResults;
    expect(r).toMatchObject({
      outcome: "accepted",
      duplicate: false,
      creditNote: { id: note.id, prefix: "NC", number: note.number, invoiceId: invoice.id, total: note.totals.total },
      invoice: { id: invoice.id, status: "accepted", returnStatus: "partially_returned", returnedQuantities: [1, 0] },
    });
    expect(note.totals.total).toBe(invoice.lines[0]?.unitPrice);

    const detail = await shop.http.get(`/api/invoices/${invoice.id}`, { token: shop.admin });
    expect(detail.body.creditNotes.map((c: Json) => [c.number, c.lines])).toEqual([
      [note.number, [{ invoiceLineIndex: 0, quantity: 1 }]],
    ]);
    const pull = await till.pull("cursor=0&invoiceCursor=0&limit=500");
    const changes = pull.body.changes as Json[];
    expect(changes.find((c) => c.entity === "creditNotes")?.data).toMatchObject({ id: note.id, number: note.number });
    expect(changes.find((c) => c.entity === "invoices" && c.id === invoice.id)?.data).toMatchObject({
      returnStatus: "partially_returned",
      returnedQuantities: [1, 0],
    });
    // The NC numbering's report counts the number used.
    const report = await shop.http.get(`/api/numberings/${shop.demo.numberings.creditNote}/report`, {
      token: shop.admin,
    });
    expect(report.body.totals).toMatchObject({ used: 1 });

    // The rest in a second note: "returned", and the two notes refund exactly what was paid.
    const rest = till.creditNote(
      invoice,
      [
        { invoiceLineIndex: 0, quantity: 1 },
        { invoiceLineIndex: 1, quantity: 1 },
      ],
      { returned: [1, 0] },
    );
    const [second] = (await pushDocs(shop, till, { creditNotes: [rest] })).creditNoteResults;
    expect(second.invoice).toMatchObject({ returnStatus: "returned", returnedQuantities: [2, 1] });
    expect(note.totals.total + rest.totals.total).toBe(invoice.totals.total);
  });

  it("exactly once: copies in a batch, a lost answer, the same revision with other content", async () => {
    const { shop, till, invoice } = await soldThree();
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 2 }]);
    const first = await pushDocs(shop, till, { creditNotes: [note, note] });
    expect(first.creditNoteResults.map((r) => [r.outcome, r.duplicate])).toEqual([
      ["accepted", false],
      ["accepted", false],
    ]);
    // The answer was lost: the same batch again, and with its invoice again too.
    const again = await pushDocs(shop, till, { invoices: [invoice], creditNotes: [note] });
    expect(again.results[0]).toMatchObject({ outcome: "accepted", duplicate: true });
    expect(again.creditNoteResults[0]).toMatchObject({
      outcome: "accepted",
      duplicate: true,
      invoice: { returnedQuantities: [2, 0] },
    });
    const changed = { ...note, reason: "Otro motivo" };
    expect(codesOf((await pushDocs(shop, till, { creditNotes: [changed] })).creditNoteResults[0])).toEqual([
      "REVISION_CONFLICT",
    ]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(1);
    const row = await server.db.query("SELECT returned_quantities FROM invoices WHERE company_id = $1 AND id = $2", [
      shop.demo.companyId,
      invoice.id,
    ]);
    expect(row[0]?.returned_quantities).toEqual([2, 0]);
  });

  it("RETURN_EXCEEDS_SOLD counts returns from other tills that reached the server first", async () => {
    const { shop, till, invoice } = await soldThree();
    const other = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2" }));
    // Caja 2 returns both units of line 0; Caja 1, offline, did not know and returns one more.
    expect(
      (
        await pushDocs(shop, other, {
          creditNotes: [other.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 2 }])],
        })
      ).creditNoteResults[0].outcome,
    ).toBe("accepted");
    const late = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const [r] = (await pushDocs(shop, till, { creditNotes: [late] })).creditNoteResults;
    expect(r).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "RETURN_EXCEEDS_SOLD", field: "lines.0.quantity" }],
    });
    expect(r.errors[0].messageEs).toContain("otras cajas");
    // More than was ever sold is refused before any lock is taken.
    const tooMany = till.creditNote(invoice, [{ invoiceLineIndex: 1, quantity: 2 }]);
    expect(codesOf((await pushDocs(shop, till, { creditNotes: [tooMany] })).creditNoteResults[0])).toEqual([
      "RETURN_EXCEEDS_SOLD",
    ]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(1);
  });

  it("two tills returning the last unit of a line at once: exactly one is accepted", async () => {
    const { shop, till, invoice } = await soldThree();
    const other = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2" }));
    const a = till.creditNote(invoice, [{ invoiceLineIndex: 1, quantity: 1 }]);
    const b = other.creditNote(invoice, [{ invoiceLineIndex: 1, quantity: 1 }]);
    const [ra, rb] = await Promise.all([
      pushDocs(shop, till, { creditNotes: [a] }),
      pushDocs(shop, other, { creditNotes: [b] }),
    ]);
    const outcomes = [ra.creditNoteResults[0], rb.creditNoteResults[0]];
    expect(outcomes.map((r) => r.outcome).sort()).toEqual(["accepted", "rejected"]);
    expect(codesOf(outcomes.find((r) => r.outcome === "rejected"))).toEqual(["RETURN_EXCEEDS_SOLD"]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(1);
  });

  it("INVOICE_NOT_FOUND for another company's invoice (and for a wrong invoice number)", async () => {
    const { shop, till } = await soldThree();
    const elsewhere = await soldThree();
    const [r] = (
      await pushDocs(shop, till, {
        creditNotes: [till.creditNote(elsewhere.invoice, [{ invoiceLineIndex: 0, quantity: 1 }])],
      })
    ).creditNoteResults;
    expect(r).toMatchObject({ outcome: "rejected", errors: [{ code: "INVOICE_NOT_FOUND", field: "invoiceId" }] });
    const mine = till.invoice();
    await pushOk(till, [mine]);
    const wrongNumber = till.creditNote(mine, [{ invoiceLineIndex: 0, quantity: 1 }], {
      overrides: { invoiceNumber: (mine.number as number) + 1000 },
    });
    expect(codesOf((await pushDocs(shop, till, { creditNotes: [wrongNumber] })).creditNoteResults[0])).toEqual([
      "INVOICE_NOT_FOUND",
    ]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(0);
  });

  it("numbers: NUMBER_NOT_LEASED outside the lease, NUMBER_ALREADY_USED, NUMBERING_NOT_FOUND for an invoice numbering", async () => {
    const { shop, till, invoice } = await soldThree();
    const pick = [{ invoiceLineIndex: 0, quantity: 1 }];
    const outside = till.creditNote(invoice, pick, { overrides: { number: till.creditNoteBlock.rangeTo + 1 } });
    const first = till.creditNote(invoice, pick);
    const reused = till.creditNote(invoice, pick, { overrides: { number: first.number } });
    const posNumbering = till.creditNote(invoice, pick, {
      overrides: { numberingId: shop.demo.numberings.pos, number: till.block?.rangeTo as number },
    });
    const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [outside, first, reused, posNumbering] });
    expect(creditNoteResults.map(codesOf)).toEqual([
      ["NUMBER_NOT_LEASED"],
      [],
      ["NUMBER_ALREADY_USED"],
      ["NUMBERING_NOT_FOUND"],
    ]);
    expect(creditNoteResults[0].errors[0]).toMatchObject({ field: "number" });
    // An invoice may not take a credit-note number either.
    const onNc = till.invoice({ numberingId: shop.demo.numberings.creditNote, number: till.creditNoteBlock.rangeTo });
    expect(codesOf((await pushOk(till, [onNc]))[0])).toEqual(["NUMBERING_NOT_FOUND"]);
  });

  it("what the cashier fixes: LINE_MISMATCH, TOTALS_MISMATCH, REFUND_MISMATCH, REFUND_METHOD_UNAVAILABLE, ISSUED_IN_FUTURE", async () => {
    const { shop, till, invoice } = await soldThree();
    const pick = [{ invoiceLineIndex: 0, quantity: 1 }];
    const base = till.creditNote(invoice, pick);
    const cheaper = till.creditNote({ ...invoice, lines: [demoLine(shop.demo, 0, 2, { unitPrice: 100 })] }, pick);
    const wrongTotal = till.creditNote(invoice, pick, { overrides: { totals: { ...base.totals, total: 1 } } });
    const shortRefund = till.creditNote(invoice, pick, {
      overrides: { refunds: [{ paymentMethodId: shop.demo.paymentMethods.cash, kind: "cash", amount: 1 }] },
    });
    const unknownMethod = till.creditNote(invoice, pick, {
      overrides: {
        refunds: [{ paymentMethodId: shop.demo.productIds[0] as string, kind: "cash", amount: base.totals.total }],
      },
    });
    const future = till.creditNote(invoice, pick, {
      overrides: { issuedAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const { creditNoteResults } = await pushDocs(shop, till, {
      creditNotes: [cheaper, wrongTotal, shortRefund, unknownMethod, future],
    });
    expect(creditNoteResults.map(codesOf)).toEqual([
      ["LINE_MISMATCH"],
      ["TOTALS_MISMATCH"],
      ["REFUND_MISMATCH"],
      ["REFUND_METHOD_UNAVAILABLE"],
      ["ISSUED_IN_FUTURE"],
    ]);
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(0);
    // "Editar" and resubmit: a new revision with the same number is accepted.
    const fixed = { ...wrongTotal, revision: 2, totals: base.totals };
    expect((await pushDocs(shop, till, { creditNotes: [fixed] })).creditNoteResults[0]).toMatchObject({
      outcome: "accepted",
      revision: 2,
    });
  });

  it("whose: DEVICE_MISMATCH for another device's note, CASHIER_NOT_ALLOWED for a user who never signed in there", async () => {
    const { shop, till, invoice } = await soldThree();
    const other = await withCreditNotes(shop, await openTill(shop, { terminal: "caja2" }));
    const pick = [{ invoiceLineIndex: 0, quantity: 1 }];
    const notMine = other.creditNote(invoice, pick);
    const stranger = till.creditNote(invoice, pick, { overrides: { cashierId: shop.demo.adminId } });
    const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [notMine, stranger] });
    expect(creditNoteResults.map(codesOf)).toEqual([["DEVICE_MISMATCH"], ["CASHIER_NOT_ALLOWED"]]);
  });

  it("INVOICE_VOIDED and INVOICE_NOT_ACCEPTED: nothing is returned from a voided invoice or one in error", async () => {
    const { shop, till, invoice } = await soldThree();
    const voided = await shop.http.post(`/api/invoices/${invoice.id}/void`, { reason: "Error" }, { token: shop.admin });
    expect(voided.status).toBe(200);
    const inError = till.invoice({ totals: { total: 1 } });
    expect((await pushOk(till, [inError]))[0].outcome).toBe("rejected");
    const { creditNoteResults } = await pushDocs(shop, till, {
      creditNotes: [
        till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]),
        till.creditNote(inError, [{ invoiceLineIndex: 0, quantity: 1 }]),
      ],
    });
    expect(creditNoteResults.map(codesOf)).toEqual([["INVOICE_VOIDED"], ["INVOICE_NOT_ACCEPTED"]]);
  });

  it("a malformed credit note is rejected alone (CREDIT_NOTE_INVALID, field named); the others go through", async () => {
    const { shop, till, invoice } = await soldThree();
    const good = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const twice = { ...good, id: good.id.replace(/.$/, "0"), lines: [good.lines[0], good.lines[0]] };
    const { creditNoteResults } = await pushDocs(shop, till, {
      creditNotes: [{ id: "x", revision: 1, lines: "no" }, twice, good],
    });
    expect(creditNoteResults[0]).toMatchObject({
      outcome: "rejected",
      id: "x",
      errors: [{ code: "CREDIT_NOTE_INVALID" }],
    });
    expect(creditNoteResults[1]).toMatchObject({
      outcome: "rejected",
      errors: [{ code: "CREDIT_NOTE_INVALID", field: "lines.1.invoiceLineIndex" }],
    });
    expect(creditNoteResults[2].outcome).toBe("accepted");
  });

  it("bad envelopes are 400 VALIDATION_FAILED and write nothing", async () => {
    const { shop, till, invoice } = await soldThree();
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    for (const body of [
      { invoices: [], creditNotes: "no" },
      { invoices: [], creditNotes: Array.from({ length: 201 }, () => note) },
      { invoices: [], voids: {} },
    ])
      expectApiError(
        await shop.http.post("/api/sync/push", body, { token: till.token, headers: schemaHeader }),
        400,
        "VALIDATION_FAILED",
      );
    // A user token is not a till's.
    expectApiError(
      await shop.http.post(
        "/api/sync/push",
        { invoices: [], creditNotes: [note] },
        { token: shop.admin, headers: schemaHeader },
      ),
      403,
      "FORBIDDEN",
    );
    expect(await countRows(server, "credit_notes", shop.demo.companyId)).toBe(0);
  });

  it("catalog: a terminal's numberings must be of the right kind; a credit-note numbering is never electronic", async () => {
    const shop = await newShop(server);
    const { http, admin, demo } = shop;
    const terminal = `/api/terminals/${demo.terminals.caja1}`;
    expect((await http.get(terminal, { token: admin })).body.creditNoteNumberingId).toBe(demo.numberings.creditNote);
    expectApiError(
      await http.patch(terminal, { creditNoteNumberingId: demo.numberings.pos }, { token: admin }),
      400,
      "VALIDATION_FAILED",
    );
    expectApiError(
      await http.patch(terminal, { numberingId: demo.numberings.creditNote }, { token: admin }),
      400,
      "VALIDATION_FAILED",
    );
    const nc = await http.get(`/api/numberings/${demo.numberings.creditNote}`, { token: admin });
    expect(nc.body).toMatchObject({ kind: "credit_note", prefix: "NC", electronic: false });
    expectApiError(
      await http.post(
        "/api/numberings",
        {
          name: "NC electrónica",
          prefix: "NCE",
          rangeFrom: 1,
          rangeTo: 10,
          validFrom: "2025-01-01",
          validUntil: "2027-12-31",
          electronic: true,
          kind: "credit_note",
        },
        { token: admin },
      ),
      400,
      "VALIDATION_FAILED",
    );
    expect((await http.patch(terminal, { creditNoteNumberingId: null }, { token: admin })).status).toBe(200);
  });

  it("credit-note numbers are leased like invoice numbers: numbers used by credit notes free the device's allowance", async () => {
    const shop = await newShop(server);
    const nc = shop.demo.numberings.creditNote;
    const patched = await shop.http.patch(`/api/numberings/${nc}`, { maxUnusedPerDevice: 2 }, { token: shop.admin });
    expect(patched.status).toBe(200);
    const till = await withCreditNotes(shop, await openTill(shop), { lease: 2 });
    const lease = () =>
      shop.http.post("/api/number-blocks/lease", { numberingId: nc }, { token: till.token, headers: schemaHeader });
    expectApiError(await lease(), 409, "LEASE_LIMIT_REACHED");
    const invoice = till.invoice();
    await pushOk(till, [invoice]);
    const first = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const second = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }], { returned: [1, 0] });
    expect(second.number).toBe(till.creditNoteBlock.rangeTo);
    const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [first, second] });
    expect(creditNoteResults.map((r) => r.outcome)).toEqual(["accepted", "accepted"]);
    const next = await lease();
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.rangeFrom).toBe(till.creditNoteBlock.rangeTo + 1);
  });

  it("releasing a terminal's numbers keeps those its credit notes used", async () => {
    const { shop, till, invoice } = await soldThree();
    const note = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    expect((await pushDocs(shop, till, { creditNotes: [note] })).creditNoteResults[0].outcome).toBe("accepted");
    const res = await shop.http.post(`/api/terminals/${till.terminalId}/release-numbers`, {}, { token: shop.admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const ncBlock = (res.body.blocks as Json[]).find((b) => b.blockId === till.creditNoteBlock.id);
    expect(ncBlock).toMatchObject({ from: note.number + 1, to: till.creditNoteBlock.rangeTo });
    const report = await shop.http.get(`/api/numberings/${shop.demo.numberings.creditNote}/report`, {
      token: shop.admin,
    });
    expect(report.body.totals).toMatchObject({ used: 1, released: till.creditNoteBlock.rangeTo - note.number });
  });
});
