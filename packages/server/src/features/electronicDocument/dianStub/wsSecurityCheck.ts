import { DOMParser, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

const WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const DS_NS = "http://www.w3.org/2000/09/xmldsig#";

export type WsSecurityCheck =
  | { ok: true; action: string; to: string; certificatePem: string; envelope: Document }
  | { ok: false; reason: string };

const first = (node: Element | Document, name: string, ns = "*"): Element | undefined =>
  (node.getElementsByTagNameNS(ns, name) as unknown as Element[])[0];

export const pemOfCertificate = (base64: string) =>
  `-----BEGIN CERTIFICATE-----\n${base64
    .replace(/\s+/g, "")
    .match(/.{1,64}/g)
    ?.join("\n")}\n-----END CERTIFICATE-----\n`;

/**
 * What the DIAN's service checks of a request's WS-Security header before reading it: an X.509
 * BinarySecurityToken, a signature that verifies with that certificate (its KeyInfo a reference to
 * the token), references covering wsa:To, wsa:Action and the Timestamp, a Timestamp that has not
 * expired, and wsa:To naming this service. Independent of the client's signer: the signature is
 * verified by xml-crypto from the envelope's own text.
 */
export function checkWsSecurity(xml: string, expected: { to: string; now: Date; skewMs?: number }): WsSecurityCheck {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
  } catch (error) {
    return { ok: false, reason: `malformed XML: ${String(error)}` };
  }
  const security = first(doc, "Security");
  const token = security && first(security, "BinarySecurityToken");
  const signature = security && first(security, "Signature", DS_NS);
  const timestamp = security && first(security, "Timestamp");
  const to = first(doc, "To");
  const action = first(doc, "Action");
  if (!security || !token || !signature || !timestamp || !to || !action)
    return { ok: false, reason: "the WS-Security header lacks its token, signature, timestamp, To or Action" };
  const certificatePem = pemOfCertificate(token.textContent ?? "");
  const verifier = new SignedXml({ publicCert: certificatePem, idMode: "wssecurity" });
  try {
    verifier.loadSignature(signature as never);
    if (!verifier.checkSignature(xml)) return { ok: false, reason: "the signature does not verify" };
  } catch (error) {
    return { ok: false, reason: `the signature does not verify: ${String((error as Error).message ?? error)}` };
  }
  const signedIds = new Set(verifier.getReferences().map((r) => (r.uri ?? "").replace(/^#/, "")));
  for (const [name, element] of [
    ["To", to],
    ["Action", action],
    ["Timestamp", timestamp],
  ] as const) {
    const id = element.getAttributeNS(WSU_NS, "Id");
    if (!id || !signedIds.has(id)) return { ok: false, reason: `wsa:${name} is not signed` };
  }
  const keyReference = first(signature, "Reference", "*");
  const tokenId = token.getAttributeNS(WSU_NS, "Id");
  const strReference = [...(signature.getElementsByTagNameNS("*", "Reference") as unknown as Element[])].find(
    (r) => r.namespaceURI !== DS_NS,
  );
  if (!keyReference || !strReference || strReference.getAttribute("URI") !== `#${tokenId}`)
    return { ok: false, reason: "the KeyInfo does not reference the BinarySecurityToken" };
  const skew = expected.skewMs ?? 5 * 60_000;
  const created = Date.parse(first(timestamp, "Created")?.textContent ?? "");
  const expires = Date.parse(first(timestamp, "Expires")?.textContent ?? "");
  const now = expected.now.getTime();
  if (!(created <= now + skew) || !(expires >= now - skew))
    return { ok: false, reason: "the Timestamp is not valid now (created in the future or expired)" };
  const toText = (to.textContent ?? "").trim();
  if (toText !== expected.to) return { ok: false, reason: `wsa:To is ${toText}, not this service (${expected.to})` };
  return { ok: true, action: (action.textContent ?? "").trim(), to: toText, certificatePem, envelope: doc };
}
