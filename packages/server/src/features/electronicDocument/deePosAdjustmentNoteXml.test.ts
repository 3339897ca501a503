import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { buildDeePosAdjustmentNote, type GeneratedAdjustmentNote } from "./deePosAdjustmentNoteXml";
import type { DeePosDocument } from "./deePosDocument";
import { buildDeePosInvoice } from "./deePosInvoiceXml";
import { knownDocument } from "./knownDeePosDocument";
import { validateAgainstSchema } from "./schemaValidator";
import { makeTestPkcs12 } from "./testCertificate";
import { readPkcs12, signUblDocument } from "./xadesSigner";

const CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
const CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const STS = "dian:gov:co:facturaelectronica:Structures-2-1";
const DS = "http://www.w3.org/2000/09/xmldsig#";

const ticket = buildDeePosInvoice(knownDocument);
const adjusted = { number: knownDocument.number, cude: ticket.cude, issueDate: ticket.issueDate };

/** A return of the ticket's first line: the note's own number, lines and totals. */
function partialReturn(): DeePosDocument {
  const line = knownDocument.lines[0] as DeePosDocument["lines"][number];
  return {
    ...knownDocument,
    number: "NA1",
    issuedAt: "2024-03-06T15:00:00.000Z",
    lines: [line],
    taxes: [{ kind: line.taxKind, rateBp: line.taxRateBp, base: line.taxBase, amount: line.tax }],
    totals: { subtotal: line.subtotal, discount: line.discount, tax: line.tax, total: line.taxBase + line.tax },
    payments: [{ kind: "cash", amount: line.taxBase + line.tax }],
    notes: "Devolución: producto defectuoso",
  };
}

let partial: GeneratedAdjustmentNote;
let signed: string;

beforeAll(async () => {
  partial = buildDeePosAdjustmentNote(partialReturn(), adjusted, {
    code: "1",
    description: "Devolución parcial de los bienes",
  });
  const identity = readPkcs12(makeTestPkcs12("nota"), "nota");
  signed = await signUblDocument(partial.xml, identity, new Date("2024-03-06T15:00:01Z"));
}, 30_000);

const one = (doc: Document, ns: string, name: string) => doc.getElementsByTagNameNS(ns, name)[0]?.textContent;

describe("the adjustment note (nota de ajuste, CreditNote type 94)", () => {
  it("references the ticket's CUDE, says why, has its own CUDE and no range authorization", () => {
    const doc = new DOMParser().parseFromString(partial.xml, "text/xml") as unknown as Document;
    expect(doc.documentElement.localName).toBe("CreditNote");
    expect(one(doc, CBC, "CreditNoteTypeCode")).toBe("94");
    expect(one(doc, CBC, "ProfileExecutionID")).toBe("2");
    const reference = doc.getElementsByTagNameNS(CAC, "InvoiceDocumentReference")[0] as unknown as Element;
    expect(one(reference as unknown as Document, CBC, "ID")).toBe("SETP990000001");
    expect(one(reference as unknown as Document, CBC, "UUID")).toBe(ticket.cude);
    expect(reference.getElementsByTagNameNS(CBC, "UUID")[0]?.getAttribute("schemeName")).toBe("CUDE-SHA384");
    expect(one(doc, CBC, "ResponseCode")).toBe("1");
    expect(partial.cude).toMatch(/^[0-9a-f]{96}$/);
    expect(partial.cude).not.toBe(ticket.cude);
    expect(partial.xml).toContain(`<cbc:UUID schemeID="2" schemeName="CUDE-SHA384">${partial.cude}</cbc:UUID>`);
    expect(doc.getElementsByTagNameNS(STS, "DianExtensions")).toHaveLength(1);
    expect(doc.getElementsByTagNameNS(STS, "InvoiceControl")).toHaveLength(0);
    expect(one(doc, STS, "QRCode")).toBe(partial.qrUrl);
    expect(doc.getElementsByTagNameNS(CAC, "CreditNoteLine")).toHaveLength(1);
    expect(doc.getElementsByTagNameNS(CBC, "CreditedQuantity")).toHaveLength(1);
    expect(one(doc, CBC, "PayableAmount")).toBe("11900.00");
    // The PIN enters the hashes only.
    expect(partial.xml).not.toContain(">73915<");
  });

  it("a void adjusts the whole ticket (ResponseCode 2) with the ticket's totals", () => {
    const voided = buildDeePosAdjustmentNote({ ...knownDocument, number: "NA2" }, adjusted, {
      code: "2",
      description: "Anulación del documento equivalente",
    });
    expect(voided.xml).toContain("<cbc:ResponseCode>2</cbc:ResponseCode>");
    expect(voided.xml).toContain('<cbc:PayableAmount currencyID="COP">22190.00</cbc:PayableAmount>');
    expect(voided.xml.match(/<cac:CreditNoteLine>/g)).toHaveLength(knownDocument.lines.length);
  });

  it("signed, it validates against the UBL 2.1 CreditNote schema and its signature verifies (xml-crypto)", async () => {
    const doc = new DOMParser().parseFromString(signed, "text/xml");
    const signature = doc.getElementsByTagNameNS(DS, "Signature")[0];
    const cert = doc.getElementsByTagNameNS(DS, "X509Certificate")[0]?.textContent;
    const verifier = new SignedXml({
      publicCert: `-----BEGIN CERTIFICATE-----\n${cert?.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----\n`,
    });
    verifier.loadSignature(signature as never);
    expect(verifier.checkSignature(signed)).toBe(true);
    const validation = await validateAgainstSchema(signed, "UBL-CreditNote-2.1.xsd");
    expect(validation.errors).toEqual([]);
  });
});
