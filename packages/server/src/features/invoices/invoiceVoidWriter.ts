import type { VoidableInvoice } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { takeInvoiceVersions } from "../devices/deviceActivity";
import { recordStockForVoid } from "../inventory/stockForDocuments";
import { applyStockBalances } from "../inventory/stockLedger";
import { recordInvoiceVoidSales } from "../reports/salesSummaryWriter";
import { INVOICE_SUMMARY_COLUMNS } from "./invoicePresenter";

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

/**
 * The invoice to void, locked for the rest of the transaction (a credit note for it waits, and
 * then sees it voided), with what voidRefusal needs: whether its numbering is electronic (a left
 * join: an invoice in error may name a numbering that does not exist) and its shift.
 */
export async function lockInvoiceForVoid(
  tx: Queryable,
  companyId: string,
  invoiceId: string,
): Promise<{ row: Row; voidable: VoidableInvoice } | null> {
  const rows = await tx.query(
    `SELECT i.*, n.electronic, s.opened_at AS shift_opened_at, s.closed_at AS shift_closed_at
       FROM invoices i
       LEFT JOIN numberings n ON n.company_id = i.company_id AND n.id = i.numbering_id
       LEFT JOIN shifts s ON s.company_id = i.company_id AND s.id = i.shift_id
      WHERE i.company_id = $1 AND i.id = $2
        FOR UPDATE OF i`,
    [companyId, invoiceId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    row,
    voidable: {
      status: row.status as VoidableInvoice["status"],
      electronic: Boolean(row.electronic),
      returnStatus: row.return_status as VoidableInvoice["returnStatus"],
      shift:
        row.shift_opened_at == null
          ? null
          : {
              openedAt: iso(row.shift_opened_at),
              closedAt: row.shift_closed_at == null ? null : iso(row.shift_closed_at),
            },
    },
  };
}

/**
 * Marks the locked invoice voided: it keeps its number (status 'voided' is inside the number-once
 * index, so the numbering report counts it voided), leaves the sales, and takes a new version
 * from its device's counter so the till that sold it learns it in the pull.
 */
export async function markInvoiceVoided(
  tx: Queryable,
  companyId: string,
  row: Row,
  v: { reason: string; by: string; at: string; voidId: string | null; claimsNumber: boolean },
): Promise<Row> {
  const version = await takeInvoiceVersions(tx, companyId, String(row.device_id), 1);
  if (version === null) throw new Error(`device ${String(row.device_id)} vanished`);
  const updated = await tx.query(
    `UPDATE invoices SET status = 'voided', void_reason = $3, voided_by = $4, voided_at = $5, void_id = $6,
            claims_number = $7, version = $8, updated_at = now()
      WHERE company_id = $1 AND id = $2 RETURNING ${INVOICE_SUMMARY_COLUMNS}`,
    [companyId, row.id, v.reason, v.by, v.at, v.voidId, v.claimsNumber, version],
  );
  const stock = await recordStockForVoid(tx, companyId, String(row.id), v);
  // Last, the shared rows (inventory/stockForDocuments: the order every writer keeps).
  await recordInvoiceVoidSales(tx, companyId, row);
  await applyStockBalances(tx, companyId, stock);
  return updated[0] as Row;
}
