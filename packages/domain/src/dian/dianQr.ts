import type { Minor } from "../money/money";
import { dianAmount } from "./cude";
import type { DianEnvironment } from "./dianEnvironment";

/** The DIAN's public document search ("catálogo"), production and habilitación. */
export const DIAN_DOCUMENT_SEARCH_URL: Record<DianEnvironment, string> = {
  "1": "https://catalogo-vpfe.dian.gov.co/document/searchqr?documentkey=",
  "2": "https://catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey=",
};

/** The URL a customer's phone opens from the QR: the DIAN's search for this CUDE. */
export function dianDocumentUrl(cudeHex: string, environment: DianEnvironment): string {
  if (!/^[0-9a-f]{96}$/.test(cudeHex)) throw new RangeError(`not a CUDE: ${cudeHex}`);
  return `${DIAN_DOCUMENT_SEARCH_URL[environment]}${cudeHex}`;
}

/** The printed fields the QR carries besides the URL (annex, "Representación gráfica – código QR"). */
export interface DianQrFields {
  number: string;
  issueDate: string;
  issueTime: string;
  issuerNit: string;
  buyerId: string;
  lineExtensionAmount: Minor;
  ivaAmount: Minor;
  /** INC and any other tax than IVA. */
  otherTaxAmount: Minor;
  payableAmount: Minor;
  cude: string;
  environment: DianEnvironment;
}

/**
 * sts:QRCode and the printed QR: one "Name: value" per line in the annex's order (NumFac, FecFac,
 * HorFac, NitFac, DocAdq, ValFac, ValIva, ValOtroIm, ValTolFac, CUDE) and last the search URL.
 */
export function dianQrText(f: DianQrFields): string {
  return [
    `NumFac: ${f.number}`,
    `FecFac: ${f.issueDate}`,
    `HorFac: ${f.issueTime}`,
    `NitFac: ${f.issuerNit}`,
    `DocAdq: ${f.buyerId}`,
    `ValFac: ${dianAmount(f.lineExtensionAmount)}`,
    `ValIva: ${dianAmount(f.ivaAmount)}`,
    `ValOtroIm: ${dianAmount(f.otherTaxAmount)}`,
    `ValTolFac: ${dianAmount(f.payableAmount)}`,
    `CUDE: ${f.cude}`,
    `QRCode: ${dianDocumentUrl(f.cude, f.environment)}`,
  ].join("\n");
}
