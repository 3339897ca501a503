import type { DianEnvironment, Minor, PaymentMethodKind, TaxKind, TaxRegime } from "@mostrador/domain";

/**
 * Everything one electronic equivalent POS document is written from: plain data, gathered by
 * electronicDocumentRecorder from an accepted invoice and its company, numbering, terminal and
 * cashier. The builders below do no I/O, so a known invoice gives a known XML.
 */
export interface DeePosDocument {
  environment: DianEnvironment;
  software: {
    /** sts:SoftwareID. */
    id: string;
    /** Enters the CUDE and the software security code; never written into the XML. */
    pin: string;
    /** sts:SoftwareProvider/sts:ProviderID: "<digits>-<check digit>". */
    providerNit: string;
  };
  /** What the POS extension names as the software's manufacturer. */
  manufacturer: { name: string; companyName: string; softwareName: string };
  issuer: {
    /** "<digits>-<check digit>". */
    nit: string;
    name: string;
    address: string;
    phone: string;
    taxRegime: TaxRegime;
  };
  /** The DEE POS numbering: the DIAN's authorization of the range (sts:InvoiceControl). */
  authorization: { number: string; validFrom: string; validUntil: string; prefix: string; from: number; to: number };
  /** cbc:ID: prefix and number ("SETP990000001"). */
  number: string;
  /** The invoice's id at Mostrador (the POS extension's sale code). */
  saleId: string;
  issuedAt: string;
  timeZone: string;
  currency: string;
  buyer: {
    /** Mostrador's id type: CC, NIT, CE, PAS, TI. */
    idType: string;
    /** For a NIT "<digits>-<check digit>", otherwise as written; 222222222222 for the consumidor final. */
    idNumber: string;
    name: string;
    email: string | null;
  };
  lines: DeePosLine[];
  /** Per tax and rate, as the invoice's totals give them. */
  taxes: { kind: TaxKind; rateBp: number; base: Minor; amount: Minor }[];
  totals: { subtotal: Minor; discount: Minor; tax: Minor; total: Minor };
  /** Per payment method kind, the amount it paid (change already taken from cash). */
  payments: { kind: PaymentMethodKind; amount: Minor }[];
  /** The cash register (POS extension "InformacionCajaVenta"). */
  register: { plate: string; location: string; cashier: string; type: string };
  notes: string;
}

export interface DeePosLine {
  description: string;
  /** The product's code as the shop knows it (reference, barcode or id). */
  code: string;
  quantity: number;
  /** Pre-tax amount before the discount, for the whole quantity. */
  subtotal: Minor;
  discount: Minor;
  discountPercent: number;
  /** subtotal − discount: cbc:LineExtensionAmount. */
  taxBase: Minor;
  tax: Minor;
  taxKind: TaxKind;
  taxRateBp: number;
}
