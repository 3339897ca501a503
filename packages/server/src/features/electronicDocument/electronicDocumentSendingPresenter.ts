import type { ElectronicDocumentSummary } from "@mostrador/domain";

type Row = Record<string, unknown>;
const isoOrNull = (v: unknown) =>
  v === null || v === undefined ? null : (v instanceof Date ? v : new Date(String(v))).toISOString();

/** The sender's columns of electronic_documents, selected beside the summary's. */
export const ELECTRONIC_DOCUMENT_SENDING_COLUMNS =
  "dian_status_code, dian_messages, sent_at, accepted_at, send_error, next_attempt_at";

type SendingFields = Pick<
  ElectronicDocumentSummary,
  "dianAnswer" | "sentAt" | "acceptedAt" | "sendError" | "nextAttemptAt"
>;

/** The sending side of a document: the DIAN's last answer, when sent and accepted, a failure to retry. */
export function presentElectronicDocumentSending(row: Row): SendingFields {
  const code = row.dian_status_code;
  const messages = row.dian_messages;
  return {
    dianAnswer:
      code === null || code === undefined
        ? null
        : {
            code: String(code),
            messages: (Array.isArray(messages) ? messages : JSON.parse(String(messages ?? "[]"))).map(String),
          },
    sentAt: isoOrNull(row.sent_at),
    acceptedAt: isoOrNull(row.accepted_at),
    sendError: row.send_error === null || row.send_error === undefined ? null : String(row.send_error),
    // Only a document waiting for a retry has one worth showing (a claim's lease is not).
    nextAttemptAt: row.state === "sent" || row.state === "generated" ? isoOrNull(row.next_attempt_at) : null,
  };
}

export function presentElectronicDocumentSendingDetail(row: Row): { signedXml: string | null } {
  return { signedXml: row.signed_xml === null || row.signed_xml === undefined ? null : String(row.signed_xml) };
}
