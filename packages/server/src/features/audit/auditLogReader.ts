import type { Database } from "../../db/database";

export interface AuditLogQuery {
  entity?: string;
  recordId?: string;
  limit: number;
  offset: number;
}

export interface AuditLogRow {
  id: string;
  at: Date | string;
  entity: string;
  record_id: string;
  user_id: string;
  user_name: string | null;
  action: string;
  changes: unknown;
}

/** A page of a company's audit trail, newest first, with the total (data access only). */
export async function readAuditLog(db: Database, companyId: string, query: AuditLogQuery) {
  const where = ["a.company_id = $1"];
  const params: unknown[] = [companyId];
  if (query.entity !== undefined) {
    params.push(query.entity);
    where.push(`a.entity = $${params.length}`);
  }
  if (query.recordId !== undefined) {
    params.push(query.recordId);
    where.push(`a.record_id = $${params.length}`);
  }
  const w = where.join(" AND ");
  const [rows, count] = await Promise.all([
    db.query<AuditLogRow>(
      `SELECT a.id, a.at, a.entity, a.record_id, a.user_id, u.name AS user_name, a.action, a.changes
         FROM audit_log a LEFT JOIN users u ON u.company_id = a.company_id AND u.id = a.user_id
        WHERE ${w} ORDER BY a.seq DESC LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log a WHERE ${w}`, params),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}
