import { createHash } from "node:crypto";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { buildDeePosInvoice } from "./deePosInvoiceXml";
import { knownDocument } from "./knownDeePosDocument";
import { validateAgainstSchema } from "./schemaValidator";

const NS = {
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  ext: "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
  sts: "dian:gov:co:facturaelectronica:Structures-2-1",
  inv: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
} as const;

const sha384 = (text: string) => createHash("sha384").update(text, "utf8").digest("hex");

function parse(xml: string) {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const root = doc.documentElement as unknown as Element;
  const all = (ns: keyof typeof NS, name: string, from: Element = root) => [
    ...(from.getElementsByTagNameNS(NS[ns], name) as unknown as Iterable<Element>),
  ];
  const one = (ns: keyof typeof NS, name: string, from: Element = root) => {
    const found = all(ns, name, from);
    expect(found, `${ns}:${name}`).toHaveLength(1);
    return found[0] as Element;
  };
  const textOf = (ns: keyof typeof NS, name: string, from: Element = root) => one(ns, name, from).textContent;
  /** The direct children of an element named `name` (any namespace), as text. */
  const childTexts = (element: Element) =>
    [...(element.childNodes as unknown as Iterable<Element>)].filter((n) => n.nodeType === 1).map((n) => n.textContent);
  return { root, all, one, textOf, childTexts };
}

describe("the DEE POS document of a known sale", () => {
  const generated = buildDeePosInvoice(knownDocument);

  it("has the CUDE of the annex's concatenation, amounts with two decimals", () => {
    const input =
      "SETP990000001" +
      "2024-03-05" +
      "14:07:09-05:00" +
      "19800.00" +
      "01" +
      "1990.00" +
      "04" +
      "400.00" +
      "03" +
      "0.00" +
      "22190.00" +
      "900123456" +
      "222222222222" +
      "73915" +
      "2";
    expect(generated.cude).toBe(sha384(input));
    expect(generated.qrUrl).toBe(
      `https://catalogo-vpfe-hab.dian.gov.co/document/searchqr?documentkey=${generated.cude}`,
    );
    expect(generated.qrText).toContain(`CUDE: ${generated.cude}`);
    expect(generated.qrText).toContain("ValTolFac: 22190.00");
  });

  it("validates against the UBL 2.1 Invoice schema", async () => {
    const result = await validateAgainstSchema(generated.xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("the validation is real: a misplaced element or an unknown one is refused", async () => {
    const date = "<cbc:IssueDate>2024-03-05</cbc:IssueDate>";
    const moved = generated.xml.replace(date, "").replace("</cbc:IssueTime>", `</cbc:IssueTime>${date}`);
    const unknown = generated.xml.replace(
      "<cbc:LineCountNumeric>",
      "<cbc:Colour>red</cbc:Colour><cbc:LineCountNumeric>",
    );
    for (const broken of [moved, unknown]) {
      const result = await validateAgainstSchema(broken);
      expect(result.valid).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  it("is a POS equivalent document: type 20, the POS profile, test environment, CUDE as UUID", () => {
    const x = parse(generated.xml);
    expect(x.root.namespaceURI).toBe(NS.inv);
    expect(x.root.localName).toBe("Invoice");
    const header = (name: string) => x.all("cbc", name).find((e) => e.parentNode === (x.root as unknown))?.textContent;
    expect(header("UBLVersionID")).toBe("UBL 2.1");
    expect(header("CustomizationID")).toBe("10");
    expect(header("ProfileID")).toBe("DIAN 2.1: Documento Equivalente POS");
    expect(header("ProfileExecutionID")).toBe("2");
    expect(header("ID")).toBe("SETP990000001");
    expect(header("IssueDate")).toBe("2024-03-05");
    expect(header("IssueTime")).toBe("14:07:09-05:00");
    expect(header("InvoiceTypeCode")).toBe("20");
    expect(header("DocumentCurrencyCode")).toBe("COP");
    expect(header("LineCountNumeric")).toBe("4");
    const uuid = x.one("cbc", "UUID");
    expect(uuid.textContent).toBe(generated.cude);
    expect(uuid.getAttribute("schemeName")).toBe("CUDE-SHA384");
    expect(uuid.getAttribute("schemeID")).toBe("2");
  });

  it("carries every DIAN extension (sts:DianExtensions)", () => {
    const x = parse(generated.xml);
    const dian = x.one("sts", "DianExtensions");
    expect(x.childTexts(dian)).toHaveLength(6);
    const control = x.one("sts", "InvoiceControl", dian);
    expect(x.textOf("sts", "InvoiceAuthorization", control)).toBe("18760000001");
    expect(x.textOf("cbc", "StartDate", control)).toBe("2019-01-19");
    expect(x.textOf("cbc", "EndDate", control)).toBe("2030-01-19");
    expect(x.textOf("sts", "Prefix", control)).toBe("SETP");
    expect(x.textOf("sts", "From", control)).toBe("990000000");
    expect(x.textOf("sts", "To", control)).toBe("995000000");
    expect(x.textOf("cbc", "IdentificationCode", x.one("sts", "InvoiceSource", dian))).toBe("CO");
    const provider = x.one("sts", "ProviderID", dian);
    expect(provider.textContent).toBe("900123456");
    expect(provider.getAttribute("schemeID")).toBe("8");
    expect(provider.getAttribute("schemeName")).toBe("31");
    expect(provider.getAttribute("schemeAgencyID")).toBe("195");
    expect(x.textOf("sts", "SoftwareID", dian)).toBe("56f2ae4e-9812-4fad-9255-08fcfcd5ccb0");
    expect(x.textOf("sts", "SoftwareSecurityCode", dian)).toBe(
      sha384("56f2ae4e-9812-4fad-9255-08fcfcd5ccb0" + "73915" + "SETP990000001"),
    );
    const authority = x.one("sts", "AuthorizationProviderID", dian);
    expect(authority.textContent).toBe("800197268");
    expect(authority.getAttribute("schemeID")).toBe("4");
    expect(x.textOf("sts", "QRCode", dian)).toBe(generated.qrUrl);
    // The PIN enters the hashes only.
    expect(generated.xml).not.toContain("73915");
  });

  it("carries the POS extensions: manufacturer, buyer benefits, cash register", () => {
    const x = parse(generated.xml);
    const extensions = x.all("ext", "ExtensionContent");
    expect(extensions).toHaveLength(4);
    const group = (name: string) => {
      const found = x.all("inv", name);
      expect(found, name).toHaveLength(1);
      return x.childTexts((found[0] as Element).firstChild as Element);
    };
    expect(group("FabricanteSoftware")).toEqual([
      "NombreApellido",
      "Mostrador",
      "RazonSocial",
      "Mostrador",
      "NombreSoftware",
      "Mostrador POS",
    ]);
    expect(group("BeneficiosComprador")).toEqual([
      "Codigo",
      "222222222222",
      "NombresApellidos",
      "Consumidor final",
      "Puntos",
      "0",
    ]);
    expect(group("PuntoVenta")).toEqual([
      "PlacaCaja",
      "Caja 1",
      "UbicaciónCaja",
      "Calle 10 # 5-20, Bogotá",
      "Cajero",
      "Carla Cajera",
      "TipoCaja",
      "POS",
      "CódigoVenta",
      knownDocument.saleId,
      "SubTotal",
      "19800.00",
    ]);
  });

  it("states parties, taxes per rate, totals, payment means and lines", () => {
    const x = parse(generated.xml);
    const supplier = x.one("cac", "AccountingSupplierParty");
    expect(x.all("cbc", "CompanyID", supplier).map((e) => e.textContent)).toEqual(["900123456", "900123456"]);
    const customer = x.one("cac", "AccountingCustomerParty");
    expect(x.textOf("cbc", "AdditionalAccountID", customer)).toBe("2");
    const buyerId = x.one("cbc", "ID", x.one("cac", "PartyIdentification", customer));
    expect(buyerId.textContent).toBe("222222222222");
    expect(buyerId.getAttribute("schemeName")).toBe("13");
    expect(x.textOf("cbc", "PaymentMeansCode")).toBe("10");
    const taxTotals = x.all("cac", "TaxTotal").filter((e) => e.parentNode === (x.root as unknown));
    const summary = taxTotals.map((t) => ({
      amount: x.all("cbc", "TaxAmount", t)[0]?.textContent,
      subtotals: x
        .all("cac", "TaxSubtotal", t)
        .map((s) => [
          x.all("cbc", "ID", s)[0]?.textContent,
          x.textOf("cbc", "Percent", s),
          x.textOf("cbc", "TaxableAmount", s),
          x.textOf("cbc", "TaxAmount", s),
        ]),
    }));
    expect(summary).toEqual([
      {
        amount: "1990.00",
        subtotals: [
          ["01", "19.00", "10000.00", "1900.00"],
          ["01", "5.00", "1800.00", "90.00"],
          ["01", "0.00", "3000.00", "0.00"],
        ],
      },
      { amount: "400.00", subtotals: [["04", "8.00", "5000.00", "400.00"]] },
    ]);
    const totals = x.one("cac", "LegalMonetaryTotal");
    expect(x.childTexts(totals)).toEqual(["19800.00", "19800.00", "22190.00", "22190.00"]);
    const lines = x.all("cac", "InvoiceLine");
    expect(lines).toHaveLength(4);
    const discounted = lines[1] as Element;
    expect(x.textOf("cbc", "LineExtensionAmount", discounted)).toBe("1800.00");
    expect(x.textOf("cbc", "Amount", discounted)).toBe("200.00");
    expect(x.textOf("cbc", "Description", discounted)).toBe("Café molido <250 g> & más");
    expect(x.textOf("cbc", "InvoicedQuantity", lines[2] as Element)).toBe("1.5");
    expect(x.textOf("cbc", "PriceAmount", lines[2] as Element)).toBe("5000.00");
  });

  it("a NIT buyer with an email, several payment means and notes also validates", async () => {
    const other = buildDeePosInvoice({
      ...knownDocument,
      environment: "1",
      number: "SETP990000002",
      buyer: { idType: "NIT", idNumber: "890903938-8", name: "Cliente & Cía", email: "compras@cliente.co" },
      payments: [
        { kind: "debit_card", amount: 1_000_000 },
        { kind: "cash", amount: 1_219_000 },
      ],
      notes: "Entrega en mostrador",
    });
    const x = parse(other.xml);
    const buyerId = x.one("cbc", "ID", x.one("cac", "PartyIdentification"));
    expect(buyerId.textContent).toBe("890903938");
    expect(buyerId.getAttribute("schemeID")).toBe("8");
    expect(buyerId.getAttribute("schemeName")).toBe("31");
    expect(x.all("cbc", "PaymentMeansCode").map((e) => e.textContent)).toEqual(["49", "10"]);
    expect(other.cude).not.toBe(generated.cude);
    expect(other.qrUrl).toContain("https://catalogo-vpfe.dian.gov.co/");
    const result = await validateAgainstSchema(other.xml);
    expect(result.errors).toEqual([]);
  });
});
