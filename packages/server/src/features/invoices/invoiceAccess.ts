import type { AuthContext } from "../../auth/authTokens";

/**
 * Who may read or void an invoice: a till (device token) only its own invoices, whoever
 * registered it — a till's token never expires and lives in the browser, so it must not reach the
 * company's other sales; a signed-in admin every invoice; a cashier what they sold.
 */
export function canReachInvoice(auth: AuthContext, row: { device_id?: unknown; cashier_id?: unknown }): boolean {
  if (auth.deviceId) return row.device_id === auth.deviceId;
  return auth.role === "admin" || row.cashier_id === auth.userId;
}
