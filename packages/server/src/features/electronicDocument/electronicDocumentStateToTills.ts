import type { Queryable } from "../../db/database";
import { takeInvoiceVersions } from "../devices/deviceActivity";

/**
 * After the outbox changed the state of some electronic documents (sent, accepted, rejected: the
 * sender's doing), their invoices take a new version from the counter of the device that sold them,
 * in the caller's transaction, so that device's next pull brings the invoice row again with its
 * `electronicDocument` — and the receipt stops saying "Validación DIAN pendiente" once accepted.
 * The invoice rows are locked first, then their devices' counters in id order (as invoiceBatchWriter takes
 * them): every change to a stored invoice — a return, a void — takes its row before its device's counter, and
 * the other order could meet one of them in a circle.
 */
export async function letTillsLearnElectronicDocumentStates(
  tx: Queryable,
  companyId: string,
  invoiceIds: readonly string[],
): Promise<number> {
  if (invoiceIds.length === 0) return 0;
  const rows = await tx.query<{ id: string; device_id: string }>(
    "SELECT id, device_id FROM invoices WHERE company_id = $1 AND id = ANY($2::uuid[]) ORDER BY device_id, id FOR UPDATE",
    [companyId, [...new Set(invoiceIds)]],
  );
  const byDevice = new Map<string, string[]>();
  for (const r of rows) byDevice.set(String(r.device_id), [...(byDevice.get(String(r.device_id)) ?? []), String(r.id)]);
  for (const [deviceId, ids] of [...byDevice].sort(([a], [b]) => a.localeCompare(b))) {
    const first = await takeInvoiceVersions(tx, companyId, deviceId, ids.length);
    if (first === null) continue; // a device deleted meanwhile: nobody left to tell
    await tx.query(
      `UPDATE invoices i SET version = x.version
         FROM unnest($2::uuid[], $3::bigint[]) AS x(id, version)
        WHERE i.company_id = $1 AND i.id = x.id`,
      [companyId, ids, ids.map((_, i) => first + i)],
    );
  }
  return rows.length;
}
