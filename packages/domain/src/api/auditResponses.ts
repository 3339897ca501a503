import { z } from "zod";
import { idSchema } from "../catalog/common";

/** What a back-office write did. "import" rows come from the CSV import (one per created or changed row). */
export const auditActionSchema = z.enum(["create", "update", "delete", "import"]);
export type AuditAction = z.infer<typeof auditActionSchema>;

/**
 * One field's change: `from` is null on create, `to` is null on delete. A password shows as
 * `password` with from/to null: that it changed is recorded, never the secret or its hash.
 */
export const auditChangeSchema = z.object({ from: z.unknown(), to: z.unknown() });

/** One entry of the audit trail (`GET /api/audit-log`), newest first. */
export const auditEntrySchema = z.object({
  id: idSchema,
  at: z.string().describe("ISO 8601 date-time"),
  /** The resource path ("products", "clients", …). */
  entity: z.string(),
  recordId: idSchema,
  userId: idSchema,
  /** The user's name now; null when the user was deleted since. */
  userName: z.string().nullable(),
  action: auditActionSchema,
  changes: z.record(z.string(), auditChangeSchema),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type AuditList = z.infer<typeof auditListSchema>;
