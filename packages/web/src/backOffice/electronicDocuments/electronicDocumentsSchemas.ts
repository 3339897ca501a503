import {
  electronicDocumentDetailSchema,
  electronicDocumentListSchema,
  electronicDocumentSummarySchema,
} from "@mostrador/domain";
import { z } from "zod";

/**
 * The sending side's fields (dian-send, issue 19: `sentAt`, `acceptedAt`, the DIAN's answer) read
 * when the server gives them and absent otherwise, so the screen works before and after it.
 */
const sendingFields = {
  sentAt: z.string().nullable().optional(),
  acceptedAt: z.string().nullable().optional(),
  dianAnswer: z
    .object({ code: z.string(), messages: z.array(z.string()) })
    .nullable()
    .optional(),
};

export const screenDocumentSchema = electronicDocumentSummarySchema.extend(sendingFields);
export type ScreenDocument = z.infer<typeof screenDocumentSchema>;
export const screenListSchema = electronicDocumentListSchema.extend({ items: z.array(screenDocumentSchema) });
export type ScreenList = z.infer<typeof screenListSchema>;
export const screenDetailSchema = electronicDocumentDetailSchema.extend(sendingFields);
export type ScreenDetail = z.infer<typeof screenDetailSchema>;
/** POST …/resend: whatever it answers on success. */
export const resendAnswerSchema = z.unknown();
/** What the notices need of the company. */
export const noticeCompanySchema = z.object({ name: z.string(), nit: z.string() });
