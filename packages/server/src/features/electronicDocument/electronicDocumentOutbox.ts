import type { Database, Queryable } from "../../db/database";

type Row = Record<string, unknown>;

/** How long a claimed document is the claimer's before another sender may take it (a crashed process). */
export const CLAIM_LEASE_MS = 2 * 60_000;
/** Backoff of transient failures: 30 s, 1 min, 2 min, … at most an hour. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 60 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_CAP_MS);
}

/** A test-set zip the DIAN is still validating: asked again after 5 s, 10 s, … at most 10 minutes. */
export function validationWaitMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 10 * 60_000);
}

/** A document the sender took: its row, and the claim that its later writes must still hold. */
export interface ClaimedDocument {
  companyId: string;
  invoiceId: string;
  number: string;
  cude: string;
  xml: string;
  signedXml: string | null;
  fileName: string | null;
  zipKey: string | null;
  /** Something was sent (or being sent) before: ask GetStatus before any send. */
  sentBefore: boolean;
  /** Rounds with the DIAN (sends and status checks), this one included once counted. */
  attempts: number;
  /** This round was counted in attempts. */
  counted?: boolean;
  claim: string;
}

/**
 * Takes up to `limit` due documents — generated, or sent without a final answer and due again —
 * of companies with a certificate, with FOR UPDATE SKIP LOCKED (two senders never take the same
 * row), and marks them claimed by moving next_attempt_at a lease ahead: the network calls happen
 * outside any transaction, and a sender that dies leaves them due again after the lease.
 */
export async function claimDueDocuments(
  db: Database,
  now: Date,
  limit: number,
  companyId?: string,
): Promise<ClaimedDocument[]> {
  const claim = new Date(now.getTime() + CLAIM_LEASE_MS).toISOString();
  const rows = await db.transaction(async (tx) => {
    const due = await tx.query(
      `SELECT d.company_id, d.invoice_id FROM electronic_documents d
         JOIN dian_certificates c ON c.company_id = d.company_id
        WHERE d.state IN ('generated', 'sent') AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $1)
          ${companyId ? "AND d.company_id = $3" : ""}
        ORDER BY d.next_attempt_at NULLS FIRST, d.created_at
        LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      companyId ? [now.toISOString(), limit, companyId] : [now.toISOString(), limit],
    );
    if (due.length === 0) return [];
    return tx.query(
      `UPDATE electronic_documents d SET next_attempt_at = $1, updated_at = $2
         FROM jsonb_to_recordset($3::jsonb) AS x(company_id uuid, invoice_id uuid)
        WHERE d.company_id = x.company_id AND d.invoice_id = x.invoice_id
       RETURNING d.company_id, d.invoice_id, d.number, d.cude, d.xml, d.signed_xml, d.dian_file_name,
                 d.dian_zip_key, d.sent_at, d.attempts`,
      [claim, now.toISOString(), JSON.stringify(due)],
    );
  });
  return rows.map((r: Row) => ({
    companyId: String(r.company_id),
    invoiceId: String(r.invoice_id),
    number: String(r.number),
    cude: String(r.cude),
    xml: String(r.xml),
    signedXml: r.signed_xml === null ? null : String(r.signed_xml),
    fileName: r.dian_file_name === null ? null : String(r.dian_file_name),
    zipKey: r.dian_zip_key === null ? null : String(r.dian_zip_key),
    sentBefore: r.sent_at !== null && r.sent_at !== undefined,
    attempts: Number(r.attempts),
    claim,
  }));
}

/** Writes to a claimed document, only while the claim holds (a sender whose lease ran out writes nothing). */
export async function updateClaimed(
  db: Queryable,
  doc: ClaimedDocument,
  sets: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  const columns = Object.keys(sets).filter((c) => sets[c] !== undefined);
  const assignments = columns.map((c, i) => `${c} = $${i + 5}`).join(", ");
  const rows = await db.query(
    `UPDATE electronic_documents SET ${assignments}${assignments ? ", " : ""}updated_at = $4
      WHERE company_id = $1 AND invoice_id = $2 AND next_attempt_at = $3 AND state IN ('generated', 'sent')
      RETURNING next_attempt_at`,
    [doc.companyId, doc.invoiceId, doc.claim, now.toISOString(), ...columns.map((c) => sets[c])],
  );
  const held = rows.length > 0;
  // A write that moves next_attempt_at moves the claim with it.
  if (held && "next_attempt_at" in sets && sets.next_attempt_at !== null) doc.claim = String(sets.next_attempt_at);
  return held;
}

/**
 * The zip's and XML's names (Anexo técnico factura electrónica v1.9, "Nombre de los archivos"):
 * prefix, the issuer's NIT in 10 digits without the check digit, the software provider's code
 * (000: own software), the year's last two digits and an 8-digit hexadecimal consecutive per
 * company (the companies row's counter, taken once per document).
 */
export async function nextDianFileName(db: Queryable, companyId: string, now: Date): Promise<string> {
  const rows = await db.query(
    "UPDATE companies SET dian_file_sequence = dian_file_sequence + 1 WHERE id = $1 RETURNING dian_file_sequence, nit",
    [companyId],
  );
  const row = rows[0] as Row;
  const nit = String(row.nit).split("-")[0]?.replace(/\D/g, "").padStart(10, "0").slice(-10);
  const sequence = (Number(row.dian_file_sequence) % 0x1_0000_0000).toString(16).padStart(8, "0");
  return `${nit}000${String(now.getUTCFullYear()).slice(-2)}${sequence}`;
}
