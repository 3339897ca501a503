import { type InvoiceRejectionCode, numberRejectionCodes } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Database } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { takeInvoiceVersions } from "../devices/deviceActivity";
import { canReachInvoice } from "./invoiceAccess";
import { INVOICE_SUMMARY_COLUMNS, presentInvoiceSummary } from "./invoicePresenter";

/**
 * invoiceVoider: a voided invoice never counts as a sale, but keeps its number
 * (status 'voided' is inside the number-once index), so the number stays used.
 */
export async function voidInvoice(db: Database, auth: AuthContext, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      "SELECT status, cashier_id, device_id, errors, number FROM invoices WHERE company_id = $1 AND id = $2 FOR UPDATE",
      [auth.companyId, id],
    );
    const row = rows[0];
    if (!row || !canReachInvoice(auth, row)) throw notFound("invoice");
    if (row.status === "voided") throw new ApiError(409, "CONFLICT", "the invoice is already voided");
    // Invoice versions are the device's own (see invoiceAcceptor).
    const version = (await takeInvoiceVersions(tx, auth.companyId, String(row.device_id), 1)) ?? 0;
    // An invoice in error because of its number never held it: voiding it must not claim it.
    const errors = (row.errors as { code: string }[] | null) ?? [];
    const claims =
      !(
        row.status === "rejected" && errors.some((e) => numberRejectionCodes.includes(e.code as InvoiceRejectionCode))
      ) && row.number !== null;
    const updated = await tx.query(
      `UPDATE invoices SET status = 'voided', void_reason = $3, version = $4, claims_number = $5, updated_at = now()
        WHERE company_id = $1 AND id = $2 RETURNING ${INVOICE_SUMMARY_COLUMNS}`,
      [auth.companyId, id, reason, version, claims],
    );
    return presentInvoiceSummary(updated[0] as Record<string, unknown>);
  });
}
