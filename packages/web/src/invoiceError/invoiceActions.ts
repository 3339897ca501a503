import { isTransportError } from "../api/transportErrors";
import type { AppServices } from "../services/appServices";
import type { LocalInvoice } from "../storage/localRecords";

export type VoidOutcome =
  | { ok: true; invoice: LocalInvoice }
  | { ok: false; problem: "offline" | "reason_required" | "failed"; message?: string };

/**
 * "Anular": the server records the void (so the number stays used and the sale never counts), then
 * the local invoice is marked voided. Without a connection nothing changes: voiding needs the server.
 */
export async function voidInvoiceOnServer(
  services: Pick<AppServices, "store" | "transport" | "syncEngine">,
  invoice: LocalInvoice,
  reason: string,
  online: boolean,
): Promise<VoidOutcome> {
  const trimmed = reason.trim();
  if (!trimmed) return { ok: false, problem: "reason_required" };
  if (!online) return { ok: false, problem: "offline" };
  const { store, transport, syncEngine } = services;
  const [device, session] = await Promise.all([store.getMeta("device"), store.getMeta("session")]);
  // The device token identifies the cashier too, and keeps working after the login token expired.
  const token = device?.deviceToken ?? session?.token;
  if (!token) return { ok: false, problem: "failed", message: "no device credential" };
  try {
    await transport.voidInvoice(token, invoice.id, trimmed);
  } catch (error) {
    if (isTransportError(error)) {
      if (error.transient) return { ok: false, problem: "offline" };
      // Already voided there: the device only catches up. Not found: the server never stored it
      // (rejected as malformed), so there is nothing to void on the server and it never counted.
      const settled = error.kind === "client" && (error.status === 409 || error.status === 404);
      if (!settled) return { ok: false, problem: "failed", message: error.message };
    } else {
      return { ok: false, problem: "failed", message: error instanceof Error ? error.message : String(error) };
    }
  }
  const voided = await store.markInvoiceVoided(invoice.id, trimmed);
  syncEngine.requestSync("invoice voided");
  return { ok: true, invoice: voided };
}

/** "Sincronizar de nuevo": the same revision goes up again (the cause was fixed on the server). */
export async function resendInvoice(
  services: Pick<AppServices, "store" | "syncEngine">,
  invoice: LocalInvoice,
): Promise<LocalInvoice> {
  const pending = await services.store.resendInvoice(invoice.id);
  services.syncEngine.requestSync("invoice sent again");
  return pending;
}
