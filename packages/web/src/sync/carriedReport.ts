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
  return {
    invoices: plan.invoices.map((d) => d.id),
    creditNotes: plan.creditNotes.map((d) => d.id),
    voids: plan.voids.map((d) => d.id),
    shifts: plan.shifts.map((d) => d.id),
    clients: plan.clients.map((c) => c.id),
  };
}

/** The server holds `said` already and it tells what `now` tells: sending `now` would change nothing. */
export function saysTheSame(said: DeviceReport | null, now: DeviceReport): boolean {
  return (
    said !== null &&
    said.pending === now.pending &&
    said.errors === now.errors &&
    said.oldestPendingAt === now.oldestPendingAt &&
    said.appVersion === now.appVersion
  );
}
