import { dianAmount } from "@mostrador/domain";
import type { DeePosDocument } from "./deePosDocument";
import { DIAN_AGENCY, DIAN_NIT } from "./dianCodes";
import { el, text } from "./xml";

/** A NIT as the DIAN's identifiers carry it: the digits, the check digit in schemeID, schemeName 31. */
export function nitAttributes(checkDigit: string) {
  return { ...DIAN_AGENCY, schemeID: checkDigit, schemeName: "31" };
}

export function splitNit(nit: string): { digits: string; checkDigit: string } {
  const [digits = "", checkDigit = ""] = nit.split("-");
  return { digits, checkDigit };
}

/**
 * sts:DianExtensions (Anexo técnico, group "Extensiones DIAN", and the POS annex's use of it):
 * the range's authorization (InvoiceControl), the country (InvoiceSource), the software and its
 * provider, the software security code, the DIAN as authorization provider and the QR's URL.
 * Note: the DIAN_UBL_Structures.xsd of the reference set restricts ProviderID/@schemeID to id
 * types, while the annex puts the NIT's check digit there (schemeName 31); the annex wins. The
 * extension content is `xsd:any` lax, so the UBL schema does not check it: tests assert it.
 */
export function dianExtensionsXml(
  doc: DeePosDocument,
  securityCode: string,
  qrUrl: string,
  /** An adjustment note carries no InvoiceControl (it is not numbered by an authorized range). */
  options: { invoiceControl?: boolean } = {},
): string {
  const a = doc.authorization;
  const provider = splitNit(doc.software.providerNit);
  return el(
    "sts:DianExtensions",
    undefined,
    options.invoiceControl === false
      ? ""
      : el(
          "sts:InvoiceControl",
          undefined,
          text("sts:InvoiceAuthorization", a.number),
          el(
            "sts:AuthorizationPeriod",
            undefined,
            text("cbc:StartDate", a.validFrom),
            text("cbc:EndDate", a.validUntil),
          ),
          el(
            "sts:AuthorizedInvoices",
            undefined,
            a.prefix ? text("sts:Prefix", a.prefix) : "",
            text("sts:From", a.from),
            text("sts:To", a.to),
          ),
        ),
    el(
      "sts:InvoiceSource",
      undefined,
      text("cbc:IdentificationCode", "CO", {
        listAgencyID: "6",
        listAgencyName: "United Nations Economic Commission for Europe",
        listSchemeURI: "urn:oasis:names:specification:ubl:codelist:gc:CountryIdentificationCode-2.1",
      }),
    ),
    el(
      "sts:SoftwareProvider",
      undefined,
      text("sts:ProviderID", provider.digits, nitAttributes(provider.checkDigit)),
      text("sts:SoftwareID", doc.software.id, DIAN_AGENCY),
    ),
    text("sts:SoftwareSecurityCode", securityCode, DIAN_AGENCY),
    el(
      "sts:AuthorizationProvider",
      undefined,
      text("sts:AuthorizationProviderID", DIAN_NIT.number, nitAttributes(DIAN_NIT.checkDigit)),
    ),
    text("sts:QRCode", qrUrl),
  );
}

/** One POS extension group: its elements as the annex's Name/Value pairs. */
function nameValues(group: string, info: string, pairs: [string, string][]): string {
  return el(
    group,
    undefined,
    el(info, undefined, ...pairs.flatMap(([name, value]) => [text("Name", name), text("Value", value)])),
  );
}

/**
 * The POS extensions of the equivalent document (Anexo técnico del documento equivalente
 * electrónico, "Extensiones POS"): the software's manufacturer, the buyer's benefits (loyalty
 * points; Mostrador has none, so 0) and the cash register's information. They are written in the
 * document's default namespace (the Invoice's), like the annex's examples, which keeps them inside
 * what ext:ExtensionContent admits (##other).
 */
export function posExtensionsXml(doc: DeePosDocument): string[] {
  return [
    nameValues("FabricanteSoftware", "InformacionDelFabricanteDelSoftware", [
      ["NombreApellido", doc.manufacturer.name],
      ["RazonSocial", doc.manufacturer.companyName],
      ["NombreSoftware", doc.manufacturer.softwareName],
    ]),
    nameValues("BeneficiosComprador", "InformacionBeneficiosComprador", [
      ["Codigo", doc.buyer.idNumber],
      ["NombresApellidos", doc.buyer.name],
      ["Puntos", "0"],
    ]),
    nameValues("PuntoVenta", "InformacionCajaVenta", [
      ["PlacaCaja", doc.register.plate],
      ["UbicaciónCaja", doc.register.location],
      ["Cajero", doc.register.cashier],
      ["TipoCaja", doc.register.type],
      ["CódigoVenta", doc.saleId],
      ["SubTotal", dianAmount(doc.totals.subtotal - doc.totals.discount)],
    ]),
  ];
}
