import { randomUUID } from "node:crypto";
import { SignedXml } from "xml-crypto";
import type { SigningIdentity } from "../xadesSigner";

export const SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
export const WSA_NS = "http://www.w3.org/2005/08/addressing";
export const WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
export const WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
export const DIAN_WCF_NS = "http://wcf.dian.colombia";
const X509_TOKEN = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
const BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function pemOfPkcs8(der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString("base64")
    .match(/.{1,64}/g)
    ?.join("\n");
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

/**
 * A SOAP 1.2 request to the DIAN's WcfDianCustomerServices, signed as its WS-Security policy asks
 * (Anexo técnico factura electrónica v1.9, web service section "Métodos del servicio web": WS
 * Security 1.0 with an X.509 BinarySecurityToken of the company's certificate, a Timestamp, and
 * WS-Addressing Action and To in the header): an RSA-SHA256 signature, exclusive C14N, over
 * wsa:To, wsa:Action and the Timestamp, its KeyInfo a SecurityTokenReference to the token.
 */
export function signedSoapRequest(input: {
  identity: SigningIdentity;
  /** The operation: "SendBillSync", "SendTestSetAsync", "GetStatus", "GetStatusZip". */
  operation: string;
  /** The service's URL, as wsa:To. */
  to: string;
  /** The body's operation element (wcf: prefix), already escaped XML. */
  body: string;
  now: Date;
  /** Seconds the request is valid (wsu:Expires). */
  ttlSeconds?: number;
}): string {
  const id = randomUUID();
  const created = input.now.toISOString();
  const expires = new Date(input.now.getTime() + (input.ttlSeconds ?? 300) * 1000).toISOString();
  const action = `${DIAN_WCF_NS}/IWcfDianCustomerServices/${input.operation}`;
  const token = Buffer.from(input.identity.certificateDer).toString("base64");
  const envelope =
    `<soap:Envelope xmlns:soap="${SOAP12_NS}" xmlns:wcf="${DIAN_WCF_NS}">` +
    `<soap:Header xmlns:wsa="${WSA_NS}">` +
    `<wsse:Security soap:mustUnderstand="true" xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}">` +
    `<wsu:Timestamp wsu:Id="TS-${id}"><wsu:Created>${created}</wsu:Created><wsu:Expires>${expires}</wsu:Expires></wsu:Timestamp>` +
    `<wsse:BinarySecurityToken EncodingType="${BASE64}" ValueType="${X509_TOKEN}" wsu:Id="X509-${id}">${token}</wsse:BinarySecurityToken>` +
    "</wsse:Security>" +
    `<wsa:Action xmlns:wsu="${WSU_NS}" wsu:Id="action-${id}">${escapeXml(action)}</wsa:Action>` +
    `<wsa:To xmlns:wsu="${WSU_NS}" wsu:Id="to-${id}">${escapeXml(input.to)}</wsa:To>` +
    "</soap:Header>" +
    `<soap:Body>${input.body}</soap:Body>` +
    "</soap:Envelope>";
  const signer = new SignedXml({
    privateKey: pemOfPkcs8(input.identity.privateKeyPkcs8),
    idMode: "wssecurity",
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    getKeyInfoContent: () =>
      `<wsse:SecurityTokenReference wsu:Id="STR-${id}"><wsse:Reference URI="#X509-${id}" ValueType="${X509_TOKEN}"/></wsse:SecurityTokenReference>`,
  });
  for (const element of ["To", "Action", "Timestamp"])
    signer.addReference({
      xpath: `//*[local-name(.)='${element}' and @*[local-name(.)='Id']]`,
      transforms: [EXC_C14N],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      // The DIAN's examples canonicalize with these prefixes kept.
      inclusiveNamespacesPrefixList: ["soap", "wcf"],
    });
  signer.computeSignature(envelope, {
    prefix: "ds",
    location: { reference: "//*[local-name(.)='BinarySecurityToken']", action: "after" },
    existingPrefixes: { wsse: WSSE_NS, wsu: WSU_NS },
  });
  return signer.getSignedXml();
}

export { escapeXml };
