import { z } from "zod";
import { idSchema } from "../catalog/common";
import { dianEnvironments } from "./dianEnvironment";
import { electronicDocumentSendingDetailFields, electronicDocumentSendingFields } from "./electronicDocumentSending";

/**
 * An electronic document's life in the server's outbox: generated → sent → accepted / rejected
 * (with the DIAN's rule codes); not_generated when it could not be built (the reason says why).
 */
export const electronicDocumentStates = ["not_generated", "generated", "sent", "accepted", "rejected"] as const;
export const electronicDocumentStateSchema = z.enum(electronicDocumentStates);
export type ElectronicDocumentState = z.infer<typeof electronicDocumentStateSchema>;

/** GET /api/electronic-documents: one row of the outbox, without its XML. */
export const electronicDocumentSummarySchema = z.object({
  invoiceId: idSchema,
  kind: z.enum(["dee_pos"]),
  /** cbc:ID: prefix and number. */
  number: z.string(),
  environment: z.enum(dianEnvironments),
  state: electronicDocumentStateSchema,
  problem: z.string().nullable(),
  cude: z.string().nullable(),
  dianRuleCodes: z.array(z.string()),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ...electronicDocumentSendingFields,
});
export type ElectronicDocumentSummary = z.infer<typeof electronicDocumentSummarySchema>;

export const electronicDocumentListSchema = z.object({
  items: z.array(electronicDocumentSummarySchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});

/** GET /api/electronic-documents/:id: with the QR text, the XML and the DIAN's last answer. */
export const electronicDocumentDetailSchema = electronicDocumentSummarySchema.extend({
  qrText: z.string().nullable(),
  xml: z.string().nullable(),
  dianResponse: z.string().nullable(),
  ...electronicDocumentSendingDetailFields,
});
export type ElectronicDocumentDetail = z.infer<typeof electronicDocumentDetailSchema>;
