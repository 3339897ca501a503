import { webcrypto } from "node:crypto";
import * as xmldom from "@xmldom/xmldom";
import forge from "node-forge";
import * as xadesjs from "xadesjs";
import xpath from "xpath";
import type { SigningIdentity } from "../dianCertificate/certificateInspector";

/**
 * The DIAN's signature policy v2 (Anexo técnico, section "Firma digital": XAdES-EPES, policy
 * identifier, its SHA-256 digest as the DIAN publishes it, and the signer's role).
 */
export const DIAN_SIGNATURE_POLICY = {
  identifier: "https://facturaelectronica.dian.gov.co/politicadefirma/v2/politicadefirmav2.pdf",
  description: "Política de firma para facturas electrónicas de la República de Colombia.",
  digestSha256: "dMoMvtcG5aIzgYo0tIsSQeVJBDnUnfSOfBpxXrmor0Y=",
} as const;

const EXT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2";
const C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";

let configured = false;
function configure() {
  if (configured) return;
  xadesjs.setNodeDependencies({
    XMLSerializer: xmldom.XMLSerializer,
    DOMParser: xmldom.DOMParser,
    DOMImplementation: xmldom.DOMImplementation,
    xpath,
  });
  xadesjs.Application.setEngine("NodeJS", webcrypto as unknown as Crypto);
  configured = true;
}

// The company's key and certificate: the certificate feature (dianCertificate) owns the type.
export type { SigningIdentity };

/** Reads a PKCS#12 (.p12/.pfx): its first private key and the certificate that goes with it. */
export function readPkcs12(p12: Uint8Array, password: string): SigningIdentity {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString("binary")));
  const pkcs12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  const keyBag = forge.pki.oids.pkcs8ShroudedKeyBag as string;
  const certBag = forge.pki.oids.certBag as string;
  const keyBags = pkcs12.getBags({ bagType: keyBag })[keyBag];
  const certBags = pkcs12.getBags({ bagType: certBag })[certBag];
  const key = keyBags?.[0]?.key;
  const certificate = certBags?.[0]?.cert;
  if (!key || !certificate) throw new Error("the PKCS#12 file holds no private key and certificate");
  const pkcs8 = forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key as forge.pki.rsa.PrivateKey));
  return {
    privateKeyPkcs8: Buffer.from(forge.asn1.toDer(pkcs8).getBytes(), "binary"),
    certificateDer: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), "binary"),
  };
}

/**
 * Signs a UBL document as the DIAN asks: an enveloped XAdES-EPES signature (RSA with SHA-256,
 * C14N), the DIAN's policy v2 and the role "supplier", placed in a UBLExtension of its own after
 * the others. The document's reference (URI "") drops the signature (enveloped transform), so the
 * empty extension that will hold it is added before signing.
 */
export async function signUblDocument(xml: string, identity: SigningIdentity, signingTime: Date): Promise<string> {
  configure();
  const doc = xadesjs.Parse(xml);
  const extensions = doc.getElementsByTagNameNS(EXT_NS, "UBLExtensions")[0];
  if (!extensions) throw new Error("the document has no ext:UBLExtensions to hold the signature");
  const extension = doc.createElementNS(EXT_NS, "ext:UBLExtension");
  const content = doc.createElementNS(EXT_NS, "ext:ExtensionContent");
  extension.appendChild(content);
  extensions.appendChild(extension);

  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const key = await webcrypto.subtle.importKey("pkcs8", identity.privateKeyPkcs8, algorithm, false, ["sign"]);
  const certificate = Buffer.from(identity.certificateDer).toString("base64");
  const signed = new xadesjs.SignedXml();
  signed.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = C14N;
  const id = `xmldsig-${webcrypto.randomUUID()}`;
  const signature = await signed.Sign(algorithm, key as unknown as CryptoKey, doc, {
    id,
    x509: [certificate],
    references: [{ id: `${id}-ref0`, uri: "", hash: "SHA-256", transforms: ["enveloped", "c14n"] }],
    signingCertificate: { certificate, digestAlgorithm: "SHA-256" },
    signingTime: { value: signingTime },
    policy: {
      hash: "SHA-256",
      identifier: { value: DIAN_SIGNATURE_POLICY.identifier, description: DIAN_SIGNATURE_POLICY.description },
      digestValue: DIAN_SIGNATURE_POLICY.digestSha256,
    },
    signerRole: { claimed: ["supplier"] },
  });
  content.appendChild(signature.GetXml() as unknown as Node);
  return new xmldom.XMLSerializer().serializeToString(doc as unknown as xmldom.Node);
}
