import type { DeviceReport } from "@mostrador/domain";
import type { RecordsInRequest } from "../storage/unsyncedRecords";
import type { PushRequestPlan } from "./pushPlan";

/**
 * A push that is one request carries the till's report (the queue besides that request, as it stands
 * once the server has accepted it): the server writes it with the request's invoices, and the separate
 * report after the push is sent only when the queue now differs from it (something refused, left to
 * retry, or sold meanwhile). An online till, which pushes each sale, then makes one request per sale
 * instead of two.
 */
export function recordsInRequest(plan: PushRequestPlan): RecordsInRequest {
  const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
  return {
    invoices: ids(plan.invoices),
    creditNotes: ids(plan.creditNotes),
    voids: ids(plan.voids),
    shifts: ids(plan.shifts),
    clients: ids(plan.clients),
  };
}

/**
 * The server holds `said` already and it tells what `now` tells: sending `now` would change nothing. Both come
 * from the engine's queueReport, so their keys are in the same order.
 */
export function saysTheSame(said: DeviceReport | null, now: DeviceReport): boolean {
  return said !== null && JSON.stringify(said) === JSON.stringify(now);
}
