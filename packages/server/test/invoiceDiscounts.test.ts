import { applyTicketDiscount, computeInvoiceTotals, SCHEMA_VERSION_HEADER } from "@mostrador/domain";
import { describe, expect, it, vi } from "vitest";
import { demoLine } from "../src/testing/invoiceFactory";
import { newShop, openTill, pushOk } from "./support/company";
import { codesOf, pushDocs, withCreditNotes } from "./support/returns";
import { useTestServer } from "./support/testServer";

vi.mock("../src/auth/passwordHasher", () => import("./support/fastPasswordHasher"));

const server = useTestServer();

/** A till with an "NC" block and a sale with a $ 500 fixed discount on line 0 and 10 % off the ticket. */
async function discountedSale() {
  const shop = await newShop(server);
  const till = await withCreditNotes(shop, await openTill(shop));
  const lines = [
    demoLine(shop.demo, 0, 3, { discountAmount: 50_000 }),
    demoLine(shop.demo, 8, 2),
    demoLine(shop.demo, 5, 1, { discountPercent: 5 }),
  ];
  const applied = applyTicketDiscount(lines, { mode: "percent", percent: 10 });
  const invoice = till.invoice({
    lines: applied.lines,
    ...(applied.ticketDiscount ? { ticketDiscount: applied.ticketDiscount } : {}),
  });
  return { shop, till, lines, invoice };
}

describe("discounts in POST /api/sync/push", () => {
  it("a sale with a fixed line discount and a ticket discount is accepted with the totals the till computed", async () => {
    const { shop, till, lines, invoice } = await discountedSale();
    const before = computeInvoiceTotals(lines).total;
    expect(invoice.ticketDiscount?.amount).toBeGreaterThan(0);
    // Prices include tax: the total is the lines' amounts less exactly the ticket discount.
    expect(invoice.totals.total).toBe(before - (invoice.ticketDiscount?.amount ?? 0));
    const [result] = await pushOk(till, [invoice]);
    expect(result.outcome, JSON.stringify(result)).toBe("accepted");
    expect(result.invoice.total).toBe(invoice.totals.total);
    const detail = await shop.http.get(`/api/invoices/${invoice.id}`, { token: shop.admin });
    expect(detail.body.document.ticketDiscount).toEqual(invoice.ticketDiscount);
    expect(detail.body.document.lines[0].discountAmount).toBe(50_000);
    // The same invoice again is a duplicate, not a conflict: the optional fields compare as sent.
    const [again] = await pushOk(till, [invoice]);
    expect(again).toMatchObject({ outcome: "accepted", duplicate: true });
  });

  it("a tampered discount total is refused with the reason; an older till's sale (schema 1) still goes in", async () => {
    const { till, invoice } = await discountedSale();
    const tampered = { ...invoice, totals: { ...invoice.totals, discount: invoice.totals.discount + 100 } };
    const [bad] = await pushOk(till, [tampered]);
    expect(bad.outcome).toBe("rejected");
    expect(codesOf(bad)).toEqual(["TOTALS_MISMATCH"]);
    const noTicket = { ...invoice, id: till.invoice().id, ticketDiscount: undefined };
    const [unspread] = await pushOk(till, [noTicket]);
    expect(codesOf(unspread)).toContain("DISCOUNT_MISMATCH");
    expect(unspread.errors[0].messageEs).toMatch(/descuento al total no cuadra/);
    const old = await till.push([till.invoice()], { [SCHEMA_VERSION_HEADER]: "1" });
    expect(old.status).toBe(200);
    expect(old.body.results[0].outcome).toBe("accepted");
  });

  it("returns in parts get their prorated share of the discounts and refund exactly the invoice total", async () => {
    const { shop, till, invoice } = await discountedSale();
    expect((await pushOk(till, [invoice]))[0].outcome).toBe("accepted");
    const first = till.creditNote(invoice, [
      { invoiceLineIndex: 0, quantity: 1 },
      { invoiceLineIndex: 1, quantity: 1 },
    ]);
    expect(first.lines[0]?.soldQuantity).toBe(3);
    const second = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }], { returned: [1, 1, 0] });
    const last = till.creditNote(
      invoice,
      [
        { invoiceLineIndex: 0, quantity: 1 },
        { invoiceLineIndex: 1, quantity: 1 },
        { invoiceLineIndex: 2, quantity: 1 },
      ],
      { returned: [2, 1, 0] },
    );
    for (const note of [first, second, last]) {
      const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [note] });
      expect(creditNoteResults[0].outcome, JSON.stringify(creditNoteResults[0])).toBe("accepted");
    }
    expect(first.totals.total + second.totals.total + last.totals.total).toBe(invoice.totals.total);
  });

  it("a return that claims the whole line discount for a part, or another quantity sold, is refused", async () => {
    const { shop, till, invoice } = await discountedSale();
    expect((await pushOk(till, [invoice]))[0].outcome).toBe("accepted");
    const honest = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    // Computed as if the unit sold alone had the whole line's discounts: the server's figure differs.
    const greedyTotals = computeInvoiceTotals([{ ...(invoice.lines[0] as (typeof invoice.lines)[0]), quantity: 1 }]);
    const greedy = {
      ...honest,
      totals: { ...honest.totals, total: greedyTotals.total },
      refunds: [{ ...(honest.refunds[0] as (typeof honest.refunds)[0]), amount: greedyTotals.total }],
    };
    const soldOther = till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]);
    const wrongSold = { ...soldOther, lines: soldOther.lines.map((l) => ({ ...l, soldQuantity: 1 })) };
    const { soldQuantity: _, ...withoutSold } = honest.lines[0] as (typeof honest.lines)[0];
    const unsold = { ...till.creditNote(invoice, [{ invoiceLineIndex: 0, quantity: 1 }]), lines: [withoutSold] };
    const { creditNoteResults } = await pushDocs(shop, till, { creditNotes: [greedy, wrongSold, unsold] });
    expect(codesOf(creditNoteResults[0])).toContain("TOTALS_MISMATCH");
    expect(codesOf(creditNoteResults[1])).toContain("LINE_MISMATCH");
    expect(creditNoteResults[2].outcome).toBe("rejected");
    expect(JSON.stringify(creditNoteResults[2].errors)).toContain("soldQuantity");
  });
});
