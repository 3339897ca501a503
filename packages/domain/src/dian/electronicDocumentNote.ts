import { z } from "zod";
import { idSchema } from "../catalog/common";

/**
 * What the outbox says of an adjustment note (nota de ajuste, CreditNote type 94): the row's kind,
 * the note's id (the credit note's for a return, the void's for a void; null on a ticket's row —
 * the row is addressed by documentId: noteId ?? invoiceId), why it adjusts the ticket, and the
 * ticket it references (its number and CUDE, as cac:BillingReference says them).
 */
export const electronicDocumentKinds = ["dee_pos", "adjustment_note"] as const;
export const electronicDocumentNoteFields = {
  kind: z.enum(electronicDocumentKinds),
  /** The row's id in /api/electronic-documents/:id (detail, resend). */
  documentId: idSchema,
  noteId: idSchema.nullable(),
  noteReason: z.enum(["return", "void"]).nullable(),
  referencesNumber: z.string().nullable(),
  referencesCude: z.string().nullable(),
};
