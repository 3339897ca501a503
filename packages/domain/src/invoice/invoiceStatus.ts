/** Server-side states. On the device: pending (not yet accepted), synced, error, voided. Without zod (see invoiceSchemas.ts). */
export const serverInvoiceStatuses = ["accepted", "rejected", "voided"] as const;
export type ServerInvoiceStatus = (typeof serverInvoiceStatuses)[number];
export const localInvoiceStatuses = ["pending", "synced", "error", "voided"] as const;
export type LocalInvoiceStatus = (typeof localInvoiceStatuses)[number];

export function isServerInvoiceStatus(status: string): status is ServerInvoiceStatus {
  return (serverInvoiceStatuses as readonly string[]).includes(status);
}

/** The one mapping of the server's word for an invoice to the till's ("pending" is the till's alone). */
export function localInvoiceStatusOf(status: ServerInvoiceStatus): LocalInvoiceStatus {
  return status === "accepted" ? "synced" : status === "rejected" ? "error" : "voided";
}
