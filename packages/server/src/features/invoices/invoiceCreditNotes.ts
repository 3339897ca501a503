import type { CreditNoteSummary } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { presentCreditNote } from "./creditNotePresenter";

/** An invoice's credit notes, oldest first (the invoice detail shows them). */
export async function creditNotesOf(db: Queryable, companyId: string, invoiceId: string): Promise<CreditNoteSummary[]> {
  const rows = await db.query(
    "SELECT * FROM credit_notes WHERE company_id = $1 AND invoice_id = $2 ORDER BY issued_at, id",
    [companyId, invoiceId],
  );
  return rows.map(presentCreditNote);
}
