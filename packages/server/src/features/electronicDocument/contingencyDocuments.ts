import { CONTINGENCY_WARNING_HOURS, isoDateSchema } from "@mostrador/domain";
import { z } from "zod";

/**
 * The issuer contingency's part of GET /api/electronic-documents (issue 19): the sale's instant and
 * till beside each row, the contingency fields, the filters (contingency, dates, deadline) and the
 * counts of contingency documents due soon and overdue. Kept apart from the sending side's columns
 * (dian-send) so both extend the list without touching each other.
 */

type Row = Record<string, unknown>;
const isoOrNull = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

/** The outbox with the sale's instant and till: the list reads this instead of the bare table. */
export const ELECTRONIC_DOCUMENTS_WITH_SALE = `(SELECT e.*, i.issued_at, i.terminal_id, t.name AS terminal_name
   FROM electronic_documents e
   LEFT JOIN invoices i ON i.company_id = e.company_id AND i.id = e.invoice_id
   LEFT JOIN terminals t ON t.company_id = i.company_id AND t.id = i.terminal_id
  WHERE e.company_id = $1)`;

export const CONTINGENCY_COLUMNS = "contingency, outage_ended_at, deadline_at, issued_at, terminal_id, terminal_name";

export function presentContingencyFields(row: Row) {
  return {
    contingency: Boolean(row.contingency),
    outageEndedAt: isoOrNull(row.outage_ended_at),
    deadlineAt: isoOrNull(row.deadline_at),
    issuedAt: isoOrNull(row.issued_at),
    terminalId: row.terminal_id == null ? null : String(row.terminal_id),
    terminalName: row.terminal_name == null ? null : String(row.terminal_name),
  };
}

export const contingencyQueryFields = {
  contingency: z.enum(["true", "false"]).optional(),
  /** due_soon: 24 h or less left; overdue: past the deadline, not yet transmitted. */
  deadline: z.enum(["due_soon", "overdue"]).optional(),
  /** The sale's calendar day in the shop's time zone, inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
};

/** Not yet transmitted to the DIAN: the deadline still applies. */
const NOT_TRANSMITTED = "state IN ('not_generated', 'generated')";
const SHOP_DAY = "(issued_at AT TIME ZONE (SELECT time_zone FROM companies WHERE id = $1))::date";

/** SQL conditions (ANDed) and their parameters, numbered after `firstParam - 1` existing ones. */
export function contingencyConditions(
  query: { contingency?: "true" | "false"; deadline?: "due_soon" | "overdue"; from?: string; to?: string },
  firstParam: number,
): { conditions: string[]; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  if (query.contingency) conditions.push(query.contingency === "true" ? "contingency" : "NOT contingency");
  if (query.deadline === "overdue") conditions.push(`contingency AND ${NOT_TRANSMITTED} AND deadline_at < now()`);
  if (query.deadline === "due_soon")
    conditions.push(
      `contingency AND ${NOT_TRANSMITTED} AND deadline_at >= now() AND deadline_at <= now() + interval '1 hour' * ${param(CONTINGENCY_WARNING_HOURS)}`,
    );
  if (query.from) conditions.push(`${SHOP_DAY} >= ${param(query.from)}::date`);
  if (query.to) conditions.push(`${SHOP_DAY} <= ${param(query.to)}::date`);
  return { conditions, params };
}

/** The counts the screen shows at the top, whatever the filters: contingency documents due soon and overdue. */
export const CONTINGENCY_COUNTS_SQL = `SELECT
    count(*) FILTER (WHERE deadline_at < now())::int AS overdue,
    count(*) FILTER (WHERE deadline_at >= now() AND deadline_at <= now() + interval '1 hour' * $2)::int AS due_soon
  FROM electronic_documents WHERE company_id = $1 AND contingency AND ${NOT_TRANSMITTED}`;
