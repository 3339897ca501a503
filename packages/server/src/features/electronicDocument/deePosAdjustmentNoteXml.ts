import { cude, dianAmount, dianDocumentUrl, type Minor, softwareSecurityCode } from "@mostrador/domain";
import type { DeePosDocument } from "./deePosDocument";
import {
  cudeFieldsOf,
  customerXml,
  lineXml,
  paymentMeansXml,
  supplierXml,
  taxTotalsXml,
  UBL_NAMESPACES,
} from "./deePosInvoiceXml";
import { dianExtensionsXml, posExtensionsXml } from "./dianExtensionsXml";
import { el, text } from "./xml";

/**
 * Anexo técnico del documento equivalente electrónico POS, "Nota de ajuste del documento
 * equivalente": a UBL 2.1 CreditNote with CreditNoteTypeCode 94, referencing the ticket by its
 * number, CUDE (schemeName CUDE-SHA384) and date in cac:BillingReference, and saying why in
 * cac:DiscrepancyResponse (ResponseCode 1 partial return, 2 void of the document).
 */
export const ADJUSTMENT_NOTE_TYPE_CODE = "94";
/**
 * Unverified against the annex (not found in shared/dian nor the searchable corpora, issue 19).
 * Third-party code agrees on the type codes (94 nota de ajuste crédito, 93 débito) but quotes two
 * different ProfileIDs ("… Nota de Ajuste tipo crédito al documento equivalente electrónico",
 * "… Nota de Ajuste al Documento Equivalente Electrónico Crédito") and no CustomizationID from the
 * annex: kept until the annex's table is read.
 */
export const ADJUSTMENT_NOTE_PROFILE_ID = "DIAN 2.1: Nota de ajuste al documento equivalente electrónico";
/** CustomizationID of a note that references an electronic document (unverified, see above). */
export const ADJUSTMENT_NOTE_CUSTOMIZATION_ID = "20";

export type AdjustmentReason = { code: "1"; description: string } | { code: "2"; description: string };

/** The ticket the note adjusts: its number, CUDE and issue date (as its own document says them). */
export interface AdjustedDocument {
  number: string;
  cude: string;
  issueDate: string;
}

export interface GeneratedAdjustmentNote {
  xml: string;
  cude: string;
  qrUrl: string;
}

/**
 * An adjustment note, unsigned. `note` is the note's own data in the document's shape (its number,
 * the lines and totals returned or voided, the company, software and register); its CUDE follows
 * the ticket's rule (the same fields, the note's values: the annex's CUDE of adjustment notes).
 */
export function buildDeePosAdjustmentNote(
  note: DeePosDocument,
  adjusted: AdjustedDocument,
  reason: AdjustmentReason,
): GeneratedAdjustmentNote {
  const fields = cudeFieldsOf(note);
  const code = cude(fields);
  const qrUrl = dianDocumentUrl(code, note.environment);
  const securityCode = softwareSecurityCode(note.software.id, note.software.pin, note.number);
  const money = (name: string, amount: Minor) => text(name, dianAmount(amount), { currencyID: note.currency });
  const lineExtension = note.totals.subtotal - note.totals.discount;
  const extensions = [
    dianExtensionsXml(note, securityCode, qrUrl, { invoiceControl: false }),
    ...posExtensionsXml(note),
  ].map((content) => el("ext:UBLExtension", undefined, el("ext:ExtensionContent", undefined, content)));
  const namespaces = { ...UBL_NAMESPACES, xmlns: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" };
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>${el(
    "CreditNote",
    namespaces,
    el("ext:UBLExtensions", undefined, ...extensions),
    text("cbc:UBLVersionID", "UBL 2.1"),
    text("cbc:CustomizationID", ADJUSTMENT_NOTE_CUSTOMIZATION_ID),
    text("cbc:ProfileID", ADJUSTMENT_NOTE_PROFILE_ID),
    text("cbc:ProfileExecutionID", note.environment),
    text("cbc:ID", note.number),
    text("cbc:UUID", code, { schemeID: note.environment, schemeName: "CUDE-SHA384" }),
    text("cbc:IssueDate", fields.issueDate),
    text("cbc:IssueTime", fields.issueTime),
    text("cbc:CreditNoteTypeCode", ADJUSTMENT_NOTE_TYPE_CODE),
    note.notes.trim() ? text("cbc:Note", note.notes.trim()) : "",
    text("cbc:DocumentCurrencyCode", note.currency),
    text("cbc:LineCountNumeric", note.lines.length),
    el(
      "cac:DiscrepancyResponse",
      undefined,
      text("cbc:ReferenceID", adjusted.number),
      text("cbc:ResponseCode", reason.code),
      text("cbc:Description", reason.description),
    ),
    el(
      "cac:BillingReference",
      undefined,
      el(
        "cac:InvoiceDocumentReference",
        undefined,
        text("cbc:ID", adjusted.number),
        text("cbc:UUID", adjusted.cude, { schemeName: "CUDE-SHA384" }),
        text("cbc:IssueDate", adjusted.issueDate),
      ),
    ),
    supplierXml(note),
    customerXml(note),
    ...paymentMeansXml(note),
    ...taxTotalsXml(note, money),
    el(
      "cac:LegalMonetaryTotal",
      undefined,
      money("cbc:LineExtensionAmount", lineExtension),
      money("cbc:TaxExclusiveAmount", lineExtension),
      money("cbc:TaxInclusiveAmount", lineExtension + note.totals.tax),
      money("cbc:PayableAmount", note.totals.total),
    ),
    ...note.lines.map((line, i) => lineXml(line, i + 1, money, "creditNote")),
  )}`;
  return { xml, cude: code, qrUrl };
}
