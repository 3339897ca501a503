import { z } from "zod";

/**
 * What the outbox says of a document's sending to the DIAN (the sender's fields of the list and
 * detail): the DIAN's last answer (status code and messages: "Regla: FAD06, Rechazo: …"), when it
 * was first sent and accepted, and a transport failure that will be retried.
 */
export const electronicDocumentSendingFields = {
  /** StatusCode ("00" processed, "99" with errors, "66" unknown) and StatusDescription + ErrorMessage. */
  dianAnswer: z.object({ code: z.string(), messages: z.array(z.string()) }).nullable(),
  sentAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  /** The last failure to reach the DIAN (unavailable, timeout, SOAP fault); retried at nextAttemptAt. */
  sendError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
};

/** The detail's sending fields: the XML as signed and sent (null until signed). */
export const electronicDocumentSendingDetailFields = {
  signedXml: z.string().nullable(),
};
