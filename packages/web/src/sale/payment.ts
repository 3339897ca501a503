import {
  MAX_MINOR,
  MINOR_PER_UNIT,
  type Minor,
  type PaymentMethod,
  type PaymentSummary,
  summarizePayments,
} from "@mostrador/domain";

/** One tender on the payment step; for cash the amount is what the customer hands over ("Recibido"). */
export interface PaymentEntry {
  key: string;
  paymentMethodId: string;
  kind: PaymentMethod["kind"];
  amount: Minor;
}

let entryCounter = 0;
function entryKey(): string {
  entryCounter += 1;
  return `payment-${entryCounter}`;
}

export function paidSoFar(payments: readonly PaymentEntry[]): Minor {
  return payments.reduce((sum, p) => sum + p.amount, 0);
}

export function remainingToPay(total: Minor, payments: readonly PaymentEntry[]): Minor {
  return Math.max(0, total - paidSoFar(payments));
}

/** The payment step opens with the whole total on the first method (cash when the terminal has it). */
export function initialPayments(total: Minor, methods: readonly PaymentMethod[]): PaymentEntry[] {
  const first = methods.find((m) => m.kind === "cash") ?? methods[0];
  if (!first) return [];
  return [{ key: entryKey(), paymentMethodId: first.id, kind: first.kind, amount: total }];
}

/** Splitting: a new tender for what is still missing. */
export function addPayment(payments: readonly PaymentEntry[], method: PaymentMethod, total: Minor): PaymentEntry[] {
  return [
    ...payments,
    { key: entryKey(), paymentMethodId: method.id, kind: method.kind, amount: remainingToPay(total, payments) },
  ];
}

export function setPaymentAmount(payments: readonly PaymentEntry[], key: string, amount: Minor): PaymentEntry[] {
  const clamped = Math.min(MAX_MINOR, Math.max(0, Math.round(amount)));
  return payments.map((p) => (p.key === key ? { ...p, amount: clamped } : p));
}

export function setPaymentMethod(
  payments: readonly PaymentEntry[],
  key: string,
  method: PaymentMethod,
): PaymentEntry[] {
  return payments.map((p) => (p.key === key ? { ...p, paymentMethodId: method.id, kind: method.kind } : p));
}

export function removePayment(payments: readonly PaymentEntry[], key: string): PaymentEntry[] {
  return payments.filter((p) => p.key !== key);
}

/** Domain rules (covers the total, change only from cash), ignoring empty tenders. */
export function checkPayments(total: Minor, payments: readonly PaymentEntry[]): PaymentSummary {
  return summarizePayments(
    total,
    payments.filter((p) => p.amount > 0),
  );
}

/** What goes into the invoice: tenders with an amount, in the order entered. */
export function invoicePayments(payments: readonly PaymentEntry[]) {
  return payments
    .filter((p) => p.amount > 0)
    .map((p) => ({ paymentMethodId: p.paymentMethodId, kind: p.kind, amount: p.amount }));
}

/**
 * Reads an amount typed the Colombian way: "12.500", "$ 12.500", "12500", "12.500,50".
 * Dots group thousands, a comma starts centavos. Returns null when it is not an amount.
 */
export function parseMoneyInput(text: string): Minor | null {
  const cleaned = text.replace(/[$\s\u00a0]/g, "").replace(/^COP/i, "");
  if (cleaned === "") return 0;
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number((match[1] ?? "0").replace(/\./g, ""));
  const cents = Number((match[2] ?? "").padEnd(2, "0"));
  const minor = whole * MINOR_PER_UNIT + cents;
  return minor <= MAX_MINOR ? minor : null;
}

/** The amount as a cashier would type it back: "12.500" or "12.500,50". */
export function formatMoneyInput(minor: Minor): string {
  const whole = Math.floor(minor / MINOR_PER_UNIT);
  const cents = minor % MINOR_PER_UNIT;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return cents ? `${grouped},${String(cents).padStart(2, "0")}` : grouped;
}

/** Pesos the quick cash buttons round up to: the $ 1.000 coin and the COP bills up to $ 100.000. */
const QUICK_CASH_STEPS_PESOS = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000] as const;

/**
 * "Efectivo rápido": the exact total, then the total rounded up to the next $ 1.000, $ 2.000, $ 5.000 … $ 100.000
 * (what a customer typically hands over), each once and in increasing order. A total that is already a round
 * amount is offered once, as "exact".
 */
export function quickCashAmounts(total: Minor): Minor[] {
  if (total <= 0) return [];
  const amounts: Minor[] = [total];
  for (const pesos of QUICK_CASH_STEPS_PESOS) {
    const step = pesos * MINOR_PER_UNIT;
    const rounded = Math.ceil(total / step) * step;
    if (rounded <= MAX_MINOR && !amounts.includes(rounded)) amounts.push(rounded);
  }
  return amounts.sort((a, b) => a - b);
}

/** What the cash tender must cover: the total less what the other tenders (card, transfer) already pay. */
export function cashDue(total: Minor, payments: readonly PaymentEntry[]): Minor {
  const others = payments.filter((p) => p.kind !== "cash").reduce((sum, p) => sum + p.amount, 0);
  return Math.max(0, total - others);
}

/** A quick cash button: the first cash tender receives that amount (the buttons show only when there is one). */
export function setCashReceived(payments: readonly PaymentEntry[], amount: Minor): PaymentEntry[] {
  const cash = payments.find((p) => p.kind === "cash");
  return cash ? setPaymentAmount(payments, cash.key, amount) : [...payments];
}
