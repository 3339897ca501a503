import { describe, expect, it } from "vitest";
import {
  annulmentPicks,
  refundsByOriginalPayments,
  returnsWholeTicket,
  ticketAnnulmentRefusal,
} from "./ticketAnnulment";
import type { VoidableInvoice } from "./voidRules";

const cash = { paymentMethodId: "cash", kind: "cash" as const };
const card = { paymentMethodId: "card", kind: "debit_card" as const };

describe("annulling an electronic ticket with a whole-ticket note", () => {
  it("refunds what each method finally paid: the change comes back from cash", () => {
    expect(
      refundsByOriginalPayments(
        15_000,
        [
          { ...card, amount: 10_000 },
          { ...cash, amount: 10_000 },
        ],
        15_000,
      ),
    ).toEqual([
      { ...card, amount: 10_000 },
      { ...cash, amount: 5_000 },
    ]);
    // Cash that was all change refunds nothing; the same method twice is one refund.
    expect(
      refundsByOriginalPayments(
        10_000,
        [
          { ...card, amount: 6_000 },
          { ...cash, amount: 3_000 },
          { ...card, amount: 4_000 },
        ],
        10_000,
      ),
    ).toEqual([{ ...card, amount: 10_000 }]);
  });

  it("another total is shared in proportion and always sums to it", () => {
    const refunds = refundsByOriginalPayments(
      3,
      [
        { ...card, amount: 1 },
        { ...cash, amount: 2 },
      ],
      2,
    );
    expect(refunds.reduce((s, r) => s + r.amount, 0)).toBe(2);
    const big = refundsByOriginalPayments(
      9_000_000_000_000,
      [
        { ...card, amount: 3_000_000_000_001 },
        { ...cash, amount: 5_999_999_999_999 },
      ],
      8_999_999_999_999,
    );
    expect(big.reduce((s, r) => s + r.amount, 0)).toBe(8_999_999_999_999);
  });

  it("picks every line's quantity still to return; whole when every unit comes back", () => {
    const lines = [{ quantity: 2 }, { quantity: 1.5 }];
    expect(annulmentPicks(lines, [0, 0])).toEqual([
      { invoiceLineIndex: 0, quantity: 2 },
      { invoiceLineIndex: 1, quantity: 1.5 },
    ]);
    expect(returnsWholeTicket(lines, annulmentPicks(lines, [0, 0]))).toBe(true);
    expect(annulmentPicks(lines, [2, 0.5])).toEqual([{ invoiceLineIndex: 1, quantity: 1 }]);
    expect(returnsWholeTicket(lines, annulmentPicks(lines, [2, 0.5]))).toBe(false);
  });

  it("follows the rules of a void, the electronic document apart", () => {
    const ticket: VoidableInvoice = {
      status: "accepted",
      electronic: true,
      returnStatus: "none",
      shift: { openedAt: "2026-01-01T08:00:00Z", closedAt: null },
    };
    const at = "2026-01-01T10:00:00Z";
    expect(ticketAnnulmentRefusal(ticket, { role: "cashier", at })).toBeNull();
    expect(ticketAnnulmentRefusal(ticket, { role: "cashier", at: "2026-01-01T07:00:00Z" })).toBe("VOID_NOT_ALLOWED");
    expect(ticketAnnulmentRefusal({ ...ticket, returnStatus: "partially_returned" }, { role: "admin", at })).toBe(
      "INVOICE_HAS_RETURNS",
    );
    expect(ticketAnnulmentRefusal({ ...ticket, status: "voided" }, { role: "admin", at })).toBe("INVOICE_VOIDED");
    // Not electronic: voided, never annulled by a note.
    expect(ticketAnnulmentRefusal({ ...ticket, electronic: false }, { role: "admin", at })).toBe("VOID_NOT_ALLOWED");
  });
});
