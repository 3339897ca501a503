import type { PaymentMethodKind, TaxKind, TaxRegime } from "@mostrador/domain";

/**
 * The DIAN code lists the POS document uses (Anexo técnico, chapter "Listas de valores").
 * Only the values Mostrador's data can produce are listed.
 */

/** The DIAN as the agency of its own schemes (schemeAgencyID / schemeAgencyName). */
export const DIAN_AGENCY = {
  schemeAgencyID: "195",
  schemeAgencyName: "CO, DIAN (Dirección de Impuestos y Aduanas Nacionales)",
} as const;

/** The DIAN's own NIT: the authorization provider of every document it validates. */
export const DIAN_NIT = { number: "800197268", checkDigit: "4" } as const;

/** "Tipos de documento de identidad": the buyer's id type. */
export const ID_TYPE_CODE: Record<string, string> = {
  TI: "12",
  CC: "13",
  CE: "22",
  NIT: "31",
  PAS: "41",
};

/** "Tipos de organización jurídica" (cbc:AdditionalAccountID): 1 legal person, 2 natural person. */
export const organizationType = (idType: string) => (idType === "NIT" ? "1" : "2");

/** "Tributos": the tax scheme of a line's tax (an exempt line is IVA at 0 %). */
export const TAX_SCHEME: Record<TaxKind, { id: string; name: string }> = {
  IVA: { id: "01", name: "IVA" },
  EXENTO: { id: "01", name: "IVA" },
  INC: { id: "04", name: "INC" },
};

/** The tax scheme the party is responsible for (cac:PartyTaxScheme/cac:TaxScheme). */
export function partyTaxScheme(regime: TaxRegime): { id: string; name: string } {
  return regime === "responsable_iva" ? { id: "01", name: "IVA" } : { id: "ZZ", name: "No aplica" };
}

/** "Responsabilidades fiscales" (cbc:TaxLevelCode): O-47 régimen simple, R-99-PN none of the listed. */
export const taxLevelCode = (regime: TaxRegime) => (regime === "simple" ? "O-47" : "R-99-PN");

/** "Medios de pago" (cbc:PaymentMeansCode). */
export const PAYMENT_MEANS_CODE: Record<PaymentMethodKind, string> = {
  cash: "10",
  credit_card: "48",
  debit_card: "49",
  transfer: "47",
  other: "ZZZ",
};

/** "Formas de pago" (cac:PaymentMeans/cbc:ID): 1 contado. A POS sale is always paid at once. */
export const PAYMENT_FORM_CASH = "1";

/** "Unidades de cantidad" (UN/ECE rec. 20): 94 unidad. */
export const UNIT_CODE = "94";

/** "Tipos de documento": 20 documento equivalente electrónico POS. */
export const POS_DOCUMENT_TYPE_CODE = "20";

/** "Tipos de operación" (cbc:CustomizationID): 10 estándar. */
export const OPERATION_TYPE_STANDARD = "10";

/**
 * The text. Unverified against the annex (Anexo técnico del documento equivalente
 * electrónico v1.0/1.1 is not in shared/dian nor in the searchable corpora, issue 19): third-party
 * code quotes other literals ("DIAN 2.1: documento equivalente electrónico del tiquete de máquina
 * registradora con sistema P.O.S."), none of them the annex itself, so nothing is changed here.
 */
export const POS_PROFILE_ID = "DIAN 2.1: Documento Equivalente POS";
