import { randomUUID } from "node:crypto";
import type { AuditAction } from "@mostrador/domain";
import type { Queryable } from "../../db/database";

export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

export interface AuditEntryInput {
  companyId: string;
  /** The resource path: "products", "clients", "users", … */
  entity: string;
  recordId: string;
  /** The signed-in user who made the change. */
  userId: string;
  action: AuditAction;
  changes: AuditChanges;
}

/**
 * Writes one audit entry. Call it with the transaction of the change itself, so the change and
 * its entry are committed (or rolled back) together. The caller leaves secrets out of `changes`
 * (auditChanges does): a password shows only as `password: { from: null, to: null }`.
 */
export async function recordAudit(tx: Queryable, entry: AuditEntryInput): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (company_id, id, entity, record_id, user_id, action, changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [
      entry.companyId,
      randomUUID(),
      entry.entity,
      entry.recordId,
      entry.userId,
      entry.action,
      JSON.stringify(entry.changes),
    ],
  );
}

/** Many entries in one statement (an import of 20,000 rows writes 20,000 entries). */
export async function recordAuditBatch(tx: Queryable, entries: AuditEntryInput[]): Promise<void> {
  for (let start = 0; start < entries.length; start += 5000) {
    const chunk = entries.slice(start, start + 5000);
    const first = chunk[0];
    if (!first) return;
    await tx.query(
      `INSERT INTO audit_log (company_id, id, entity, record_id, user_id, action, changes)
       SELECT $1, id, $2, record_id, $3, action, changes::jsonb
       FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::text[]) AS t(id, record_id, action, changes)`,
      [
        first.companyId,
        first.entity,
        first.userId,
        chunk.map(() => randomUUID()),
        chunk.map((e) => e.recordId),
        chunk.map((e) => e.action),
        chunk.map((e) => JSON.stringify(e.changes)),
      ],
    );
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The per-field difference of two presentations of a row (null before a create, null after a
 * delete). `version` is bookkeeping, not a change. `secretsChanged` names secrets that were set
 * ("password"): recorded as changed with from/to null, their values never reach the trail.
 */
export function auditChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  secretsChanged: string[] = [],
): AuditChanges {
  const changes: AuditChanges = {};
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of fields) {
    if (field === "id" || field === "version") continue;
    const from = before ? (before[field] ?? null) : null;
    const to = after ? (after[field] ?? null) : null;
    if (!before || !after || !same(from, to)) changes[field] = { from, to };
  }
  for (const secret of secretsChanged) changes[secret] = { from: null, to: null };
  return changes;
}
