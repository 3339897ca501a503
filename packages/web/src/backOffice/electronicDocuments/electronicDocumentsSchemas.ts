import {
  electronicDocumentDetailSchema,
  electronicDocumentListSchema,
  electronicDocumentSummarySchema,
} from "@mostrador/domain";
import { z } from "zod";

/** The list and detail as the server gives them (the domain's schemas: sending and contingency fields). */
export const screenDocumentSchema = electronicDocumentSummarySchema;
export type ScreenDocument = z.infer<typeof screenDocumentSchema>;
export const screenListSchema = electronicDocumentListSchema;
export type ScreenList = z.infer<typeof screenListSchema>;
export const screenDetailSchema = electronicDocumentDetailSchema;
export type ScreenDetail = z.infer<typeof screenDetailSchema>;
/** POST …/resend: whatever it answers on success. */
export const resendAnswerSchema = z.unknown();
/** What the notices need of the company. */
export const noticeCompanySchema = z.object({ name: z.string(), nit: z.string() });
