import { type InvoiceRejectionCode, numberRejectionCodes, returnRejection, voidRefusal } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Database } from "../../db/database";
import { ApiError, notFound } from "../../http/apiError";
import { canReachInvoice } from "./invoiceAccess";
import { presentInvoiceSummary } from "./invoicePresenter";
import { lockInvoiceForVoid, markInvoiceVoided } from "./invoiceVoidWriter";

/**
 * invoiceVoider: a voided invoice never counts as a sale, but keeps its number
 * (status 'voided' is inside the number-once index), so the number stays used. An invoice in
 * error is voided by whoever reaches it; a synced (accepted) one follows voidRefusal: not
 * electronic, no returns, an admin or a cashier within the invoice's open shift.
 */
export async function voidInvoice(db: Database, auth: AuthContext, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const locked = await lockInvoiceForVoid(tx, auth.companyId, id);
    if (!locked || !canReachInvoice(auth, locked.row)) throw notFound("invoice");
    const { row, voidable } = locked;
    if (row.status === "voided") throw new ApiError(409, "CONFLICT", "the invoice is already voided");
    const at = new Date().toISOString();
    if (row.status === "accepted") {
      const refusal = voidRefusal(voidable, { role: auth.role, at });
      if (refusal === "VOID_NOT_ALLOWED") throw new ApiError(403, "FORBIDDEN", returnRejection(refusal).message);
      if (refusal) throw new ApiError(409, "CONFLICT", returnRejection(refusal).message, { reason: refusal });
    }
    // An invoice in error because of its number never held it: voiding it must not claim it.
    const errors = (row.errors as { code: string }[] | null) ?? [];
    const claimsNumber =
      !(
        row.status === "rejected" && errors.some((e) => numberRejectionCodes.includes(e.code as InvoiceRejectionCode))
      ) && row.number !== null;
    const updated = await markInvoiceVoided(tx, auth.companyId, row, {
      reason,
      by: auth.userId,
      at,
      voidId: null,
      claimsNumber,
    });
    return presentInvoiceSummary(updated);
  });
}
