import type { PushResult } from "@mostrador/domain";
import { applyServerInvoiceState, tillElectronicDocumentOf } from "./invoiceRecords";
import type { LocalDatabase } from "./localDatabase";
import type { LocalInvoice } from "./localRecords";
import type { ApplyPushResult } from "./localStore";

/**
 * The server's answers to a push, applied to this till's invoices in one transaction: accepted
 * (synced, with the server's number, version and electronic document), rejected ("Error"), retry
 * (left pending). An answer older than what is stored is ignored; one for an older revision while
 * a newer one waits only records that the server has it.
 */
export async function applyInvoicePushResultsInDb(
  db: LocalDatabase,
  results: readonly PushResult[],
): Promise<ApplyPushResult> {
  const outcome: ApplyPushResult = { synced: 0, rejected: 0, retry: 0, ignored: 0 };
  const now = new Date().toISOString();
  await db.transaction("rw", db.invoices, async () => {
    const locals = await db.invoices.bulkGet(results.map((r) => r.id));
    const updates: LocalInvoice[] = [];
    results.forEach((result, i) => {
      const local = locals[i];
      if (result.outcome === "retry") {
        outcome.retry += 1;
        return;
      }
      if (!local || result.revision < local.serverRevision) {
        outcome.ignored += 1;
        return;
      }
      const current = result.revision >= local.document.revision;
      if (!current) {
        // An older revision was answered while a newer one waits here: it stays pending.
        updates.push({ ...local, serverRevision: result.revision, updatedAt: now });
        outcome.ignored += 1;
        return;
      }
      if (result.outcome === "accepted") {
        outcome.synced += 1;
        const { status, version, number, returnedQuantities, returnStatus, electronicDocument } = result.invoice;
        const state = {
          status,
          revision: result.revision,
          version,
          number,
          errors: [],
          returnedQuantities,
          returnStatus,
          electronicDocument: tillElectronicDocumentOf(electronicDocument),
        };
        updates.push(applyServerInvoiceState(local, state, now));
      } else {
        outcome.rejected += 1;
        const state = {
          status: "rejected",
          revision: result.revision,
          version: null,
          number: null,
          errors: result.errors,
        };
        updates.push(applyServerInvoiceState(local, state, now));
      }
    });
    if (updates.length > 0) await db.invoices.bulkPut(updates);
  });
  return outcome;
}
