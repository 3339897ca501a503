/**
 * Why the server refused a credit note ("nota crédito") or a void ("anulación") of a synced
 * invoice. Like invoice rejections, every code carries a message in both languages saying what
 * to do; the till shows the one the cashier reads and offers "Editar" where it helps.
 */
export const returnRejectionCodes = [
  "CREDIT_NOTE_INVALID",
  "VOID_INVALID",
  "INVOICE_NOT_FOUND",
  "INVOICE_NOT_ACCEPTED",
  "INVOICE_VOIDED",
  "INVOICE_HAS_RETURNS",
  "INVOICE_ELECTRONIC",
  "RETURN_EXCEEDS_SOLD",
  "LINE_MISMATCH",
  "REFUND_MISMATCH",
  "REFUND_METHOD_UNAVAILABLE",
  "TOTALS_MISMATCH",
  "NUMBERING_NOT_FOUND",
  "NUMBERING_EXPIRED",
  "NUMBERING_RANGE_EXHAUSTED",
  "NUMBER_NOT_LEASED",
  "NUMBER_ALREADY_USED",
  "ISSUED_IN_FUTURE",
  "CASHIER_NOT_ALLOWED",
  "VOID_NOT_ALLOWED",
  "DEVICE_MISMATCH",
  "TERMINAL_MISMATCH",
  "REVISION_CONFLICT",
] as const;
export type ReturnRejectionCode = (typeof returnRejectionCodes)[number];

export interface ReturnRejection {
  code: ReturnRejectionCode;
  /** Which part of the document: "lines.0.quantity", "number", … */
  field?: string;
  message: string;
  messageEs: string;
}

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

const messages: Record<ReturnRejectionCode, { en: Template; es: Template }> = {
  CREDIT_NOTE_INVALID: {
    en: (p) => `The credit note is malformed: ${p.detail}`,
    es: (p) => `La nota crédito está mal formada: ${p.detail}`,
  },
  VOID_INVALID: {
    en: (p) => `The void is malformed: ${p.detail}`,
    es: (p) => `La anulación está mal formada: ${p.detail}`,
  },
  INVOICE_NOT_FOUND: {
    en: () => "The invoice does not exist in this company: look it up again by its number.",
    es: () => "La factura no existe en esta empresa: búscala de nuevo por su número.",
  },
  INVOICE_NOT_ACCEPTED: {
    en: () => "The invoice is in error on the server: fix and sync it before returning or voiding it.",
    es: () => "La factura está en error en el servidor: corrígela y sincronízala antes de devolverla o anularla.",
  },
  INVOICE_VOIDED: {
    en: () => "The invoice was voided: nothing can be returned from it.",
    es: () => "La factura fue anulada: no se puede devolver nada de ella.",
  },
  INVOICE_HAS_RETURNS: {
    en: () => "The invoice has returns (credit notes): it cannot be voided.",
    es: () => "La factura tiene devoluciones (notas crédito): no se puede anular.",
  },
  INVOICE_ELECTRONIC: {
    en: () => "An electronic invoice cannot be voided: make a credit note instead.",
    es: () => "Una factura electrónica no se puede anular: haz una nota crédito.",
  },
  RETURN_EXCEEDS_SOLD: {
    en: (p) =>
      `"${p.name}": returning ${p.quantity} exceeds what is left to return (${p.returnable}), counting returns from other tills.`,
    es: (p) =>
      `"${p.name}": devolver ${p.quantity} supera lo que queda por devolver (${p.returnable}), contando devoluciones de otras cajas.`,
  },
  LINE_MISMATCH: {
    en: (p) => `Line ${p.line} does not match the invoice's line (product, price, discount or tax): pick it again.`,
    es: (p) =>
      `La línea ${p.line} no coincide con la línea de la factura (producto, precio, descuento o impuesto): elígela de nuevo.`,
  },
  REFUND_MISMATCH: {
    en: (p) => `The refunds (${p.got}) do not add up to the credit note's total (${p.expected}).`,
    es: (p) => `Los reembolsos (${p.got}) no suman el total de la nota crédito (${p.expected}).`,
  },
  REFUND_METHOD_UNAVAILABLE: {
    en: (p) => `Refund method "${p.name}" is not available on this terminal: choose another one.`,
    es: (p) => `El medio de reembolso "${p.name}" no está disponible en esta caja: elige otro.`,
  },
  TOTALS_MISMATCH: {
    en: (p) => `The credit note's totals do not add up (expected ${p.expected}, got ${p.got}): make it again.`,
    es: (p) => `Los totales de la nota crédito no cuadran (se esperaba ${p.expected}, llegó ${p.got}): hazla de nuevo.`,
  },
  NUMBERING_NOT_FOUND: {
    en: () => "The credit note's numbering is not a credit-note numbering of this company.",
    es: () => "La numeración de la nota crédito no es una numeración de notas crédito de esta empresa.",
  },
  NUMBERING_EXPIRED: {
    en: (p) => `Numbering "${p.name}" is not valid on ${p.date}.`,
    es: (p) => `La numeración "${p.name}" no está vigente el ${p.date}.`,
  },
  NUMBERING_RANGE_EXHAUSTED: {
    en: (p) => `Number ${p.number} is outside the authorized range of "${p.name}".`,
    es: (p) => `El número ${p.number} está fuera del rango autorizado de "${p.name}".`,
  },
  NUMBER_NOT_LEASED: {
    en: (p) => `Credit note number ${p.number} was not assigned to this device: it will take a new number.`,
    es: (p) => `El número de nota crédito ${p.number} no fue asignado a este dispositivo: tomará un número nuevo.`,
  },
  NUMBER_ALREADY_USED: {
    en: (p) => `Credit note number ${p.number} is already used: it will take a new number.`,
    es: (p) => `El número de nota crédito ${p.number} ya está usado: tomará un número nuevo.`,
  },
  ISSUED_IN_FUTURE: {
    en: () => "The date is in the future: check the device's clock.",
    es: () => "La fecha está en el futuro: revisa el reloj del dispositivo.",
  },
  CASHIER_NOT_ALLOWED: {
    en: () => "The cashier is not allowed on this terminal (or never signed in on this device).",
    es: () => "El cajero no tiene permiso en esta caja (o nunca inició sesión en este dispositivo).",
  },
  VOID_NOT_ALLOWED: {
    en: () => "Only an admin, or a cashier during the open shift in which the invoice was made, may void it.",
    es: () => "Solo un administrador, o un cajero durante el turno abierto en que se hizo la factura, puede anularla.",
  },
  // Sent from another device of the company while the device that made it is still active (the
  // server takes it from another device only once an admin revoked the maker: its export file).
  DEVICE_MISMATCH: {
    en: () =>
      "The document was made on another device that is still active, and only that device can send it. If that till is no longer used, an admin revokes it in «Devices»; then press «Sync again» here.",
    es: () =>
      "El documento se hizo en otro dispositivo que sigue activo y solo ese dispositivo puede enviarlo. Si esa caja ya no se usa, un administrador la revoca en «Dispositivos»; luego pulsa «Sincronizar de nuevo» aquí.",
  },
  TERMINAL_MISMATCH: {
    en: () => "The document's terminal is not this device's terminal.",
    es: () => "La caja del documento no es la caja de este dispositivo.",
  },
  REVISION_CONFLICT: {
    en: () => "This revision was already received with other content.",
    es: () => "Esta revisión ya se recibió con otro contenido.",
  },
};

export function returnRejection(code: ReturnRejectionCode, params: Params = {}, field?: string): ReturnRejection {
  const m = messages[code];
  return { code, ...(field ? { field } : {}), message: m.en(params), messageEs: m.es(params) };
}

/** Errors about the credit note's number: fixing it means taking a new number (like invoices). */
export const creditNoteNumberRejectionCodes: readonly ReturnRejectionCode[] = [
  "NUMBER_NOT_LEASED",
  "NUMBER_ALREADY_USED",
  "NUMBERING_RANGE_EXHAUSTED",
];
