import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { unzipFiles } from "../dianClient/zipFile";
import {
  accepted,
  DATA_CONTRACT,
  dianResponseXml,
  processedBefore,
  rejected,
  type StubDianResponse,
  soapAnswer,
  soapFault,
  unknownTrackId,
} from "./dianStubAnswers";
import { checkWsSecurity, pemOfCertificate } from "./wsSecurityCheck";

/**
 * What the stub does with the next document it receives: accept it, reject it with rule messages
 * ("Regla: FAD06, Rechazo: …"), answer HTTP 503 without keeping it, or keep it (accepted) but lose
 * the answer (HTTP 503 after processing: the client cannot know, GetStatus can).
 */
export type DianStubOutcome = "accepted" | "unavailable" | "lost" | { rejected: string[] };

export interface DianStubRequest {
  operation: string;
  /** The CUDE of the document sent (SendBillSync, SendTestSetAsync) or asked for (GetStatus). */
  trackId: string | null;
  /** HTTP status answered. */
  status: number;
  /** What the stub said: "accepted", "rejected", "processed_before", "unavailable", "unknown", "invalid_security"… */
  answer: string;
}

/** A document the stub received as new, in order: what kind it is (a ticket, an adjustment note and why). */
export interface DianStubDocument {
  cude: string;
  /** The root element: "Invoice" (a DEE POS ticket) or "CreditNote" (an adjustment note). */
  root: string;
  /** cbc:InvoiceTypeCode or cbc:CreditNoteTypeCode. */
  typeCode: string | null;
  /** A note's cac:DiscrepancyResponse/cbc:ResponseCode (1 a return, 2 the annulment); null on a ticket. */
  responseCode: string | null;
  answer: string;
}

export interface DianStub {
  /** The service's URL: the company's DIAN service URL in tests and e2e. */
  url: string;
  /** Outcomes of the next documents received, in order; once used up every document is accepted. */
  plan(...outcomes: DianStubOutcome[]): void;
  /** Every request, in order. */
  readonly requests: DianStubRequest[];
  /** Every document received as new (not those refused before any rule), in order. */
  readonly documents: DianStubDocument[];
  /** How many times a CUDE was received as a new document (the DIAN processes each once). */
  newReceipts(cude: string): number;
  /** Milliseconds every answer waits (a slow DIAN); 0 by default. */
  delayMs: number;
  close(): Promise<void>;
}

const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
const first = (node: Element | Document, name: string, ns = "*"): Element | undefined =>
  (node.getElementsByTagNameNS(ns, name) as unknown as Element[])[0];

/** The document's XAdES signature, verified as the DIAN does before any rule (xml-crypto, from its KeyInfo). */
function documentSignatureValid(xml: string): boolean {
  try {
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const signature = first(doc as unknown as Document, "Signature", DS_NS);
    const certificate = signature && first(signature, "X509Certificate", DS_NS)?.textContent;
    if (!signature || !certificate) return false;
    const verifier = new SignedXml({ publicCert: pemOfCertificate(certificate) });
    verifier.loadSignature(signature as never);
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) throw new Error("request too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A local stand-in for the DIAN's WcfDianCustomerServices (habilitación and production alike),
 * for tests and e2e: it checks each request's WS-Security signature (a bad one gets the SOAP fault
 * the DIAN's WCF answers), reads the zip, verifies the document's XAdES signature and answers
 * SendBillSync / SendTestSetAsync / GetStatus / GetStatusZip with DianResponse as the DIAN does —
 * a CUDE received before is "Regla: 90, Rechazo: Documento procesado anteriormente.".
 */
export async function startDianStub(options: { port?: number; host?: string } = {}): Promise<DianStub> {
  const planned: DianStubOutcome[] = [];
  const requests: DianStubRequest[] = [];
  const documents = new Map<string, StubDianResponse>();
  const received: DianStubDocument[] = [];
  const zips = new Map<string, string[]>();
  const receipts = new Map<string, number>();
  const host = options.host ?? "127.0.0.1";
  let url = "";

  function send(res: ServerResponse, status: number, xml: string, record: DianStubRequest) {
    requests.push({ ...record, status });
    res.writeHead(status, { "content-type": "application/soap+xml; charset=utf-8" });
    res.end(xml);
  }

  /** A document received as new: the next planned outcome decides ("unavailable": answer 503, nothing kept). */
  function receive(fileName: string, zipBase64: string): { response: StubDianResponse; lost: boolean; answer: string } {
    let xml: string;
    let xmlName: string;
    try {
      const [file] = unzipFiles(Buffer.from(zipBase64, "base64"));
      if (!file) throw new Error("empty zip");
      xml = file.content.toString("utf8");
      xmlName = file.name;
    } catch {
      return {
        response: rejected("", fileName, ["Regla: ZIP, Rechazo: El archivo no es un ZIP válido."]),
        lost: false,
        answer: "rejected",
      };
    }
    const doc = new DOMParser().parseFromString(xml, "text/xml") as unknown as Document;
    const cude = (first(doc, "UUID")?.textContent ?? "").trim();
    // Only an accepted document is processed for good; a rejected one may come again, corrected.
    if (documents.get(cude)?.isValid)
      return { response: processedBefore(cude, xmlName), lost: false, answer: "processed_before" };
    if (!documentSignatureValid(xml))
      return {
        response: rejected(cude, xmlName, ["Regla: ZE02, Rechazo: Valor de la firma inválido."]),
        lost: false,
        answer: "rejected",
      };
    const outcome = planned.shift() ?? "accepted";
    if (outcome === "unavailable") return { response: accepted(cude, xmlName), lost: true, answer: "unavailable" };
    receipts.set(cude, (receipts.get(cude) ?? 0) + 1);
    const response = typeof outcome === "object" ? rejected(cude, xmlName, outcome.rejected) : accepted(cude, xmlName);
    documents.set(cude, response);
    const answer = outcome === "lost" ? "lost" : typeof outcome === "object" ? "rejected" : "accepted";
    const root = doc.documentElement?.localName ?? "";
    const text = (node: Element | Document | undefined, name: string) => {
      const found = node ? first(node, name)?.textContent?.trim() : undefined;
      return found === undefined ? null : found;
    };
    received.push({
      cude,
      root,
      typeCode: text(doc, root === "CreditNote" ? "CreditNoteTypeCode" : "InvoiceTypeCode"),
      responseCode: text(first(doc, "DiscrepancyResponse"), "ResponseCode"),
      answer,
    });
    return { response, lost: outcome === "lost", answer };
  }

  const stub: DianStub = {
    url: "",
    plan: (...outcomes) => {
      planned.push(...outcomes);
    },
    requests,
    documents: received,
    newReceipts: (cude) => receipts.get(cude) ?? 0,
    delayMs: 0,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };

  const server = createServer((req, res) => {
    void (async () => {
      const xml = await bodyOf(req);
      if (stub.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, stub.delayMs));
      const check = checkWsSecurity(xml, { to: url, now: new Date() });
      if (!check.ok)
        return send(
          res,
          500,
          soapFault("s:Sender", `An error occurred when verifying security for the message: ${check.reason}`),
          { operation: "?", trackId: null, status: 500, answer: "invalid_security" },
        );
      const body = first(check.envelope, "Body");
      const call = body && ([...(body.childNodes as unknown as Element[])].find((n) => n.nodeType === 1) as Element);
      const operation = call?.localName ?? "";
      if (!call || check.action !== `http://wcf.dian.colombia/IWcfDianCustomerServices/${operation}`)
        return send(res, 500, soapFault("s:Sender", "The SOAP action does not match the body's operation."), {
          operation,
          trackId: null,
          status: 500,
          answer: "action_mismatch",
        });
      const param = (name: string) => (first(call, name)?.textContent ?? "").trim();
      const unavailable = (trackId: string | null, answer: string) =>
        send(res, 503, soapFault("s:Receiver", "Servicio no disponible temporalmente."), {
          operation,
          trackId,
          status: 503,
          answer,
        });
      if (operation === "SendBillSync" || operation === "SendTestSetAsync") {
        const received = receive(param("fileName"), param("contentFile"));
        const trackId = received.response.documentKey;
        if (received.lost) return unavailable(trackId, received.answer);
        if (operation === "SendBillSync")
          return send(
            res,
            200,
            soapAnswer(operation, dianResponseXml(received.response, "SendBillSyncResult", DATA_CONTRACT)),
            { operation, trackId, status: 200, answer: received.answer },
          );
        const zipKey = randomUUID();
        zips.set(zipKey, trackId ? [trackId] : []);
        return send(
          res,
          200,
          soapAnswer(
            operation,
            `<SendTestSetAsyncResult ${DATA_CONTRACT}><b:ErrorMessageList/><b:ZipKey>${zipKey}</b:ZipKey></SendTestSetAsyncResult>`,
          ),
          { operation, trackId, status: 200, answer: received.answer },
        );
      }
      if (operation === "GetStatus") {
        const trackId = param("trackId");
        const known = documents.get(trackId);
        return send(
          res,
          200,
          soapAnswer(operation, dianResponseXml(known ?? unknownTrackId(trackId), "GetStatusResult", DATA_CONTRACT)),
          { operation, trackId, status: 200, answer: known ? "status" : "unknown" },
        );
      }
      if (operation === "GetStatusZip") {
        const trackId = param("trackId");
        const keys = zips.get(trackId) ?? [];
        const list = keys.map((k) => dianResponseXml(documents.get(k) ?? unknownTrackId(k))).join("");
        return send(
          res,
          200,
          soapAnswer(operation, `<GetStatusZipResult ${DATA_CONTRACT}>${list}</GetStatusZipResult>`),
          { operation, trackId, status: 200, answer: keys.length > 0 ? "status" : "unknown" },
        );
      }
      return send(res, 500, soapFault("s:Sender", `Unknown operation ${operation}.`), {
        operation,
        trackId: null,
        status: 500,
        answer: "unknown_operation",
      });
    })().catch((error) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  url = `http://${host}:${(server.address() as AddressInfo).port}/WcfDianCustomerServices.svc`;
  stub.url = url;
  return stub;
}
