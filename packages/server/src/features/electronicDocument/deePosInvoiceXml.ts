import {
  type CudeFields,
  cude,
  dianAmount,
  dianDocumentUrl,
  dianQrText,
  issueMoment,
  type Minor,
  softwareSecurityCode,
  WALK_IN_CLIENT_ID_NUMBER,
} from "@mostrador/domain";
import type { DeePosDocument, DeePosLine } from "./deePosDocument";
import {
  DIAN_AGENCY,
  ID_TYPE_CODE,
  OPERATION_TYPE_STANDARD,
  organizationType,
  PAYMENT_FORM_CASH,
  PAYMENT_MEANS_CODE,
  POS_DOCUMENT_TYPE_CODE,
  POS_PROFILE_ID,
  partyTaxScheme,
  TAX_SCHEME,
  taxLevelCode,
  UNIT_CODE,
} from "./dianCodes";
import { dianExtensionsXml, nitAttributes, posExtensionsXml, splitNit } from "./dianExtensionsXml";
import { el, text } from "./xml";

export const UBL_NAMESPACES = {
  xmlns: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  "xmlns:cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  "xmlns:cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
  "xmlns:ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
  "xmlns:sts": "dian:gov:co:facturaelectronica:Structures-2-1",
  "xmlns:ds": "http://www.w3.org/2000/09/xmldsig#",
  "xmlns:xades": "http://uri.etsi.org/01903/v1.3.2#",
  "xmlns:xades141": "http://uri.etsi.org/01903/v1.4.1#",
  "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
} as const;

/** What the generation gives: the unsigned XML and the identifiers printed on the ticket. */
export interface GeneratedDeePos {
  xml: string;
  cude: string;
  /** sts:QRCode: the DIAN's search URL for this CUDE. */
  qrUrl: string;
  /** What the printed QR carries (fields and URL). */
  qrText: string;
  /** The CUDE's inputs without the PIN, to explain a rejection; never the PIN itself. */
  issueDate: string;
  issueTime: string;
}

const sumOf = (doc: DeePosDocument, kinds: string[]) =>
  doc.taxes.filter((t) => kinds.includes(t.kind)).reduce((s, t) => s + t.amount, 0);

/** The buyer's id as the CUDE and cbc:CompanyID carry it: a NIT without its check digit. */
function buyerId(doc: DeePosDocument): { number: string; checkDigit: string | undefined } {
  if (doc.buyer.idType !== "NIT") return { number: doc.buyer.idNumber, checkDigit: undefined };
  const nit = splitNit(doc.buyer.idNumber);
  return { number: nit.digits, checkDigit: nit.checkDigit };
}

export function cudeFieldsOf(doc: DeePosDocument): CudeFields {
  const moment = issueMoment(doc.issuedAt, doc.timeZone);
  return {
    number: doc.number,
    issueDate: moment.date,
    issueTime: moment.time,
    lineExtensionAmount: doc.totals.subtotal - doc.totals.discount,
    ivaAmount: sumOf(doc, ["IVA", "EXENTO"]),
    incAmount: sumOf(doc, ["INC"]),
    icaAmount: 0,
    payableAmount: doc.totals.total,
    issuerNit: splitNit(doc.issuer.nit).digits,
    buyerId: buyerId(doc).number,
    softwarePin: doc.software.pin,
    environment: doc.environment,
  };
}

/**
 * The DIAN's electronic equivalent POS document of an accepted sale, unsigned: a UBL 2.1
 * `Invoice` with InvoiceTypeCode 20 and ProfileID "DIAN 2.1: Documento Equivalente POS"
 * (Anexo técnico del documento equivalente electrónico, Res. 000165/2023), its CUDE and QR.
 * The signature (XAdES-EPES) is a later UBLExtension.
 */
export function buildDeePosInvoice(doc: DeePosDocument): GeneratedDeePos {
  const fields = cudeFieldsOf(doc);
  const code = cude(fields);
  const qrUrl = dianDocumentUrl(code, doc.environment);
  const qrText = dianQrText({
    number: doc.number,
    issueDate: fields.issueDate,
    issueTime: fields.issueTime,
    issuerNit: fields.issuerNit,
    buyerId: fields.buyerId,
    lineExtensionAmount: fields.lineExtensionAmount,
    ivaAmount: fields.ivaAmount,
    otherTaxAmount: fields.incAmount,
    payableAmount: fields.payableAmount,
    cude: code,
    environment: doc.environment,
  });
  const securityCode = softwareSecurityCode(doc.software.id, doc.software.pin, doc.number);
  const money = (name: string, amount: Minor) => text(name, dianAmount(amount), { currencyID: doc.currency });
  const lineExtension = doc.totals.subtotal - doc.totals.discount;
  const extensions = [dianExtensionsXml(doc, securityCode, qrUrl), ...posExtensionsXml(doc)].map((content) =>
    el("ext:UBLExtension", undefined, el("ext:ExtensionContent", undefined, content)),
  );
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>${el(
    "Invoice",
    UBL_NAMESPACES,
    el("ext:UBLExtensions", undefined, ...extensions),
    text("cbc:UBLVersionID", "UBL 2.1"),
    text("cbc:CustomizationID", OPERATION_TYPE_STANDARD),
    text("cbc:ProfileID", POS_PROFILE_ID),
    text("cbc:ProfileExecutionID", doc.environment),
    text("cbc:ID", doc.number),
    text("cbc:UUID", code, { schemeID: doc.environment, schemeName: "CUDE-SHA384" }),
    text("cbc:IssueDate", fields.issueDate),
    text("cbc:IssueTime", fields.issueTime),
    text("cbc:InvoiceTypeCode", POS_DOCUMENT_TYPE_CODE),
    doc.notes.trim() ? text("cbc:Note", doc.notes.trim()) : "",
    text("cbc:DocumentCurrencyCode", doc.currency),
    text("cbc:LineCountNumeric", doc.lines.length),
    supplierXml(doc),
    customerXml(doc),
    ...paymentMeansXml(doc),
    ...taxTotalsXml(doc, money),
    el(
      "cac:LegalMonetaryTotal",
      undefined,
      money("cbc:LineExtensionAmount", lineExtension),
      money("cbc:TaxExclusiveAmount", lineExtension),
      money("cbc:TaxInclusiveAmount", lineExtension + doc.totals.tax),
      money("cbc:PayableAmount", doc.totals.total),
    ),
    ...doc.lines.map((line, i) => lineXml(line, i + 1, money)),
  )}`;
  return { xml, cude: code, qrUrl, qrText, issueDate: fields.issueDate, issueTime: fields.issueTime };
}

export function supplierXml(doc: DeePosDocument): string {
  const nit = splitNit(doc.issuer.nit);
  const scheme = partyTaxScheme(doc.issuer.taxRegime);
  const companyId = text("cbc:CompanyID", nit.digits, nitAttributes(nit.checkDigit));
  return el(
    "cac:AccountingSupplierParty",
    undefined,
    text("cbc:AdditionalAccountID", "1"),
    el(
      "cac:Party",
      undefined,
      el("cac:PartyName", undefined, text("cbc:Name", doc.issuer.name)),
      doc.issuer.address
        ? el(
            "cac:PhysicalLocation",
            undefined,
            el(
              "cac:Address",
              undefined,
              el("cac:AddressLine", undefined, text("cbc:Line", doc.issuer.address)),
              el("cac:Country", undefined, text("cbc:IdentificationCode", "CO")),
            ),
          )
        : "",
      el(
        "cac:PartyTaxScheme",
        undefined,
        text("cbc:RegistrationName", doc.issuer.name),
        companyId,
        text("cbc:TaxLevelCode", taxLevelCode(doc.issuer.taxRegime), { listName: "48" }),
        el("cac:TaxScheme", undefined, text("cbc:ID", scheme.id), text("cbc:Name", scheme.name)),
      ),
      el(
        "cac:PartyLegalEntity",
        undefined,
        text("cbc:RegistrationName", doc.issuer.name),
        companyId,
        el("cac:CorporateRegistrationScheme", undefined, text("cbc:ID", doc.authorization.prefix)),
      ),
      doc.issuer.phone ? el("cac:Contact", undefined, text("cbc:Telephone", doc.issuer.phone)) : "",
    ),
  );
}

export function customerXml(doc: DeePosDocument): string {
  const id = buyerId(doc);
  const walkIn = doc.buyer.idNumber === WALK_IN_CLIENT_ID_NUMBER;
  const idAttrs = {
    ...DIAN_AGENCY,
    schemeID: id.checkDigit,
    schemeName: ID_TYPE_CODE[doc.buyer.idType] ?? "13",
  };
  const name = walkIn ? "Consumidor final" : doc.buyer.name;
  return el(
    "cac:AccountingCustomerParty",
    undefined,
    text("cbc:AdditionalAccountID", organizationType(doc.buyer.idType)),
    el(
      "cac:Party",
      undefined,
      el("cac:PartyIdentification", undefined, text("cbc:ID", id.number, idAttrs)),
      el("cac:PartyName", undefined, text("cbc:Name", name)),
      el(
        "cac:PartyTaxScheme",
        undefined,
        text("cbc:RegistrationName", name),
        text("cbc:CompanyID", id.number, idAttrs),
        text("cbc:TaxLevelCode", "R-99-PN", { listName: "48" }),
        el("cac:TaxScheme", undefined, text("cbc:ID", "ZZ"), text("cbc:Name", "No aplica")),
      ),
      el(
        "cac:PartyLegalEntity",
        undefined,
        text("cbc:RegistrationName", name),
        text("cbc:CompanyID", id.number, idAttrs),
      ),
      doc.buyer.email ? el("cac:Contact", undefined, text("cbc:ElectronicMail", doc.buyer.email)) : "",
    ),
  );
}

export function paymentMeansXml(doc: DeePosDocument): string[] {
  const kinds = [...new Set(doc.payments.map((p) => p.kind))];
  return kinds.map((kind) =>
    el(
      "cac:PaymentMeans",
      undefined,
      text("cbc:ID", PAYMENT_FORM_CASH),
      text("cbc:PaymentMeansCode", PAYMENT_MEANS_CODE[kind]),
    ),
  );
}

const percent = (rateBp: number) => (rateBp / 100).toFixed(2);

function taxSubtotalXml(
  money: (name: string, amount: Minor) => string,
  base: Minor,
  amount: Minor,
  scheme: { id: string; name: string },
  rateBp: number,
) {
  return el(
    "cac:TaxSubtotal",
    undefined,
    money("cbc:TaxableAmount", base),
    money("cbc:TaxAmount", amount),
    el(
      "cac:TaxCategory",
      undefined,
      text("cbc:Percent", percent(rateBp)),
      el("cac:TaxScheme", undefined, text("cbc:ID", scheme.id), text("cbc:Name", scheme.name)),
    ),
  );
}

/** One cac:TaxTotal per tax scheme (IVA 01, INC 04), one cac:TaxSubtotal per rate. */
export function taxTotalsXml(doc: DeePosDocument, money: (name: string, amount: Minor) => string): string[] {
  const bySchemeAndRate = new Map<
    string,
    { scheme: { id: string; name: string }; rateBp: number; base: Minor; amount: Minor }
  >();
  for (const t of doc.taxes) {
    const scheme = TAX_SCHEME[t.kind];
    const key = `${scheme.id}|${t.rateBp}`;
    const entry = bySchemeAndRate.get(key) ?? { scheme, rateBp: t.rateBp, base: 0, amount: 0 };
    entry.base += t.base;
    entry.amount += t.amount;
    bySchemeAndRate.set(key, entry);
  }
  const schemes = [...new Set([...bySchemeAndRate.values()].map((e) => e.scheme.id))].sort();
  return schemes.map((id) => {
    const entries = [...bySchemeAndRate.values()].filter((e) => e.scheme.id === id).sort((a, b) => b.rateBp - a.rateBp);
    return el(
      "cac:TaxTotal",
      undefined,
      money(
        "cbc:TaxAmount",
        entries.reduce((s, e) => s + e.amount, 0),
      ),
      ...entries.map((e) => taxSubtotalXml(money, e.base, e.amount, e.scheme, e.rateBp)),
    );
  });
}

const quantityText = (q: number) => q.toFixed(3).replace(/\.?0+$/, "") || "0";

/**
 * A line: its price is stated for the whole quantity (cbc:BaseQuantity = the quantity), so the
 * pre-tax price of a tax-included sale is exact and LineExtensionAmount = PriceAmount − discount.
 */
export function lineXml(
  line: DeePosLine,
  position: number,
  money: (name: string, amount: Minor) => string,
  /** An adjustment note's line: cac:CreditNoteLine with cbc:CreditedQuantity. */
  kind: "invoice" | "creditNote" = "invoice",
): string {
  const scheme = TAX_SCHEME[line.taxKind];
  const quantity = quantityText(line.quantity);
  return el(
    kind === "invoice" ? "cac:InvoiceLine" : "cac:CreditNoteLine",
    undefined,
    text("cbc:ID", position),
    text(kind === "invoice" ? "cbc:InvoicedQuantity" : "cbc:CreditedQuantity", quantity, { unitCode: UNIT_CODE }),
    money("cbc:LineExtensionAmount", line.taxBase),
    line.discount > 0
      ? el(
          "cac:AllowanceCharge",
          undefined,
          text("cbc:ID", "1"),
          text("cbc:ChargeIndicator", "false"),
          text("cbc:AllowanceChargeReason", "Descuento"),
          text("cbc:MultiplierFactorNumeric", line.discountPercent.toFixed(2)),
          money("cbc:Amount", line.discount),
          money("cbc:BaseAmount", line.subtotal),
        )
      : "",
    el(
      "cac:TaxTotal",
      undefined,
      money("cbc:TaxAmount", line.tax),
      taxSubtotalXml(money, line.taxBase, line.tax, scheme, line.taxRateBp),
    ),
    el(
      "cac:Item",
      undefined,
      text("cbc:Description", line.description),
      el("cac:SellersItemIdentification", undefined, text("cbc:ID", line.code)),
      el("cac:StandardItemIdentification", undefined, text("cbc:ID", line.code, { schemeID: "999" })),
    ),
    el(
      "cac:Price",
      undefined,
      money("cbc:PriceAmount", line.subtotal),
      text("cbc:BaseQuantity", quantity, { unitCode: UNIT_CODE }),
    ),
  );
}
