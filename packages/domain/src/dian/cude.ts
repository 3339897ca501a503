import { type Minor, minorToDecimalString } from "../money/money";
import type { DianEnvironment } from "./dianEnvironment";
import { sha384Hex } from "./sha384";

/** DIAN tax scheme codes the CUDE names (the annex's table "Tributos": 01 IVA, 04 INC, 03 ICA). */
export const DIAN_TAX_CODE = { IVA: "01", INC: "04", ICA: "03" } as const;

/** What the CUDE of an electronic equivalent document (POS) is computed from. */
export interface CudeFields {
  /** NumDE: the document number as written in cbc:ID, prefix included ("SETP990000001"). */
  number: string;
  /** FecDE: cbc:IssueDate, YYYY-MM-DD. */
  issueDate: string;
  /** HorDE: cbc:IssueTime, HH:MM:SS with the UTC offset ("07:00:00-05:00"). */
  issueTime: string;
  /** ValDE: cac:LegalMonetaryTotal/cbc:LineExtensionAmount, the total before taxes (minor units). */
  lineExtensionAmount: Minor;
  /** ValImp1: total IVA (tax code 01). */
  ivaAmount: Minor;
  /** ValImp2: total INC (tax code 04). */
  incAmount: Minor;
  /** ValImp3: total ICA (tax code 03); a POS sale carries none, so 0. */
  icaAmount: Minor;
  /** ValTot: cac:LegalMonetaryTotal/cbc:PayableAmount. */
  payableAmount: Minor;
  /** NitOFE: the issuer's NIT, digits only, without the check digit. */
  issuerNit: string;
  /** NumAdq: the buyer's id number (222222222222 for the consumidor final). */
  buyerId: string;
  /** Software-PIN: the PIN the company chose when it registered its software with the DIAN (a CUFE has the technical key here). */
  softwarePin: string;
  /** TipoAmbiente: cbc:ProfileExecutionID. */
  environment: DianEnvironment;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d[+-]([01]\d|2[0-3]):[0-5]\d$/;

/**
 * An amount as the annex writes it in the CUDE: exactly two decimals, a dot, no thousands
 * separator ("5000.00", "0.00"). Negative amounts never appear in a POS document.
 */
export function dianAmount(minor: Minor): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`not a DIAN amount: ${minor}`);
  return minorToDecimalString(minor);
}

function mustMatch(value: string, pattern: RegExp, field: string): string {
  if (!pattern.test(value)) throw new RangeError(`CUDE field ${field} is malformed: ${JSON.stringify(value)}`);
  return value;
}

function mustBeToken(value: string, field: string): string {
  // Every field is a plain token: a space or separator would shift the meaning of the concatenation.
  if (!/^[0-9A-Za-z-]+$/.test(value))
    throw new RangeError(`CUDE field ${field} is malformed: ${JSON.stringify(value)}`);
  return value;
}

/**
 * The CUDE's input: the fields concatenated without separators, in the order of the DIAN's
 * "Anexo Técnico Documento Equivalente Electrónico" v1.0 (Res. 000165/2023), section
 * "CUDE – Código Único de Documento Electrónico" (the algorithm of the electronic invoice annex v1.9's
 * section "CUDE", with the software PIN where the CUFE has the technical key):
 * NumDE + FecDE + HorDE + ValDE + "01" + ValImp1 + "04" + ValImp2 + "03" + ValImp3 + ValTot +
 * NitOFE + NumAdq + Software-PIN + TipoAmbiente. Amounts with exactly two decimals.
 */
export function cudeInput(f: CudeFields): string {
  return [
    mustBeToken(f.number, "number"),
    mustMatch(f.issueDate, DATE, "issueDate"),
    mustMatch(f.issueTime, TIME, "issueTime"),
    dianAmount(f.lineExtensionAmount),
    DIAN_TAX_CODE.IVA,
    dianAmount(f.ivaAmount),
    DIAN_TAX_CODE.INC,
    dianAmount(f.incAmount),
    DIAN_TAX_CODE.ICA,
    dianAmount(f.icaAmount),
    dianAmount(f.payableAmount),
    mustMatch(f.issuerNit, /^\d{1,15}$/, "issuerNit"),
    mustBeToken(f.buyerId, "buyerId"),
    mustBeToken(f.softwarePin, "softwarePin"),
    mustMatch(f.environment, /^[12]$/, "environment"),
  ].join("");
}

/** CUDE-SHA384: the 96 lowercase hex digits that identify the document at the DIAN. */
export function cude(fields: CudeFields): string {
  return sha384Hex(cudeInput(fields));
}

/**
 * sts:SoftwareSecurityCode (annex, §"Código de seguridad del software"): SHA-384 of the
 * software id, the software PIN and the document number (prefix included), concatenated.
 */
export function softwareSecurityCode(softwareId: string, softwarePin: string, documentNumber: string): string {
  return sha384Hex(
    `${mustBeToken(softwareId, "softwareId")}${mustBeToken(softwarePin, "softwarePin")}${mustBeToken(documentNumber, "number")}`,
  );
}
