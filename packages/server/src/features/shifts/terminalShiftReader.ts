import {
  type InvoiceDocument,
  type ShiftHandover,
  shiftDocumentSchema,
  soldElsewhereOf,
  type TerminalShift,
} from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { SoldElsewhereMemo } from "./soldElsewhereMemo";

/** Shared by every pull of this process (its keys name the company, the shift and the device). */
const soldElsewhereMemo = new SoldElsewhereMemo();

/**
 * terminalShiftReader: the open shift of the device's terminal, for the pull ("Tomar turno"):
 * its current document, who holds it, and what its invoices sold on other devices so far (the
 * asking device's own invoices are left out: the till counts those itself, never twice).
 */
export async function readTerminalShift(
  db: Queryable,
  companyId: string,
  deviceId: string,
): Promise<TerminalShift | null> {
  const rows = await db.query<{ document: unknown; id: string }>(
    `SELECT r.document, s.id
       FROM devices d
       JOIN shifts s ON s.company_id = d.company_id AND s.terminal_id = d.terminal_id AND s.status = 'open'
       JOIN shift_revisions r ON r.company_id = s.company_id AND r.shift_id = s.id AND r.revision = s.revision
      WHERE d.company_id = $1 AND d.id = $2`,
    [companyId, deviceId],
  );
  return terminalShiftOf(db, companyId, deviceId, rows[0]);
}

/**
 * What a statement that read the open shift can also have read (the idle pull's one statement): the
 * names of who opened and who holds it, and the fingerprint of the sales other devices made in it.
 * Without it, two more queries; with it, none when no other device sold in the shift (a terminal with
 * one device: the usual case) or when those sales are as the last pull of this device found them.
 */
export interface ShiftFactsRead {
  /** User id → name, for openedBy and the last handover's holder (see shiftFactsSql). */
  names: Record<string, string> | null;
  /** soldElsewhereMemo's fingerprint of the sales on other devices; null: there are none. */
  salesElsewhere: string | null;
}

/**
 * soldElsewhereMemo's fingerprint of the invoices `e` (id, version) as SQL: how many, the sum of their versions,
 * the sum of their ids' hashes (`over`: "" as an aggregate, " OVER ()" beside each row). Computed by PostgreSQL
 * both where the probe reads it and where the documents are read, so the two always agree.
 */
function salesFingerprintSql(over: string): string {
  return `count(*)${over} || ':' || sum(e.version)${over} || ':' || sum(uuid_hash(e.id))${over}`;
}

/**
 * SQL columns `shift_names` and `shift_sales_elsewhere` for a query where `s` is the open shift, `r`
 * its current revision and `d` the asking device (ShiftFactsRead, read in the same snapshot). The
 * fingerprint reads the other devices' invoice rows, not their documents nor the asking till's own rows:
 * `device_id <> d.id` written as the two ranges around it of the invoices_shift_device index (migration 026;
 * an OR of the two let the planner read the whole shift and filter).
 */
export const shiftFactsSql = `(SELECT json_object_agg(u.id, u.name) FROM users u
                   WHERE u.company_id = s.company_id
                     AND u.id IN ((r.document->>'openedBy')::uuid, (r.document->'handovers'->-1->>'by')::uuid)
                 ) AS shift_names,
                 (SELECT ${salesFingerprintSql("")}
                    FROM (SELECT i.id, i.version FROM invoices i
                           WHERE i.company_id = s.company_id AND i.shift_id = s.id AND i.device_id < d.id
                             AND i.status IN ('accepted', 'voided')
                          UNION ALL
                          SELECT i.id, i.version FROM invoices i
                           WHERE i.company_id = s.company_id AND i.shift_id = s.id AND i.device_id > d.id
                             AND i.status IN ('accepted', 'voided')) e
                  HAVING count(*) > 0) AS shift_sales_elsewhere`;

/**
 * The documents of what other devices ($3: the asking one) sold in shift $2, when their fingerprint changed:
 * the same two ranges of invoices_shift_device as the fingerprint, so a till with thousands of its own sales
 * in the shift does not have them read and filtered out each time a neighbour sells; each document one probe
 * of the revisions' key (as a join, the generic plan could hash the company's whole revisions table).
 */
export const soldElsewhereDocumentsSql = `SELECT (SELECT r.document FROM invoice_revisions r
                WHERE r.company_id = $1 AND r.invoice_id = e.id AND r.revision = e.revision) AS document,
             e.status, ${salesFingerprintSql(" OVER ()")} AS fingerprint
       FROM (SELECT i.id, i.revision, i.status, i.version FROM invoices i
              WHERE i.company_id = $1 AND i.shift_id = $2 AND i.device_id < $3 AND i.status IN ('accepted', 'voided')
             UNION ALL
             SELECT i.id, i.revision, i.status, i.version FROM invoices i
              WHERE i.company_id = $1 AND i.shift_id = $2 AND i.device_id > $3 AND i.status IN ('accepted', 'voided')) e`;

/** The pull's terminalShift from the open shift's current revision (none: null). */
export async function terminalShiftOf(
  db: Queryable,
  companyId: string,
  deviceId: string,
  row: { document: unknown } | undefined,
  facts?: ShiftFactsRead,
): Promise<TerminalShift | null> {
  if (!row) return null;
  const parsed = shiftDocumentSchema.safeParse(row.document);
  if (!parsed.success) return null; // every stored revision passed this schema when it was accepted
  const document = parsed.data;
  const last: ShiftHandover | undefined = document.handovers?.[document.handovers.length - 1];
  const heldBy = last?.by ?? document.openedBy;
  const [names, soldElsewhere] = await Promise.all([
    facts
      ? Object.entries(facts.names ?? {}).map(([id, name]) => ({ id, name }))
      : db.query("SELECT id, name FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])", [
          companyId,
          [document.openedBy, heldBy],
        ]),
    facts && facts.salesElsewhere === null
      ? soldElsewhereOf([])
      : readSoldElsewhere(db, companyId, document.id, deviceId, facts?.salesElsewhere ?? undefined),
  ]);
  const nameOf = (id: string) => String(names.find((u) => String(u.id) === id)?.name ?? "");
  return {
    document,
    openedByName: nameOf(document.openedBy),
    heldBy,
    heldByName: nameOf(heldBy),
    heldSince: last?.at ?? document.openedAt,
    soldElsewhere,
  };
}

/**
 * What the shift's invoices on other devices sold: the same sums as the Z report (shared code), over
 * the invoices the server holds; remembered under their fingerprint (soldElsewhereMemo).
 */
async function readSoldElsewhere(
  db: Queryable,
  companyId: string,
  shiftId: string,
  deviceId: string,
  fingerprint: string | undefined,
) {
  const key = `${companyId}:${shiftId}:${deviceId}`;
  const known = fingerprint === undefined ? undefined : soldElsewhereMemo.get(key, fingerprint);
  if (known) return known;
  const invoices = await db.query<{ document: InvoiceDocument; status: string; fingerprint: string }>(
    soldElsewhereDocumentsSql,
    [companyId, shiftId, deviceId],
  );
  const sums = soldElsewhereOf(invoices.map((i) => ({ invoice: i.document, voided: i.status === "voided" })));
  // Kept under the fingerprint of the rows read (this statement's snapshot), not the caller's.
  if (invoices[0]) soldElsewhereMemo.set(key, invoices[0].fingerprint, sums);
  return sums;
}
