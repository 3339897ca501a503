import {
  computeInvoiceTotals,
  computeLineTotals,
  type DiscountProblem,
  discountProblems,
  formatMoney,
  hasAmountDiscount,
  type InvoiceDocument,
  type InvoiceRejection,
  type InvoiceTotals,
  invoiceRejection,
  isInvoiceNumberingKind,
  localDate,
  summarizePayments,
  type TaxBreakdown,
  type TaxKind,
  WALK_IN_CLIENT_ID_NUMBER,
} from "@mostrador/domain";

/** The server's view of what an invoice refers to, loaded once per batch. */
export interface ValidationContext {
  now: Date;
  company: {
    maxOfflineAgeDays: number;
    clockSkewSeconds: number;
    identifiedClientThreshold: number | null;
    timeZone: string;
  };
  products: Map<string, { name: string; active: boolean }>;
  clients: Map<string, { name: string; active: boolean; idNumber: string }>;
  paymentMethods: Map<string, { name: string; active: boolean }>;
  taxes: Map<string, { kind: TaxKind; rateBp: number }>;
  terminals: Map<string, { active: boolean; paymentMethodIds: string[] }>;
  numberings: Map<
    string,
    {
      name: string;
      rangeFrom: number;
      rangeTo: number;
      validFrom: string;
      validUntil: string;
      electronic: boolean;
      nextNumber: number;
      /**
       * "invoice" or "dee_pos", "contingency" (tickets a DEE POS till sold offline), or "credit_note"
       * (an invoice may not take a credit-note number).
       */
      kind: string;
    }
  >;
  cashiers: Map<string, { active: boolean; role: string; terminalIds: string[] }>;
  /** Devices of this company → the terminal each is registered to. */
  devices: Map<string, string>;
  /** `deviceId#userId` for every user who signed in on a device. */
  signIns: Set<string>;
  /** Is this number leased to the device that made the invoice (issue 5's blocks)? */
  isNumberLeased: (doc: InvoiceDocument) => boolean;
  /**
   * numbering#number → the invoice that holds it: the database's accepted invoices, and the ones
   * accepted earlier in the same batch (validateInvoice adds them).
   */
  numbersTaken: Map<string, string>;
}

/** Something an auditor should see about an accepted invoice (not an error). */
export interface InvoiceNotice {
  code: "ZERO_PRICE" | "FULL_DISCOUNT";
  line: number;
}

export interface InvoiceVerdict {
  errors: InvoiceRejection[];
  /** Recomputed by the shared domain code: what the server stores (computed once per invoice). */
  totals: InvoiceTotals;
  notices: InvoiceNotice[];
  /** False when the invoice cannot be stored at all (a device the company does not have). */
  storable: boolean;
}

/** The one key of a used number. */
export const numberKey = (numberingId: string, number: number) => `${numberingId}#${number}`;

/**
 * Every reason the server refuses an invoice, all at once so the cashier fixes everything in one
 * edit. A valid invoice keeps its sold prices: the catalog's current price is never compared.
 * Who and where are checked against the device that made the invoice (for an invoice re-uploaded
 * from an export file by another till, that is not the uploader): its terminal, its lease, and
 * the users who signed in on it.
 */
export function validateInvoice(doc: InvoiceDocument, ctx: ValidationContext): InvoiceVerdict {
  const totals = computeInvoiceTotals(doc.lines);
  const deviceTerminal = ctx.devices.get(doc.deviceId);
  if (!deviceTerminal)
    return { errors: [invoiceRejection("DEVICE_MISMATCH", {}, "deviceId")], totals, notices: [], storable: false };
  const errors = [
    ...identityErrors(doc, deviceTerminal, ctx),
    ...lineErrors(doc, ctx),
    ...discountErrors(doc, totals),
    ...clientErrors(doc, totals, ctx),
    ...paymentAndTotalsErrors(doc, totals, ctx),
    ...dateErrors(doc, ctx),
    ...numberErrors(doc, ctx),
  ];
  if (errors.length === 0 && doc.number !== null) ctx.numbersTaken.set(numberKey(doc.numberingId, doc.number), doc.id);
  return { errors, totals, notices: noticesOf(doc), storable: true };
}

function identityErrors(doc: InvoiceDocument, deviceTerminal: string, ctx: ValidationContext): InvoiceRejection[] {
  const errors: InvoiceRejection[] = [];
  // The invoice must say where it was really made: the terminal of the device that made it.
  if (deviceTerminal !== doc.terminalId) errors.push(invoiceRejection("TERMINAL_MISMATCH", {}, "terminalId"));
  const terminal = ctx.terminals.get(doc.terminalId);
  if (!terminal?.active) errors.push(invoiceRejection("TERMINAL_DISABLED", {}, "terminalId"));
  const cashier = ctx.cashiers.get(doc.cashierId);
  const allowed =
    cashier?.active &&
    (cashier.role === "admin" || cashier.terminalIds.length === 0 || cashier.terminalIds.includes(doc.terminalId)) &&
    ctx.signIns.has(`${doc.deviceId}#${doc.cashierId}`);
  if (!allowed) errors.push(invoiceRejection("CASHIER_NOT_ALLOWED", {}, "cashierId"));
  return errors;
}

function lineErrors(doc: InvoiceDocument, ctx: ValidationContext): InvoiceRejection[] {
  const errors: InvoiceRejection[] = [];
  doc.lines.forEach((line, i) => {
    const p = ctx.products.get(line.productId);
    if (!p) errors.push(invoiceRejection("PRODUCT_NOT_FOUND", { name: line.description }, `lines.${i}.productId`));
    else if (!p.active) errors.push(invoiceRejection("PRODUCT_INACTIVE", { name: p.name }, `lines.${i}.productId`));
    const tax = ctx.taxes.get(line.taxId);
    if (!tax || tax.kind !== line.taxKind || tax.rateBp !== line.taxRateBp)
      errors.push(invoiceRejection("TAX_MISMATCH", { name: line.description }, `lines.${i}.taxId`));
  });
  return errors;
}

/**
 * Discounts by the domain's rule: a fixed discount fits its line; the ticket discount fits the sale,
 * is the percentage it says, and its spread over the lines is exactly the one the rule gives.
 */
function discountErrors(doc: InvoiceDocument, totals: InvoiceTotals): InvoiceRejection[] {
  return discountProblems(doc.lines, doc.ticketDiscount, totals.lines).map(discountRejection);
}

function discountRejection(problem: DiscountProblem): InvoiceRejection {
  switch (problem.kind) {
    case "line_discount_exceeds_line":
      return invoiceRejection(
        "DISCOUNT_EXCEEDS_AMOUNT",
        { discount: formatMoney(problem.discount), amount: formatMoney(problem.amount) },
        `lines.${problem.line}.discountAmount`,
      );
    case "ticket_discount_exceeds_sale":
      return invoiceRejection(
        "DISCOUNT_EXCEEDS_AMOUNT",
        { discount: formatMoney(problem.discount), amount: formatMoney(problem.amount) },
        "ticketDiscount.amount",
      );
    case "ticket_discount_amount":
      return invoiceRejection(
        "DISCOUNT_MISMATCH",
        { expected: formatMoney(problem.expected), got: formatMoney(problem.got) },
        "ticketDiscount.amount",
      );
    case "share_mismatch":
      return invoiceRejection(
        "DISCOUNT_MISMATCH",
        { expected: formatMoney(problem.expected), got: formatMoney(problem.got) },
        `lines.${problem.line}.ticketDiscountShare`,
      );
  }
}

function clientErrors(doc: InvoiceDocument, totals: InvoiceTotals, ctx: ValidationContext): InvoiceRejection[] {
  // A client the server knows is checked as the server knows it, even when the invoice also
  // carries it as "new" (a newClient with an existing id must not bypass the client's checks).
  const known = ctx.clients.get(doc.clientId);
  const client = known ?? (doc.newClient?.id === doc.clientId ? { ...doc.newClient, active: true } : undefined);
  if (!client) return [invoiceRejection("CLIENT_NOT_FOUND", {}, "clientId")];
  if (!client.active) return [invoiceRejection("CLIENT_INACTIVE", { name: client.name }, "clientId")];
  const threshold = ctx.company.identifiedClientThreshold;
  if (threshold !== null && totals.total > threshold && client.idNumber === WALK_IN_CLIENT_ID_NUMBER)
    return [invoiceRejection("CLIENT_IDENTIFICATION_REQUIRED", { threshold: formatMoney(threshold) }, "clientId")];
  return [];
}

const breakdownKey = (t: Pick<TaxBreakdown, "taxId" | "kind" | "rateBp" | "base" | "amount">) =>
  `${t.taxId}|${t.kind}|${t.rateBp}|${t.base}|${t.amount}`;
const sameBreakdown = (a: readonly TaxBreakdown[], b: readonly TaxBreakdown[]) =>
  a.length === b.length && a.map(breakdownKey).sort().join() === b.map(breakdownKey).sort().join();

function paymentAndTotalsErrors(doc: InvoiceDocument, totals: InvoiceTotals, ctx: ValidationContext) {
  const errors: InvoiceRejection[] = [];
  const terminal = ctx.terminals.get(doc.terminalId);
  doc.payments.forEach((pay, i) => {
    const m = ctx.paymentMethods.get(pay.paymentMethodId);
    const onTerminal = terminal?.paymentMethodIds.includes(pay.paymentMethodId) ?? false;
    if (!m?.active || !onTerminal)
      errors.push(
        invoiceRejection("PAYMENT_METHOD_UNAVAILABLE", { name: m?.name ?? "?" }, `payments.${i}.paymentMethodId`),
      );
  });
  const payment = summarizePayments(totals.total, doc.payments);
  if (!payment.ok) errors.push(invoiceRejection("PAYMENT_INSUFFICIENT", {}, "payments"));
  const t = doc.totals;
  const change = payment.ok ? payment.change : t.change;
  if (
    t.subtotal !== totals.subtotal ||
    t.discount !== totals.discount ||
    t.tax !== totals.tax ||
    t.total !== totals.total ||
    t.paid !== payment.paid ||
    t.change !== change ||
    !sameBreakdown(t.taxes, totals.taxes)
  )
    errors.push(
      invoiceRejection("TOTALS_MISMATCH", { expected: formatMoney(totals.total), got: formatMoney(t.total) }, "totals"),
    );
  return errors;
}

function dateErrors(doc: InvoiceDocument, ctx: ValidationContext): InvoiceRejection[] {
  const issued = new Date(doc.issuedAt).getTime();
  const now = ctx.now.getTime();
  if (issued > now + ctx.company.clockSkewSeconds * 1000) return [invoiceRejection("ISSUED_IN_FUTURE", {}, "issuedAt")];
  if (issued < now - ctx.company.maxOfflineAgeDays * 86_400_000)
    return [invoiceRejection("ISSUED_TOO_OLD", { days: ctx.company.maxOfflineAgeDays }, "issuedAt")];
  return [];
}

function numberErrors(doc: InvoiceDocument, ctx: ValidationContext): InvoiceRejection[] {
  const numbering = ctx.numberings.get(doc.numberingId);
  if (!numbering || !isInvoiceNumberingKind(numbering.kind))
    return [invoiceRejection("NUMBERING_NOT_FOUND", {}, "numberingId")];
  const errors: InvoiceRejection[] = [];
  const day = localDate(doc.issuedAt, ctx.company.timeZone);
  if (day < numbering.validFrom || day > numbering.validUntil)
    errors.push(invoiceRejection("NUMBERING_EXPIRED", { name: numbering.name, date: day }, "numberingId"));
  if (numbering.electronic) {
    // Electronic numbers are given by the server only: one brought by the till is refused.
    if (doc.number !== null)
      errors.push(
        invoiceRejection("INVOICE_INVALID", { detail: "electronic numbers are assigned by the server" }, "number"),
      );
    else if (numbering.nextNumber > numbering.rangeTo)
      errors.push(
        invoiceRejection("NUMBERING_RANGE_EXHAUSTED", { number: numbering.nextNumber, name: numbering.name }, "number"),
      );
    return errors;
  }
  if (doc.number === null)
    return [...errors, invoiceRejection("INVOICE_INVALID", { detail: "number is required" }, "number")];
  if (doc.number < numbering.rangeFrom || doc.number > numbering.rangeTo)
    errors.push(invoiceRejection("NUMBERING_RANGE_EXHAUSTED", { number: doc.number, name: numbering.name }, "number"));
  else if (!ctx.isNumberLeased(doc))
    errors.push(invoiceRejection("NUMBER_NOT_LEASED", { number: doc.number }, "number"));
  else {
    const holder = ctx.numbersTaken.get(numberKey(doc.numberingId, doc.number));
    if (holder && holder !== doc.id)
      errors.push(invoiceRejection("NUMBER_ALREADY_USED", { number: doc.number }, "number"));
  }
  return errors;
}

function noticesOf(doc: InvoiceDocument): InvoiceNotice[] {
  return doc.lines.flatMap((line, i): InvoiceNotice[] =>
    line.unitPrice === 0
      ? [{ code: "ZERO_PRICE", line: i }]
      : line.discountPercent >= 100 || (hasAmountDiscount(line) && computeLineTotals(line).total === 0)
        ? [{ code: "FULL_DISCOUNT", line: i }]
        : [],
  );
}
