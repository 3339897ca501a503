import { DOMParser, type Element } from "@xmldom/xmldom";
import type { SigningIdentity } from "../xadesSigner";
import {
  type DianAnswer,
  type DianGateway,
  type DianTestSetReceipt,
  DianUnavailable,
  type DianZipFile,
} from "./dianGateway";
import { escapeXml, SOAP12_NS, signedSoapRequest } from "./wsSecurity";

export interface SoapDianGatewayOptions {
  /** The service's URL (company setting, or the DIAN's own for the environment). */
  url: string;
  identity: SigningIdentity;
  /** Milliseconds before a call is given up as unavailable (default 30 s). */
  timeoutMs?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

const children = (node: Element | Document, name: string): Element[] =>
  Array.from(node.getElementsByTagNameNS("*", name) as unknown as Iterable<Element>);
const textOf = (node: Element | Document, name: string): string | null => children(node, name)[0]?.textContent ?? null;

/** DianResponse (namespace DianResponse of the WSDL) as the interface's DianAnswer. */
function answerOf(node: Element, raw: string): DianAnswer {
  const errors = children(node, "ErrorMessage")[0];
  return {
    statusCode: (textOf(node, "StatusCode") ?? "").trim(),
    isValid: (textOf(node, "IsValid") ?? "").trim() === "true",
    statusDescription: (textOf(node, "StatusDescription") ?? "").trim(),
    messages: errors ? children(errors, "string").map((s) => (s.textContent ?? "").trim()) : [],
    documentKey: textOf(node, "XmlDocumentKey")?.trim() || null,
    raw,
  };
}

/**
 * The DIAN's WcfDianCustomerServices over SOAP 1.2 with WS-Security (Anexo técnico factura
 * electrónica v1.9, web service section): each call is one signed envelope POSTed with the
 * SOAP 1.2 content type carrying the action; the answer's DianResponse is read by element names.
 * Anything but a parsed answer (network error, timeout, HTTP 5xx, SOAP fault) is DianUnavailable.
 */
export function soapDianGateway(options: SoapDianGatewayOptions): DianGateway {
  const now = options.now ?? (() => new Date());
  const doFetch = options.fetch ?? fetch;

  async function call(operation: string, body: string): Promise<{ doc: Document; raw: string }> {
    const envelope = signedSoapRequest({ identity: options.identity, operation, to: options.url, body, now: now() });
    const action = `http://wcf.dian.colombia/IWcfDianCustomerServices/${operation}`;
    let response: Response;
    let raw: string;
    try {
      response = await doFetch(options.url, {
        method: "POST",
        headers: { "content-type": `application/soap+xml; charset=utf-8; action="${action}"` },
        body: envelope,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      raw = await response.text();
    } catch (error) {
      throw new DianUnavailable(
        `the DIAN's service did not answer: ${String((error as Error).message ?? error)}`,
        null,
      );
    }
    let doc: Document | null = null;
    try {
      doc = new DOMParser().parseFromString(raw, "text/xml") as unknown as Document;
    } catch {
      doc = null;
    }
    const fault = doc ? children(doc, "Fault").find((f) => f.namespaceURI === SOAP12_NS) : undefined;
    if (fault || !response.ok || !doc) {
      const reason = fault ? (textOf(fault, "Text") ?? textOf(fault, "Reason") ?? "").trim() : raw.slice(0, 200);
      throw new DianUnavailable(
        `the DIAN's service answered HTTP ${response.status}${reason ? `: ${reason}` : ""}`,
        response.status,
      );
    }
    return { doc, raw };
  }

  const zipBody = (operation: string, file: DianZipFile, extra = "") =>
    `<wcf:${operation}><wcf:fileName>${escapeXml(file.fileName)}</wcf:fileName>` +
    `<wcf:contentFile>${Buffer.from(file.content).toString("base64")}</wcf:contentFile>${extra}</wcf:${operation}>`;

  function oneAnswer(doc: Document, raw: string, result: string): DianAnswer {
    const node = children(doc, result)[0];
    if (!node) throw new DianUnavailable(`the DIAN's answer has no ${result}`, 200);
    return answerOf(node, raw);
  }

  return {
    async sendBillSync(file) {
      const { doc, raw } = await call("SendBillSync", zipBody("SendBillSync", file));
      return oneAnswer(doc, raw, "SendBillSyncResult");
    },
    async sendTestSetAsync(file, testSetId): Promise<DianTestSetReceipt> {
      const extra = `<wcf:testSetId>${escapeXml(testSetId)}</wcf:testSetId>`;
      const { doc, raw } = await call("SendTestSetAsync", zipBody("SendTestSetAsync", file, extra));
      const result = children(doc, "SendTestSetAsyncResult")[0];
      if (!result) throw new DianUnavailable("the DIAN's answer has no SendTestSetAsyncResult", 200);
      const list = children(result, "ErrorMessageList")[0];
      const messages = list
        ? children(list, "XmlParamsResponseTrackId").map((n) => (textOf(n, "ProcessedMessage") ?? "").trim())
        : [];
      return { zipKey: textOf(result, "ZipKey")?.trim() || null, messages, raw };
    },
    async getStatus(cude) {
      const { doc, raw } = await call(
        "GetStatus",
        `<wcf:GetStatus><wcf:trackId>${escapeXml(cude)}</wcf:trackId></wcf:GetStatus>`,
      );
      return oneAnswer(doc, raw, "GetStatusResult");
    },
    async getStatusZip(zipKey) {
      const { doc, raw } = await call(
        "GetStatusZip",
        `<wcf:GetStatusZip><wcf:trackId>${escapeXml(zipKey)}</wcf:trackId></wcf:GetStatusZip>`,
      );
      const result = children(doc, "GetStatusZipResult")[0];
      if (!result) throw new DianUnavailable("the DIAN's answer has no GetStatusZipResult", 200);
      return children(result, "DianResponse").map((n) => answerOf(n, raw));
    },
  };
}
