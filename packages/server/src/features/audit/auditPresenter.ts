import type { AuditAction, AuditEntry } from "@mostrador/domain";
import type { AuditLogRow } from "./auditLogReader";

/** An audit_log row as `GET /api/audit-log` presents it. */
export function presentAuditEntry(row: AuditLogRow): AuditEntry {
  const changes = typeof row.changes === "string" ? JSON.parse(row.changes) : row.changes;
  return {
    id: row.id,
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
    entity: row.entity,
    recordId: row.record_id,
    userId: row.user_id,
    userName: row.user_name,
    action: row.action as AuditAction,
    changes: (changes ?? {}) as AuditEntry["changes"],
  };
}
