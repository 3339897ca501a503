import { z } from "zod";
import { idSchema } from "../catalog/common";
import { dianEnvironments } from "./dianEnvironment";
import { electronicDocumentNoteFields } from "./electronicDocumentNote";
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
  // Issuer contingency (issue 19): a ticket sold offline; its 48 hours count from the end of the
  // outage (see contingencyDeadline). Defaults for answers of servers before migration 019.
  contingency: z.boolean().default(false),
  outageEndedAt: z.string().nullable().default(null),
  deadlineAt: z.string().nullable().default(null),
  /** The sale's instant and till (for the contingency notices: dates, till, numbers). */
  issuedAt: z.string().nullable().default(null),
  terminalId: z.string().nullable().default(null),
  terminalName: z.string().nullable().default(null),
  ...electronicDocumentNoteFields,
});
export type ElectronicDocumentSummary = z.infer<typeof electronicDocumentSummarySchema>;

export const electronicDocumentListSchema = z.object({
  items: z.array(electronicDocumentSummarySchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Contingency documents not yet transmitted, whatever the filters: past their deadline, and 24 h or less left. */
  contingencyOverdue: z.number().int().min(0).default(0),
  contingencyDueSoon: z.number().int().min(0).default(0),
});

/** GET /api/electronic-documents/:id: with the QR text, the XML and the DIAN's last answer. */
export const electronicDocumentDetailSchema = electronicDocumentSummarySchema.extend({
  qrText: z.string().nullable(),
  xml: z.string().nullable(),
  dianResponse: z.string().nullable(),
  ...electronicDocumentSendingDetailFields,
});
export type ElectronicDocumentDetail = z.infer<typeof electronicDocumentDetailSchema>;

/**
 * What a till learns of its invoice's electronic document (push answer and pull rows): the CUDE and
 * QR text its receipt prints, and the state ("Validación DIAN pendiente" until accepted).
 */
export const invoiceElectronicDocumentSchema = z.object({
  state: electronicDocumentStateSchema,
  cude: z.string().nullable(),
  qrText: z.string().nullable(),
  contingency: z.boolean().default(false),
});
export type InvoiceElectronicDocument = z.infer<typeof invoiceElectronicDocumentSchema>;
