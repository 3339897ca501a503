import {
  type CreditNoteDocument,
  computeCreditNoteTotals,
  formatMoney,
  type InvoiceLine,
  type InvoiceTotals,
  localDate,
  type ReturnRejection,
  returnRejection,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { type CreditNoteContext, creditNoteNumberKey } from "./creditNoteContext";

export interface CreditNoteVerdict {
  errors: ReturnRejection[];
  /** Recomputed by the shared domain code: what the server stores. */
  totals: InvoiceTotals;
}

/**
 * Every reason the server refuses a credit note that can be told from the batch's context, all at
 * once so the cashier fixes everything in one edit. What only the invoice's locked row can tell
 * (returns from other tills that arrived meanwhile, a void) is checked again when it is written.
 */
export function validateCreditNote(
  doc: CreditNoteDocument,
  auth: AuthContext,
  ctx: CreditNoteContext,
): CreditNoteVerdict {
  const totals = computeCreditNoteTotals(doc.lines);
  if (!uploadableBy(doc.deviceId, auth, ctx))
    return { errors: [returnRejection("DEVICE_MISMATCH", {}, "deviceId")], totals };
  const errors = [
    ...identityErrors(doc, ctx),
    ...invoiceErrors(doc, ctx),
    ...totalsAndRefundErrors(doc, totals, ctx),
    ...numberErrors(doc, ctx),
  ];
  if (Date.parse(doc.issuedAt) > ctx.now.getTime() + ctx.clockSkewSeconds * 1000)
    errors.push(returnRejection("ISSUED_IN_FUTURE", {}, "issuedAt"));
  if (errors.length === 0) ctx.numbersTaken.set(creditNoteNumberKey(doc.numberingId, doc.number), doc.id);
  return { errors, totals };
}

/**
 * A credit note is its maker device's document (its NC block, its cashier's sign-in): the maker
 * uploads it, or — once an admin revoked the maker — another device of the company that imported
 * the maker's «Exportar pendientes» file. While the maker is active it still holds the note and is
 * the one to send it or edit it when refused (the lead's rule: one live till owns a refund). The
 * rest is checked against the maker, exactly as if it uploaded the note; exactly once is the id's.
 */
function uploadableBy(makerId: string, auth: AuthContext, ctx: CreditNoteContext): boolean {
  if (!ctx.devices.has(makerId)) return false;
  return makerId === auth.deviceId || ctx.revokedDevices.has(makerId);
}

function identityErrors(doc: CreditNoteDocument, ctx: CreditNoteContext): ReturnRejection[] {
  const errors: ReturnRejection[] = [];
  if (ctx.devices.get(doc.deviceId) !== doc.terminalId)
    errors.push(returnRejection("TERMINAL_MISMATCH", {}, "terminalId"));
  const user = ctx.users.get(doc.cashierId);
  const allowed =
    user?.active &&
    (user.role === "admin" || user.terminalIds.length === 0 || user.terminalIds.includes(doc.terminalId)) &&
    ctx.signIns.has(`${doc.deviceId}#${doc.cashierId}`);
  if (!allowed) errors.push(returnRejection("CASHIER_NOT_ALLOWED", {}, "cashierId"));
  return errors;
}

const milli = (q: number) => Math.round(q * 1000);

/**
 * The returned line is the invoice line as sold: price, discounts (the fixed one and the ticket's
 * share too) and tax; a line with an amount discount says the quantity sold, which its share of
 * the discount is prorated by.
 */
const sameSale = (sold: InvoiceLine, line: CreditNoteDocument["lines"][number]) =>
  sameLine(sold, line) && (line.soldQuantity === undefined || milli(line.soldQuantity) === milli(sold.quantity));

const sameLine = (a: InvoiceLine, b: InvoiceLine) =>
  a.productId === b.productId &&
  a.unitPrice === b.unitPrice &&
  a.priceIncludesTax === b.priceIncludesTax &&
  a.discountPercent === b.discountPercent &&
  (a.discountAmount ?? 0) === (b.discountAmount ?? 0) &&
  (a.ticketDiscountShare ?? 0) === (b.ticketDiscountShare ?? 0) &&
  a.taxId === b.taxId &&
  a.taxKind === b.taxKind &&
  a.taxRateBp === b.taxRateBp;

function invoiceErrors(doc: CreditNoteDocument, ctx: CreditNoteContext): ReturnRejection[] {
  const invoice = ctx.invoices.get(doc.invoiceId);
  if (!invoice) return [returnRejection("INVOICE_NOT_FOUND", {}, "invoiceId")];
  if (invoice.prefix !== doc.invoicePrefix || invoice.number !== doc.invoiceNumber)
    return [returnRejection("INVOICE_NOT_FOUND", {}, "invoiceNumber")];
  if (invoice.status === "voided") return [returnRejection("INVOICE_VOIDED", {}, "invoiceId")];
  if (invoice.status !== "accepted") return [returnRejection("INVOICE_NOT_ACCEPTED", {}, "invoiceId")];
  const errors: ReturnRejection[] = [];
  doc.lines.forEach((line, i) => {
    const sold = invoice.lines[line.invoiceLineIndex];
    if (!sold || !sameSale(sold, line)) {
      errors.push(returnRejection("LINE_MISMATCH", { line: i + 1 }, `lines.${i}`));
      return;
    }
    // What the till says was returned before plus now can never exceed the sale; the count of
    // every till's returns is checked under the invoice's lock when the note is written.
    if (milli(line.returnedBefore) + milli(line.quantity) > milli(sold.quantity))
      errors.push(
        returnRejection(
          "RETURN_EXCEEDS_SOLD",
          {
            name: sold.description,
            quantity: line.quantity,
            returnable: Math.max(0, milli(sold.quantity) - milli(line.returnedBefore)) / 1000,
          },
          `lines.${i}.quantity`,
        ),
      );
  });
  return errors;
}

function totalsAndRefundErrors(
  doc: CreditNoteDocument,
  totals: InvoiceTotals,
  ctx: CreditNoteContext,
): ReturnRejection[] {
  const errors: ReturnRejection[] = [];
  const t = doc.totals;
  const key = (x: { taxId: string; rateBp: number; base: number; amount: number }) =>
    `${x.taxId}|${x.rateBp}|${x.base}|${x.amount}`;
  const sameTaxes =
    t.taxes.length === totals.taxes.length && t.taxes.map(key).sort().join() === totals.taxes.map(key).sort().join();
  if (
    t.subtotal !== totals.subtotal ||
    t.discount !== totals.discount ||
    t.tax !== totals.tax ||
    t.total !== totals.total ||
    !sameTaxes
  )
    errors.push(
      returnRejection("TOTALS_MISMATCH", { expected: formatMoney(totals.total), got: formatMoney(t.total) }, "totals"),
    );
  const refunded = doc.refunds.reduce((s, r) => s + r.amount, 0);
  if (refunded !== totals.total)
    errors.push(
      returnRejection(
        "REFUND_MISMATCH",
        { expected: formatMoney(totals.total), got: formatMoney(refunded) },
        "refunds",
      ),
    );
  const terminal = ctx.terminals.get(doc.terminalId);
  doc.refunds.forEach((refund, i) => {
    const method = ctx.paymentMethods.get(refund.paymentMethodId);
    if (!method?.active || !terminal?.paymentMethodIds.includes(refund.paymentMethodId))
      errors.push(
        returnRejection("REFUND_METHOD_UNAVAILABLE", { name: method?.name ?? "?" }, `refunds.${i}.paymentMethodId`),
      );
  });
  return errors;
}

function numberErrors(doc: CreditNoteDocument, ctx: CreditNoteContext): ReturnRejection[] {
  const numbering = ctx.numberings.get(doc.numberingId);
  if (numbering?.kind !== "credit_note") return [returnRejection("NUMBERING_NOT_FOUND", {}, "numberingId")];
  const errors: ReturnRejection[] = [];
  const date = localDate(doc.issuedAt, ctx.timeZone);
  if (date < numbering.validFrom || date > numbering.validUntil)
    errors.push(returnRejection("NUMBERING_EXPIRED", { name: numbering.name, date }, "numberingId"));
  if (doc.number < numbering.rangeFrom || doc.number > numbering.rangeTo)
    errors.push(returnRejection("NUMBERING_RANGE_EXHAUSTED", { number: doc.number, name: numbering.name }, "number"));
  else if (
    !ctx.blocks.some(
      (b) =>
        b.deviceId === doc.deviceId && b.numberingId === doc.numberingId && doc.number >= b.from && doc.number <= b.to,
    )
  )
    errors.push(returnRejection("NUMBER_NOT_LEASED", { number: doc.number }, "number"));
  else {
    const holder = ctx.numbersTaken.get(creditNoteNumberKey(doc.numberingId, doc.number));
    if (holder && holder !== doc.id)
      errors.push(returnRejection("NUMBER_ALREADY_USED", { number: doc.number }, "number"));
  }
  return errors;
}
