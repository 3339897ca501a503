import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { SignedXml } from "xml-crypto";
import { buildDeePosInvoice } from "./deePosInvoiceXml";
import { knownDocument } from "./knownDeePosDocument";
import { validateAgainstSchema } from "./schemaValidator";
import { makeTestPkcs12 } from "./testCertificate";
import { DIAN_SIGNATURE_POLICY, readPkcs12, type SigningIdentity, signUblDocument } from "./xadesSigner";

const DS = "http://www.w3.org/2000/09/xmldsig#";
const XADES = "http://uri.etsi.org/01903/v1.3.2#";

let identity: SigningIdentity;
let signed: string;

beforeAll(async () => {
  identity = readPkcs12(makeTestPkcs12("clave-de-prueba"), "clave-de-prueba");
  signed = await signUblDocument(buildDeePosInvoice(knownDocument).xml, identity, new Date("2024-03-05T19:07:10.000Z"));
}, 60_000);

/** xml-crypto, another library than the signer's, checks every reference and the signature value. */
function verify(xml: string): { valid: boolean; errors: string[] } {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const signature = doc.getElementsByTagNameNS(DS, "Signature")[0];
  if (!signature) return { valid: false, errors: ["no signature"] };
  const certificate = Buffer.from(identity.certificateDer).toString("base64");
  const verifier = new SignedXml({
    publicCert: `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)?.join("\n")}\n-----END CERTIFICATE-----\n`,
  });
  verifier.loadSignature(signature as never);
  try {
    const valid = verifier.checkSignature(xml);
    return { valid, errors: [] };
  } catch (error) {
    return { valid: false, errors: [String(error)] };
  }
}

describe("the XAdES-EPES signature", () => {
  it("refuses a wrong PKCS#12 password", () => {
    expect(() => readPkcs12(makeTestPkcs12("una"), "otra")).toThrow();
  });

  it("is verified by an independent verifier (xml-crypto)", () => {
    expect(verify(signed)).toEqual({ valid: true, errors: [] });
  });

  it("breaks when the signed document changes", () => {
    const tampered = signed.replace(
      '<cbc:PayableAmount currencyID="COP">22190.00',
      '<cbc:PayableAmount currencyID="COP">22.00',
    );
    expect(tampered).not.toBe(signed);
    expect(verify(tampered).valid).toBe(false);
  });

  it("is XAdES-EPES with the DIAN policy v2, SHA-256 and the role supplier, in its own UBLExtension", async () => {
    const doc = new DOMParser().parseFromString(signed, "text/xml");
    const signature = doc.getElementsByTagNameNS(DS, "Signature")[0];
    expect(signature?.parentNode?.localName).toBe("ExtensionContent");
    expect(
      doc.getElementsByTagNameNS(
        "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
        "UBLExtension",
      ),
    ).toHaveLength(5);
    const text = (ns: string, name: string) =>
      [...(doc.getElementsByTagNameNS(ns, name) as unknown as Iterable<{ textContent: string }>)].map(
        (e) => e.textContent,
      );
    const attr = (ns: string, name: string, attribute: string) =>
      [...(doc.getElementsByTagNameNS(ns, name) as unknown as Iterable<{ getAttribute: (a: string) => string }>)].map(
        (e) => e.getAttribute(attribute),
      );
    expect(attr(DS, "SignatureMethod", "Algorithm")).toEqual(["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"]);
    expect(attr(DS, "CanonicalizationMethod", "Algorithm")).toEqual([
      "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
    ]);
    expect(new Set(attr(DS, "DigestMethod", "Algorithm"))).toEqual(
      new Set(["http://www.w3.org/2001/04/xmlenc#sha256"]),
    );
    expect(attr(DS, "Reference", "Type")).toContain("http://uri.etsi.org/01903#SignedProperties");
    expect(text(XADES, "Identifier")).toEqual([DIAN_SIGNATURE_POLICY.identifier]);
    const policy = doc.getElementsByTagNameNS(XADES, "SigPolicyHash")[0];
    expect(policy?.getElementsByTagNameNS(DS, "DigestValue")[0]?.textContent).toBe(DIAN_SIGNATURE_POLICY.digestSha256);
    expect(text(XADES, "ClaimedRole")).toEqual(["supplier"]);
    expect(text(XADES, "SigningTime")[0]).toMatch(/^2024-03-05T19:07:10/);
    // Still a valid UBL 2.1 Invoice with the signature inside.
    const validation = await validateAgainstSchema(signed);
    expect(validation.errors).toEqual([]);
  });
});
