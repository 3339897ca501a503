import { type Company, type Numbering, type PaymentMethod, type Terminal, uuidv7 } from "@mostrador/domain";
import { receiptCompanyFields } from "../receipt/receiptCompany";
import type { DeviceIdentity, SessionUser } from "../storage/localRecords";
import type { NewInvoiceDraft } from "../storage/localStore";
import { type Cart, cartSale, cartTotals } from "./cart";
import { checkPayments, invoicePayments, type PaymentEntry } from "./payment";

/** Everything about the till that an invoice records besides the sale itself. */
export interface SaleContext {
  company: Company;
  terminal: Terminal;
  numbering: Numbering;
  device: DeviceIdentity;
  cashier: SessionUser;
  paymentMethods: readonly PaymentMethod[];
  /** The open cash shift the sale belongs to (terminals that require one); absent otherwise. */
  shiftId?: string | null;
}

export interface ChosenClient {
  id: string;
  name: string;
  idType: string;
  idNumber: string;
}

export type DraftProblem = "EMPTY_CART" | "NO_CLIENT" | "PAYMENT_UNDERPAID" | "CHANGE_WITHOUT_CASH";

export class InvoiceDraftError extends Error {
  override readonly name = "InvoiceDraftError";
  constructor(readonly problem: DraftProblem) {
    super(problem);
  }
}

/** Turns the cart and the tenders into the invoice to store; totals come from the shared domain code. */
export function buildInvoiceDraft(input: {
  cart: Cart;
  payments: readonly PaymentEntry[];
  context: SaleContext;
  client: ChosenClient | null;
  now?: Date;
}): NewInvoiceDraft {
  const { cart, payments, context, client } = input;
  if (cart.lines.length === 0) throw new InvoiceDraftError("EMPTY_CART");
  if (!client) throw new InvoiceDraftError("NO_CLIENT");
  const totals = cartTotals(cart);
  const check = checkPayments(totals.total, payments);
  if (!check.ok) {
    throw new InvoiceDraftError(check.reason === "underpaid" ? "PAYMENT_UNDERPAID" : "CHANGE_WITHOUT_CASH");
  }
  const now = input.now ?? new Date();
  const { company, terminal, numbering, device, cashier } = context;
  const methodNames = Object.fromEntries(context.paymentMethods.map((m) => [m.id, m.name]));
  const newClient = cart.newClient && cart.newClient.id === client.id ? cart.newClient : null;
  const sale = cartSale(cart);
  return {
    id: uuidv7(now.getTime()),
    terminalId: terminal.id,
    deviceId: device.deviceId,
    cashierId: cashier.id,
    numberingId: numbering.id,
    ...(context.shiftId ? { shiftId: context.shiftId } : {}),
    issuedAt: now.toISOString(),
    clientId: client.id,
    ...(newClient ? { newClient: { ...newClient, active: true } } : {}),
    lines: sale.lines.map((l) => ({
      productId: l.productId,
      description: l.description,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      priceIncludesTax: l.priceIncludesTax,
      discountPercent: l.discountPercent,
      ...(l.discountAmount ? { discountAmount: l.discountAmount } : {}),
      ...(l.ticketDiscountShare ? { ticketDiscountShare: l.ticketDiscountShare } : {}),
      taxId: l.taxId,
      taxName: l.taxName,
      taxKind: l.taxKind,
      taxRateBp: l.taxRateBp,
    })),
    payments: invoicePayments(payments),
    notes: cart.notes,
    ...(sale.ticketDiscount ? { ticketDiscount: sale.ticketDiscount } : {}),
    totals: {
      subtotal: totals.subtotal,
      discount: totals.discount,
      tax: totals.tax,
      total: totals.total,
      paid: check.paid,
      change: check.change,
      taxes: totals.taxes.map((t) => ({ ...t })),
    },
    receipt: {
      ...receiptCompanyFields(company),
      terminalName: terminal.name,
      cashierName: cashier.name,
      clientName: client.name,
      clientIdType: client.idType,
      clientIdNumber: client.idNumber,
      numberingName: numbering.name,
      rangeFrom: numbering.rangeFrom,
      rangeTo: numbering.rangeTo,
      validFrom: numbering.validFrom,
      validUntil: numbering.validUntil,
      resolution: numbering.resolution,
      electronic: numbering.electronic,
      paymentMethodNames: methodNames,
    },
  };
}
