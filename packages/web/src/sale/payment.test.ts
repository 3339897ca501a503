import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as demo from "../testing/demoCatalog";
import {
  addPayment,
  cashDue,
  checkPayments,
  formatMoneyInput,
  initialPayments,
  invoicePayments,
  parseMoneyInput,
  quickCashAmounts,
  remainingToPay,
  removePayment,
  setCashReceived,
  setPaymentAmount,
  setPaymentMethod,
} from "./payment";

describe("payment step", () => {
  it("starts with the whole total in cash", () => {
    const payments = initialPayments(1_250_000, demo.paymentMethods);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ paymentMethodId: demo.cash.id, kind: "cash", amount: 1_250_000 });
    expect(checkPayments(1_250_000, payments)).toEqual({ ok: true, paid: 1_250_000, change: 0 });
  });

  it("gives change from cash received", () => {
    let payments = initialPayments(1_250_000, demo.paymentMethods);
    payments = setPaymentAmount(payments, payments[0]!.key, 2_000_000);
    expect(checkPayments(1_250_000, payments)).toEqual({ ok: true, paid: 2_000_000, change: 750_000 });
  });

  it("splits across methods: the new tender takes what is missing", () => {
    let payments = initialPayments(5_000_000, demo.paymentMethods);
    payments = setPaymentAmount(payments, payments[0]!.key, 2_000_000);
    expect(remainingToPay(5_000_000, payments)).toBe(3_000_000);
    payments = addPayment(payments, demo.debitCard, 5_000_000);
    expect(payments[1]).toMatchObject({ kind: "debit_card", amount: 3_000_000 });
    expect(checkPayments(5_000_000, payments)).toEqual({ ok: true, paid: 5_000_000, change: 0 });
    expect(invoicePayments(payments)).toEqual([
      { paymentMethodId: demo.cash.id, kind: "cash", amount: 2_000_000 },
      { paymentMethodId: demo.debitCard.id, kind: "debit_card", amount: 3_000_000 },
    ]);
  });

  it("refuses underpayment and change from a card", () => {
    let payments = initialPayments(1_000_000, demo.paymentMethods);
    payments = setPaymentAmount(payments, payments[0]!.key, 500_000);
    expect(checkPayments(1_000_000, payments)).toMatchObject({ ok: false, reason: "underpaid", missing: 500_000 });
    payments = setPaymentMethod(payments, payments[0]!.key, demo.debitCard);
    payments = setPaymentAmount(payments, payments[0]!.key, 1_500_000);
    expect(checkPayments(1_000_000, payments)).toMatchObject({ ok: false, reason: "change_without_cash" });
  });

  it("ignores empty tenders and removes them", () => {
    let payments = addPayment(initialPayments(1_000, demo.paymentMethods), demo.debitCard, 1_000);
    expect(payments[1]?.amount).toBe(0);
    expect(invoicePayments(payments)).toHaveLength(1);
    payments = removePayment(payments, payments[1]!.key);
    expect(payments).toHaveLength(1);
  });

  it("reads amounts typed the Colombian way", () => {
    expect(parseMoneyInput("12.500")).toBe(1_250_000);
    expect(parseMoneyInput("$ 12.500")).toBe(1_250_000);
    expect(parseMoneyInput("12500")).toBe(1_250_000);
    expect(parseMoneyInput("12.500,5")).toBe(1_250_050);
    expect(parseMoneyInput("")).toBe(0);
    expect(parseMoneyInput("12,5,0")).toBeNull();
    expect(parseMoneyInput("abc")).toBeNull();
    expect(formatMoneyInput(1_250_000)).toBe("12.500");
    expect(formatMoneyInput(1_250_050)).toBe("12.500,50");
  });
});

describe("quick cash buttons", () => {
  it("$ 55.550: exact, then the next $ 1.000 … $ 100.000 a customer hands over", () => {
    expect(quickCashAmounts(5_555_000)).toEqual([5_555_000, 5_600_000, 6_000_000, 10_000_000]);
    // $ 12.300 → 12.300, 13.000, 14.000, 15.000, 20.000, 50.000, 100.000
    expect(quickCashAmounts(1_230_000)).toEqual([
      1_230_000, 1_300_000, 1_400_000, 1_500_000, 2_000_000, 5_000_000, 10_000_000,
    ]);
    // A round total is offered once.
    expect(quickCashAmounts(2_000_000)).toEqual([2_000_000, 5_000_000, 10_000_000]);
    expect(quickCashAmounts(0)).toEqual([]);
  });

  it("every amount covers the total, is a whole peso multiple of a bill or the exact total, increasing, no repeats", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500_000_000 }), (total) => {
        const amounts = quickCashAmounts(total);
        expect(amounts[0]).toBe(total);
        for (let i = 1; i < amounts.length; i++) {
          expect(amounts[i]).toBeGreaterThan(amounts[i - 1] as number);
          expect((amounts[i] as number) % 100_000).toBe(0);
        }
      }),
    );
  });

  it("counts only what cash must cover in a split, and sets the cash tender's amount", () => {
    let payments = initialPayments(5_000_000, demo.paymentMethods);
    payments = setPaymentAmount(payments, payments[0]!.key, 2_000_000);
    payments = addPayment(payments, demo.debitCard, 5_000_000);
    payments = setPaymentAmount(payments, payments[1]!.key, 1_000_000);
    expect(cashDue(5_000_000, payments)).toBe(4_000_000);
    payments = setCashReceived(payments, 5_000_000);
    expect(payments[0]).toMatchObject({ kind: "cash", amount: 5_000_000 });
    expect(checkPayments(5_000_000, payments)).toEqual({ ok: true, paid: 6_000_000, change: 1_000_000 });
  });
});
