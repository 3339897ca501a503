import type { SalesList, SalesListItem } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import type { ResolvedRange } from "./salesFigures";

type Row = Record<string, unknown>;

export interface SalesListFilters {
  terminalId?: string;
  cashierId?: string;
  clientId?: string;
  paymentMethodId?: string;
  status?: "accepted" | "rejected" | "voided";
  number?: string;
}

/** "POS-12", "pos 12", "12" → prefix (optional) and number; null when it is not a number. */
export function parseInvoiceNumber(text: string): { prefix: string | null; number: number } | null {
  const m = /^([A-Za-z]*)[\s-]*(\d{1,9})$/.exec(text.trim());
  if (!m) return null;
  return { prefix: m[1] ? m[1] : null, number: Number(m[2]) };
}

function present(r: Row, methodNames: Map<string, string>): SalesListItem {
  const payments = (r.payments as { paymentMethodId: string }[] | null) ?? [];
  return {
    id: String(r.id),
    prefix: String(r.prefix),
    number: r.number === null ? null : Number(r.number),
    status: r.status as SalesListItem["status"],
    returnStatus: (r.return_status as SalesListItem["returnStatus"]) ?? "none",
    issuedAt: r.issued_at instanceof Date ? r.issued_at.toISOString() : String(r.issued_at),
    terminalId: String(r.terminal_id),
    terminalName: String(r.terminal_name ?? ""),
    cashierId: String(r.cashier_id),
    cashierName: String(r.cashier_name ?? ""),
    clientId: String(r.client_id),
    clientName: String(r.client_name ?? ""),
    total: Number(r.total),
    paymentMethods: [...new Set(payments.map((p) => methodNames.get(p.paymentMethodId) ?? p.paymentMethodId))],
  };
}

/**
 * salesList ("Ventas"): every invoice of the company whatever the till, issued on the range's
 * days in the company's time zone, newest first, with the filters and a page.
 */
export async function salesList(
  q: Queryable,
  companyId: string,
  range: ResolvedRange,
  filters: SalesListFilters,
  page: { limit: number; offset: number },
): Promise<SalesList> {
  const params: unknown[] = [companyId, range.from, range.to, range.timeZone];
  const where = [
    "i.company_id = $1",
    "i.issued_at >= ($2::date::timestamp AT TIME ZONE $4)",
    "i.issued_at < (($3::date + 1)::timestamp AT TIME ZONE $4)",
  ];
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace("?", `$${params.length}`);
    }
    where.push(s);
  };
  if (filters.terminalId) add("i.terminal_id = ?", filters.terminalId);
  if (filters.cashierId) add("i.cashier_id = ?", filters.cashierId);
  if (filters.clientId) add("i.client_id = ?", filters.clientId);
  if (filters.status) add("i.status = ?", filters.status);
  if (filters.number) {
    const parsed = parseInvoiceNumber(filters.number);
    if (!parsed) where.push("false");
    else {
      add("i.number = ?", parsed.number);
      if (parsed.prefix) add("upper(i.prefix) = upper(?)", parsed.prefix);
    }
  }
  if (filters.paymentMethodId)
    add(
      `EXISTS (SELECT 1 FROM invoice_revisions pr WHERE pr.company_id = i.company_id AND pr.invoice_id = i.id
                  AND pr.revision = i.revision
                  AND (pr.document -> 'payments')::jsonb @> jsonb_build_array(jsonb_build_object('paymentMethodId', ?::text)))`,
      filters.paymentMethodId,
    );
  const w = where.join(" AND ");
  const [rows, count, methods] = await Promise.all([
    q.query(
      `SELECT i.id, i.prefix, i.number, i.status, i.return_status, i.issued_at, i.terminal_id, i.cashier_id,
              i.client_id, i.total, t.name AS terminal_name, u.name AS cashier_name, c.name AS client_name,
              r.document -> 'payments' AS payments
         FROM invoices i
         LEFT JOIN terminals t ON t.company_id = i.company_id AND t.id = i.terminal_id
         LEFT JOIN users u ON u.company_id = i.company_id AND u.id = i.cashier_id
         LEFT JOIN clients c ON c.company_id = i.company_id AND c.id = i.client_id
         LEFT JOIN invoice_revisions r ON r.company_id = i.company_id AND r.invoice_id = i.id AND r.revision = i.revision
        WHERE ${w}
        ORDER BY i.issued_at DESC, i.id DESC LIMIT ${page.limit} OFFSET ${page.offset}`,
      params,
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoices i WHERE ${w}`, params),
    q.query<{ id: string; name: string }>("SELECT id, name FROM payment_methods WHERE company_id = $1", [companyId]),
  ]);
  const names = new Map(methods.map((m) => [String(m.id), String(m.name)]));
  return {
    range,
    items: rows.map((r) => present(r, names)),
    total: count[0]?.n ?? 0,
    limit: page.limit,
    offset: page.offset,
  };
}
