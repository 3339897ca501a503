import {
  computeInvoiceTotals,
  type InvoiceDocument,
  type InvoiceLine,
  type InvoicePayment,
  type InvoiceTotalsSnapshot,
  summarizePayments,
  uuidv7,
} from "@mostrador/domain";
import { demoProducts } from "../demo/demoCatalog";
import type { DemoCompany } from "../demo/demoCompanySeeder";

/** Who and where an invoice is made: a registered device on a terminal, with a leased number. */
export interface InvoiceOrigin {
  deviceId: string;
  terminalId: string;
  cashierId: string;
  numberingId: string;
  prefix?: string;
  /** null only on electronic numberings (the server assigns it). */
  number: number | null;
}

export interface InvoiceOverrides extends Partial<Omit<InvoiceDocument, "totals">> {
  /** Replaces single totals fields after they were computed (to build a wrong invoice on purpose). */
  totals?: Partial<InvoiceTotalsSnapshot>;
}

/** A line selling demo product `index` at its catalog price and tax, as the till would build it. */
export function demoLine(
  demo: DemoCompany,
  index: number,
  quantity = 1,
  extra: Partial<InvoiceLine> = {},
): InvoiceLine {
  const product = demoProducts[index];
  const productId = demo.productIds[index];
  if (!product || !productId) throw new Error(`no demo product ${index}`);
  const rateBp = { IVA19: 1900, IVA5: 500, EXENTO: 0, INC8: 800 }[product.tax];
  const kind = product.tax === "INC8" ? "INC" : product.tax === "EXENTO" ? "EXENTO" : "IVA";
  return {
    productId,
    description: product.name,
    quantity,
    unitPrice: product.price * 100,
    priceIncludesTax: true,
    discountPercent: 0,
    taxId: demo.taxes[product.tax],
    taxName: product.tax,
    taxKind: kind,
    taxRateBp: rateBp,
    ...extra,
  };
}

export function cashPayment(demo: DemoCompany, amount: number): InvoicePayment {
  return { paymentMethodId: demo.paymentMethods.cash, kind: "cash", amount };
}

/**
 * A valid InvoiceDocument whose totals come from the shared domain code, exactly as the
 * till computes them. Overrides replace fields before the totals are computed (lines,
 * payments) or after (`totals`), so a test states only what it is about.
 */
export function buildInvoice(
  demo: DemoCompany,
  origin: InvoiceOrigin,
  overrides: InvoiceOverrides = {},
): InvoiceDocument {
  const { totals: totalsOverride, ...rest } = overrides;
  const lines = rest.lines ?? [demoLine(demo, 0, 2), demoLine(demo, 8, 1)];
  const computed = computeInvoiceTotals(lines);
  const payments = rest.payments ?? [cashPayment(demo, computed.total)];
  const paymentSummary = summarizePayments(computed.total, payments);
  const totals: InvoiceTotalsSnapshot = {
    subtotal: computed.subtotal,
    discount: computed.discount,
    tax: computed.tax,
    total: computed.total,
    paid: paymentSummary.paid,
    change: paymentSummary.ok ? paymentSummary.change : 0,
    taxes: computed.taxes,
    ...totalsOverride,
  };
  return {
    id: uuidv7(),
    revision: 1,
    terminalId: origin.terminalId,
    deviceId: origin.deviceId,
    cashierId: origin.cashierId,
    numberingId: origin.numberingId,
    prefix: origin.prefix ?? "POS",
    number: origin.number,
    issuedAt: new Date().toISOString(),
    clientId: demo.clients.walkIn,
    notes: "",
    ...rest,
    lines,
    payments,
    totals,
  };
}
