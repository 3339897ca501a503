import type { InvoiceRejection, InvoiceRejectionCode } from "../errors/errorCodes";

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

/** What to fix, in both languages: the till shows the one the cashier reads. */
const messages: Record<InvoiceRejectionCode, { en: Template; es: Template }> = {
  PRODUCT_INACTIVE: {
    en: (p) => `Product "${p.name}" is no longer active: replace it or ask an admin to reactivate it.`,
    es: (p) => `El producto "${p.name}" ya no está activo: reemplázalo o pide a un administrador que lo reactive.`,
  },
  PRODUCT_NOT_FOUND: {
    en: (p) => `Product "${p.name}" was deleted: replace it with another product.`,
    es: (p) => `El producto "${p.name}" fue eliminado: reemplázalo por otro producto.`,
  },
  CLIENT_INACTIVE: {
    en: (p) => `Client "${p.name}" is inactive: choose another client.`,
    es: (p) => `El cliente "${p.name}" está inactivo: elige otro cliente.`,
  },
  CLIENT_NOT_FOUND: {
    en: () => "The client no longer exists: choose another client.",
    es: () => "El cliente ya no existe: elige otro cliente.",
  },
  CLIENT_IDENTIFICATION_REQUIRED: {
    en: (p) => `Sales above ${p.threshold} need an identified client, not "Consumidor final": choose the buyer.`,
    es: (p) =>
      `Las ventas de más de ${p.threshold} requieren un cliente identificado, no "Consumidor final": elige al comprador.`,
  },
  PAYMENT_METHOD_UNAVAILABLE: {
    en: (p) => `Payment method "${p.name}" is not available on this terminal any more: choose another one.`,
    es: (p) => `El método de pago "${p.name}" ya no está disponible en esta caja: elige otro.`,
  },
  PAYMENT_INSUFFICIENT: {
    en: () =>
      "The payments do not cover the total (or change is given from a non-cash payment): enter the payment again.",
    es: () => "Los pagos no cubren el total (o se da cambio de un pago que no es efectivo): ingresa el pago de nuevo.",
  },
  NUMBERING_EXPIRED: {
    en: (p) => `Numbering "${p.name}" is not valid on ${p.date}: the invoice needs a valid numbering.`,
    es: (p) => `La numeración "${p.name}" no está vigente el ${p.date}: la factura necesita una numeración vigente.`,
  },
  NUMBERING_RANGE_EXHAUSTED: {
    en: (p) => `Number ${p.number} is outside the authorized range of "${p.name}".`,
    es: (p) => `El número ${p.number} está fuera del rango autorizado de "${p.name}".`,
  },
  NUMBER_NOT_LEASED: {
    en: (p) => `Number ${p.number} was not assigned to this device: the invoice will take a new number.`,
    es: (p) => `El número ${p.number} no fue asignado a este dispositivo: la factura tomará un número nuevo.`,
  },
  NUMBER_ALREADY_USED: {
    en: (p) => `Number ${p.number} is already used by another invoice: the invoice will take a new number.`,
    es: (p) => `El número ${p.number} ya lo usa otra factura: la factura tomará un número nuevo.`,
  },
  TOTALS_MISMATCH: {
    en: (p) => `The totals do not add up (expected ${p.expected}, got ${p.got}): open the invoice and bill it again.`,
    es: (p) =>
      `Los totales no cuadran (se esperaba ${p.expected}, llegó ${p.got}): abre la factura y factúrala de nuevo.`,
  },
  ISSUED_IN_FUTURE: {
    en: () => "The invoice date is in the future: check the device's clock.",
    es: () => "La fecha de la factura está en el futuro: revisa el reloj del dispositivo.",
  },
  ISSUED_TOO_OLD: {
    en: (p) => `The invoice is older than the ${p.days} days allowed offline: an admin must review it.`,
    es: (p) => `La factura tiene más de los ${p.days} días permitidos sin conexión: un administrador debe revisarla.`,
  },
  CASHIER_NOT_ALLOWED: {
    en: () => "The cashier is no longer allowed to invoice on this terminal.",
    es: () => "El cajero ya no tiene permiso para facturar en esta caja.",
  },
  TERMINAL_DISABLED: {
    en: () => "This terminal was disabled: an admin must enable it.",
    es: () => "Esta caja fue deshabilitada: un administrador debe habilitarla.",
  },
  REVISION_CONFLICT: {
    en: () => "A newer version of this invoice is already on the server.",
    es: () => "El servidor ya tiene una versión más reciente de esta factura.",
  },
  DEVICE_MISMATCH: {
    en: () => "The invoice was made on another device than the one uploading it, and that device cannot vouch for it.",
    es: () => "La factura se hizo en otro dispositivo distinto al que la envía, y ese dispositivo no la respalda.",
  },
  TERMINAL_MISMATCH: {
    en: () => "The invoice names a terminal that is not this device's terminal: bill it again from this till.",
    es: () => "La factura indica una caja que no es la de este dispositivo: vuelve a facturarla desde esta caja.",
  },
  NUMBERING_NOT_FOUND: {
    en: () => "The invoice's numbering does not exist in this company: bill it again with a valid numbering.",
    es: () => "La numeración de la factura no existe en esta empresa: vuelve a facturarla con una numeración válida.",
  },
  TAX_MISMATCH: {
    en: (p) => `The tax of "${p.name}" does not match the company's taxes: edit the line and pick the tax again.`,
    es: (p) =>
      `El impuesto de "${p.name}" no coincide con los impuestos de la empresa: edita la línea y elige de nuevo el impuesto.`,
  },
  DISCOUNT_EXCEEDS_AMOUNT: {
    en: (p) =>
      `The discount of ${p.discount} is larger than the ${p.amount} it applies to: lower it and bill the sale again.`,
    es: (p) =>
      `El descuento de ${p.discount} es mayor que los ${p.amount} a los que se aplica: redúcelo y vuelve a facturar.`,
  },
  DISCOUNT_MISMATCH: {
    en: (p) =>
      `The ticket discount does not add up (expected ${p.expected}, got ${p.got}): open the invoice and bill it again.`,
    es: (p) =>
      `El descuento al total no cuadra (se esperaba ${p.expected}, llegó ${p.got}): abre la factura y factúrala de nuevo.`,
  },
  INVOICE_INVALID: {
    en: (p) => `The invoice is malformed: ${p.detail}`,
    es: (p) => `La factura está mal formada: ${p.detail}`,
  },
};

export function invoiceRejection(code: InvoiceRejectionCode, params: Params = {}, field?: string): InvoiceRejection {
  const m = messages[code];
  return { code, ...(field ? { field } : {}), message: m.en(params), messageEs: m.es(params) };
}

/** Errors about the number itself: fixing the invoice means taking a new number. */
export const numberRejectionCodes: readonly InvoiceRejectionCode[] = [
  "NUMBER_NOT_LEASED",
  "NUMBER_ALREADY_USED",
  "NUMBERING_RANGE_EXHAUSTED",
];
