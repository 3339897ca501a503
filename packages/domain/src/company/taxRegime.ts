import { z } from "zod";

/** Colombian tax regimes a shop declares on its receipts (DIAN). Its own file: the till needs only this. */
export const taxRegimes = ["responsable_iva", "no_responsable_iva", "simple"] as const;
export const taxRegimeSchema = z.enum(taxRegimes, {
  message: `must be one of ${taxRegimes.join(", ")}`,
});
export type TaxRegime = z.infer<typeof taxRegimeSchema>;
