/**
 * The DIAN's reception service behind one small interface, so that another channel (a
 * technology provider's API) can replace the SOAP client. Operations and answers follow the
 * Anexo técnico factura electrónica v1.9, web service section (WcfDianCustomerServices:
 * SendBillSync, SendTestSetAsync, GetStatus, GetStatusZip; the answer "DianResponse").
 */
export interface DianZipFile {
  /** The zip's name ("z…"), as the DIAN's file-naming rule asks. */
  fileName: string;
  /** The zip holding the signed XML. */
  content: Uint8Array;
}

/** DianResponse: one document's validation. */
export interface DianAnswer {
  /** "00" processed correctly, "99" validation with errors, "66" unknown track id, … */
  statusCode: string;
  isValid: boolean;
  statusDescription: string;
  /** ErrorMessage strings: "Regla: FAD06, Rechazo: …" (or "Notificación: …" on an accepted one). */
  messages: string[];
  /** XmlDocumentKey: the CUDE the DIAN read. */
  documentKey: string | null;
  /** The SOAP answer as received, kept for the back office. */
  raw: string;
}

export interface DianTestSetReceipt {
  /** The ZipKey to ask GetStatusZip with; null when the DIAN refused the zip (messages say why). */
  zipKey: string | null;
  messages: string[];
  raw: string;
}

export interface DianGateway {
  /** Production (and after habilitación): the document validated at once. */
  sendBillSync(file: DianZipFile): Promise<DianAnswer>;
  /** Habilitación: the document counted in the company's test set, validated later. */
  sendTestSetAsync(file: DianZipFile, testSetId: string): Promise<DianTestSetReceipt>;
  /** One document's validation, by its CUDE (trackId). */
  getStatus(cude: string): Promise<DianAnswer>;
  /** A test-set zip's validations, by its ZipKey. */
  getStatusZip(zipKey: string): Promise<DianAnswer[]>;
}

/** The service did not answer with a DianResponse (network, timeout, HTTP 5xx, SOAP fault): try later. */
export class DianUnavailable extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

/** "Regla: FAD06, Rechazo: …" → FAD06; the codes of an answer's messages, in order, once each. */
export function ruleCodesOf(messages: string[]): string[] {
  const codes = messages.map((m) => /Regla:\s*([A-Za-z0-9_]+)/i.exec(m)?.[1]).filter((c): c is string => Boolean(c));
  return [...new Set(codes)];
}

/** Rule 90, "Documento procesado anteriormente": this CUDE is already at the DIAN. */
export const ALREADY_PROCESSED_RULE = "90";

export type DianVerdict = "accepted" | "rejected" | "already_processed" | "unknown" | "pending";

/**
 * What an answer means for the outbox: accepted (00, valid), already processed (rule 90: ask
 * GetStatus), unknown (66: the DIAN has no such document — it may be sent as new), rejected (99
 * or invalid with rule codes), or pending (any other code: still being validated).
 */
export function verdictOf(answer: DianAnswer): DianVerdict {
  if (answer.isValid && answer.statusCode === "00") return "accepted";
  const rules = ruleCodesOf(answer.messages);
  if (rules.includes(ALREADY_PROCESSED_RULE) || answer.messages.some((m) => /procesado anteriormente/i.test(m)))
    return "already_processed";
  if (answer.statusCode === "66") return "unknown";
  if (answer.statusCode === "99" || (!answer.isValid && rules.length > 0)) return "rejected";
  return "pending";
}
