import type { Queryable } from "../../db/database";

type Row = Record<string, unknown>;

export interface ShiftFilters {
  terminalId?: string;
  cashierId?: string;
  from?: string;
  to?: string;
  status?: "open" | "closed";
  /** Shifts whose |counted − server's expected cash| is at least this (centavos). */
  minDifference?: number;
  id?: string;
}

/**
 * Shifts with the server's figures computed in SQL, so the difference filter pages correctly:
 * the cash of the shift's accepted invoices (cash payments − change, from each invoice's current
 * revision), plus the base and the movements of the shift's current revision, minus the cash given
 * back by the shift's credit notes (returns).
 */
const WITH_SERVER_FIGURES = `
  SELECT s.*, s.opening_float + s.movements_net + COALESCE(c.cash, 0) - COALESCE(rf.cash, 0) AS server_expected_cash,
         COALESCE(c.n, 0) AS invoice_count
    FROM shifts s
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS n,
             sum(COALESCE((SELECT sum((p->>'amount')::bigint) FROM json_array_elements(r.document->'payments') p
                            WHERE p->>'kind' = 'cash'), 0) - i.change) AS cash
        FROM invoices i
        JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
       WHERE i.company_id = s.company_id AND i.shift_id = s.id AND i.status = 'accepted'
    ) c ON true
    LEFT JOIN LATERAL (
      SELECT sum((SELECT COALESCE(sum((p->>'amount')::bigint), 0) FROM jsonb_array_elements(cn.refunds) p
                   WHERE p->>'kind' = 'cash')) AS cash
        FROM credit_notes cn
       WHERE cn.company_id = s.company_id AND cn.shift_id = s.id
    ) rf ON true`;

export async function queryShifts(
  db: Queryable,
  companyId: string,
  f: ShiftFilters,
  page: { limit: number; offset: number },
): Promise<{ rows: Row[]; total: number }> {
  const where = ["s.company_id = $1"];
  const params: unknown[] = [companyId];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (f.id) add("s.id = ?", f.id);
  if (f.terminalId) add("s.terminal_id = ?", f.terminalId);
  if (f.cashierId) add("(s.opened_by = ? OR s.closed_by = ?)", f.cashierId);
  if (f.from) add("s.opened_at >= ?", f.from);
  if (f.to) add("s.opened_at < ?", f.to);
  if (f.status) add("s.status = ?", f.status);
  const outer: string[] = [];
  if (f.minDifference !== undefined) {
    params.push(f.minDifference);
    outer.push(`counted_cash IS NOT NULL AND abs(counted_cash - server_expected_cash) >= $${params.length}`);
  }
  const base = `WITH x AS (${WITH_SERVER_FIGURES} WHERE ${where.join(" AND ")}) SELECT * FROM x${
    outer.length ? ` WHERE ${outer.join(" AND ")}` : ""
  }`;
  const [rows, count] = await Promise.all([
    db.query(`${base} ORDER BY opened_at DESC, id DESC LIMIT ${page.limit} OFFSET ${page.offset}`, params),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${base}) y`, params),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}
