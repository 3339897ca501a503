import {
  computeInvoiceTotals,
  formatMoney,
  type InvoiceDocument,
  type InvoiceRejection,
  invoiceRejection,
  localDate,
  summarizePayments,
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
    }
  >;
  cashiers: Map<string, { active: boolean; role: string; terminalIds: string[] }>;
  /** Devices of this company → the terminal each is registered to. */
  devices: Map<string, string>;
  /** Is this number leased to the device (issue 5's blocks)? */
  isNumberLeased: (doc: InvoiceDocument) => boolean;
}

/**
 * Every reason the server refuses an invoice, all at once so the cashier fixes
 * everything in one edit. A valid invoice keeps its sold prices: the catalog's
 * current price is never compared.
 */
export function validateInvoice(doc: InvoiceDocument, ctx: ValidationContext): InvoiceRejection[] {
  const errors: InvoiceRejection[] = [];
  const deviceTerminal = ctx.devices.get(doc.deviceId);
  if (!deviceTerminal) {
    // Nothing else can be checked or stored for a device the company does not have.
    return [invoiceRejection("INVOICE_INVALID", { detail: "unknown device" }, "deviceId")];
  }
  // Another device of the company may upload it (an imported export file), but the invoice
  // must say where it was really made: the terminal of the device whose number it carries.
  if (deviceTerminal !== doc.terminalId)
    return [invoiceRejection("INVOICE_INVALID", { detail: "the device is not on that terminal" }, "terminalId")];

  const terminal = ctx.terminals.get(doc.terminalId);
  if (!terminal?.active) errors.push(invoiceRejection("TERMINAL_DISABLED", {}, "terminalId"));

  const cashier = ctx.cashiers.get(doc.cashierId);
  const allowed =
    cashier?.active &&
    (cashier.role === "admin" || cashier.terminalIds.length === 0 || cashier.terminalIds.includes(doc.terminalId));
  if (!allowed) errors.push(invoiceRejection("CASHIER_NOT_ALLOWED", {}, "cashierId"));

  doc.lines.forEach((line, i) => {
    const p = ctx.products.get(line.productId);
    if (!p) errors.push(invoiceRejection("PRODUCT_NOT_FOUND", { name: line.description }, `lines.${i}.productId`));
    else if (!p.active) errors.push(invoiceRejection("PRODUCT_INACTIVE", { name: p.name }, `lines.${i}.productId`));
  });

  const client =
    doc.newClient?.id === doc.clientId ? { ...doc.newClient, active: true } : ctx.clients.get(doc.clientId);
  if (!client) errors.push(invoiceRejection("CLIENT_NOT_FOUND", {}, "clientId"));
  else if (!client.active) errors.push(invoiceRejection("CLIENT_INACTIVE", { name: client.name }, "clientId"));

  const totals = computeInvoiceTotals(doc.lines);
  const threshold = ctx.company.identifiedClientThreshold;
  if (client && threshold !== null && totals.total > threshold && client.idNumber === WALK_IN_CLIENT_ID_NUMBER)
    errors.push(invoiceRejection("CLIENT_IDENTIFICATION_REQUIRED", { threshold: formatMoney(threshold) }, "clientId"));

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
  const paid = payment.paid;
  const change = payment.ok ? payment.change : t.change;
  if (
    t.subtotal !== totals.subtotal ||
    t.discount !== totals.discount ||
    t.tax !== totals.tax ||
    t.total !== totals.total ||
    t.paid !== paid ||
    t.change !== change
  )
    errors.push(
      invoiceRejection("TOTALS_MISMATCH", { expected: formatMoney(totals.total), got: formatMoney(t.total) }, "totals"),
    );

  const issued = new Date(doc.issuedAt).getTime();
  const now = ctx.now.getTime();
  if (issued > now + ctx.company.clockSkewSeconds * 1000)
    errors.push(invoiceRejection("ISSUED_IN_FUTURE", {}, "issuedAt"));
  else if (issued < now - ctx.company.maxOfflineAgeDays * 86_400_000)
    errors.push(invoiceRejection("ISSUED_TOO_OLD", { days: ctx.company.maxOfflineAgeDays }, "issuedAt"));

  const numbering = ctx.numberings.get(doc.numberingId);
  if (!numbering) {
    errors.push(invoiceRejection("NUMBERING_EXPIRED", { name: doc.prefix, date: doc.issuedAt }, "numberingId"));
  } else {
    const day = localDate(doc.issuedAt, ctx.company.timeZone);
    if (day < numbering.validFrom || day > numbering.validUntil)
      errors.push(invoiceRejection("NUMBERING_EXPIRED", { name: numbering.name, date: day }, "numberingId"));
    if (doc.number !== null) {
      if (doc.number < numbering.rangeFrom || doc.number > numbering.rangeTo)
        errors.push(
          invoiceRejection("NUMBERING_RANGE_EXHAUSTED", { number: doc.number, name: numbering.name }, "number"),
        );
      else if (!numbering.electronic && !ctx.isNumberLeased(doc))
        errors.push(invoiceRejection("NUMBER_NOT_LEASED", { number: doc.number }, "number"));
    } else if (!numbering.electronic) {
      errors.push(invoiceRejection("INVOICE_INVALID", { detail: "number is required" }, "number"));
    } else if (numbering.nextNumber > numbering.rangeTo) {
      errors.push(
        invoiceRejection("NUMBERING_RANGE_EXHAUSTED", { number: numbering.nextNumber, name: numbering.name }, "number"),
      );
    }
    // Electronic numbers are given by the server only: one brought by the till is refused.
    if (numbering.electronic && doc.number !== null)
      errors.push(
        invoiceRejection("INVOICE_INVALID", { detail: "electronic numbers are assigned by the server" }, "number"),
      );
  }
  return errors;
}
