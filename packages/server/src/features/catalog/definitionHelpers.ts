import type { Reference } from "./resourceDefinition";

/** Fields stored as they are (no JSON). */
export const plain = (...names: string[]) => Object.fromEntries(names.map((n) => [n, {}]));

/** Rows of `table` in the company that match `condition` ($2 = the id being deleted). */
export const rowsOf = (what: string, table: string, condition: string): Reference => ({
  what,
  sql: `SELECT count(*)::int AS n FROM ${table} WHERE company_id = $1 AND ${condition}`,
});
/**
 * Invoices whose stored revisions name the id in one of their lines or payments. Documents are json
 * text (migration 025): a plain text search for the id skips the documents that cannot name it, and
 * only the others' list is parsed for the containment test.
 */
export const invoicesNaming = (list: "lines" | "payments", key: string): Reference => ({
  what: "invoice",
  sql: `SELECT count(DISTINCT invoice_id)::int AS n FROM invoice_revisions
         WHERE company_id = $1 AND strpos(document::text, $2::text) > 0
           AND (document->'${list}')::jsonb @> jsonb_build_array(jsonb_build_object('${key}', $2::text))`,
});
