import {
  type InvoiceVoidDocument,
  invoiceVoidDocumentSchema,
  type ReturnRejection,
  returnRejection,
  type VoidPushResult,
  voidRefusal,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { type Database, isDataError, isDeadlock } from "../../db/database";
import { rawIdOf } from "../../http/rawItem";
import { sameDocumentContent } from "../invoices/invoiceContent";
import { presentInvoiceSummary } from "../invoices/invoicePresenter";
import { lockInvoiceForVoid, markInvoiceVoided } from "../invoices/invoiceVoidWriter";

const rejected = (id: string, errors: ReturnRejection[]): VoidPushResult => ({ outcome: "rejected", id, errors });

/**
 * invoiceVoidAcceptor: voids of synced invoices made on a till (also offline), applied once.
 * The invoice's row says it: status 'voided' and the void's id (void_id). A void that arrives
 * again — or another till's void of an invoice already voided — is answered "accepted" with the
 * invoice as it stands (duplicate), since what the till wants is already true.
 *
 * 1. Parse each void alone (VOID_INVALID); copies of one id get the first one's answer.
 * 2. Who: the void's maker device — the uploader, or a revoked device of this company whose
 *    «Exportar pendientes» file was imported here (see makerMayBeUploaded) — and a user active
 *    and signed in on that maker device.
 * 3. In one transaction per void, under the invoice's row lock: found in this company, then
 *    voidRefusal (accepted, not electronic, no returns, an admin or within the invoice's open
 *    shift at the time of the void), then marked voided with a new version for its device.
 */
export async function acceptVoidBatch(db: Database, auth: AuthContext, raws: unknown[]): Promise<VoidPushResult[]> {
  const results: VoidPushResult[] = [];
  const firstOf = new Map<string, { doc: InvoiceVoidDocument; result: VoidPushResult }>();
  for (const raw of raws) {
    const parsed = invoiceVoidDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      const field = parsed.error.issues[0]?.path.join(".") || undefined;
      results.push(rejected(rawIdOf(raw), [returnRejection("VOID_INVALID", { detail: detail.slice(0, 500) }, field)]));
      continue;
    }
    const doc = parsed.data;
    const first = firstOf.get(doc.id);
    if (first) {
      results.push(
        sameDocumentContent(first.doc, doc) ? first.result : rejected(doc.id, [returnRejection("REVISION_CONFLICT")]),
      );
      continue;
    }
    const result = await decide(db, auth, doc);
    firstOf.set(doc.id, { doc, result });
    results.push(result);
  }
  return results;
}

/**
 * The uploader's own void, or one made by a revoked device of this company (its export file
 * imported on another till): the same rule as creditNoteValidator's uploadableBy. An active maker
 * still holds the void and sends it itself. Revocation is never undone, so reading it outside the
 * void's transaction cannot let through a void the rule refuses.
 */
async function makerMayBeUploaded(db: Database, auth: AuthContext, makerId: string): Promise<boolean> {
  if (makerId === auth.deviceId) return true;
  const rows = await db.query(
    "SELECT 1 FROM devices WHERE company_id = $1 AND id = $2 AND (revoked_at IS NOT NULL OR NOT active)",
    [auth.companyId, makerId],
  );
  return rows.length > 0;
}

async function decide(db: Database, auth: AuthContext, doc: InvoiceVoidDocument): Promise<VoidPushResult> {
  if (!(await makerMayBeUploaded(db, auth, doc.deviceId)))
    return rejected(doc.id, [returnRejection("DEVICE_MISMATCH", {}, "deviceId")]);
  const users = await db.query(
    `SELECT u.role, u.active, u.terminal_ids, d.terminal_id,
            EXISTS (SELECT 1 FROM device_sign_ins s WHERE s.company_id = u.company_id AND s.device_id = d.id
                       AND s.user_id = u.id) AS signed_in
       FROM users u JOIN devices d ON d.company_id = u.company_id AND d.id = $3
      WHERE u.company_id = $1 AND u.id = $2`,
    [auth.companyId, doc.voidedBy, doc.deviceId],
  );
  const user = users[0];
  const terminalIds = (user?.terminal_ids as string[] | null) ?? [];
  const allowedHere =
    user?.active &&
    user.signed_in &&
    (user.role === "admin" || terminalIds.length === 0 || terminalIds.includes(String(user.terminal_id)));
  if (!user || !allowedHere) return rejected(doc.id, [returnRejection("CASHIER_NOT_ALLOWED", {}, "voidedBy")]);
  try {
    return await db.transaction(async (tx): Promise<VoidPushResult> => {
      const locked = await lockInvoiceForVoid(tx, auth.companyId, doc.invoiceId);
      if (!locked) return rejected(doc.id, [returnRejection("INVOICE_NOT_FOUND", {}, "invoiceId")]);
      const { row, voidable } = locked;
      if (row.status === "voided")
        return { outcome: "accepted", id: doc.id, duplicate: true, invoice: presentInvoiceSummary(row) };
      const refusal = voidRefusal(voidable, { role: String(user.role), at: doc.voidedAt });
      if (refusal)
        return rejected(doc.id, [
          returnRejection(refusal, {}, refusal === "VOID_NOT_ALLOWED" ? "voidedBy" : "invoiceId"),
        ]);
      const updated = await markInvoiceVoided(tx, auth.companyId, row, {
        reason: doc.reason,
        by: doc.voidedBy,
        at: doc.voidedAt,
        voidId: doc.id,
        claimsNumber: true,
      });
      return { outcome: "accepted", id: doc.id, duplicate: false, invoice: presentInvoiceSummary(updated) };
    });
  } catch (err) {
    if (isDeadlock(err)) return { outcome: "retry", id: doc.id, reason: "busy, retry" };
    if (isDataError(err))
      return rejected(doc.id, [
        returnRejection("VOID_INVALID", {
          detail: `the database refused a value (${String((err as Error).message).slice(0, 200)})`,
        }),
      ]);
    throw err;
  }
}
