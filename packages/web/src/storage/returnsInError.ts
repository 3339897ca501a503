import type { ReturnRejection } from "@mostrador/domain";
import type { LocalDatabase } from "./localDatabase";

/**
 * A credit note or void the server refused, as the history's «Con error» view lists it beside the
 * invoices in error: also one that came in another till's file for an invoice this device never
 * had (no invoice detail shows it), so its «Sincronizar de nuevo» is always reachable.
 */
export interface ReturnInError {
  kind: "creditNote" | "void";
  id: string;
  invoiceId: string;
  /** The invoice as printed: a note carries it; a void only knows it from the invoice on this device. */
  invoice: { prefix: string; number: number | null } | null;
  /** Whether the invoice is on this device (its detail can be opened). */
  invoiceHere: boolean;
  /** The note's own number (NC-3); null for a void. */
  note: { prefix: string; number: number } | null;
  reason: string;
  /** When the note was issued or the void made. */
  at: string;
  errors: ReturnRejection[];
}

/** Notes and voids in error, oldest first (index reads; a live query). */
export function listReturnsInErrorInDb(db: LocalDatabase): Promise<ReturnInError[]> {
  return db.transaction("r", [db.creditNotes, db.invoiceVoids, db.invoices], () =>
    Promise.all([
      db.creditNotes.where("status").equals("error").toArray(),
      db.invoiceVoids.where("status").equals("error").toArray(),
    ]).then(([notes, voids]) =>
      db.invoices.bulkGet([...notes.map((n) => n.invoiceId), ...voids.map((v) => v.invoiceId)]).then((invoices) => {
        const noteRows = notes.map((n, i): ReturnInError => {
          const invoice = invoices[i];
          return {
            kind: "creditNote",
            id: n.id,
            invoiceId: n.invoiceId,
            invoice: invoice
              ? { prefix: invoice.prefix, number: invoice.number }
              : { prefix: n.document.invoicePrefix, number: n.document.invoiceNumber },
            invoiceHere: invoice !== undefined,
            note: { prefix: n.prefix, number: n.number },
            reason: n.document.reason,
            at: n.issuedAt,
            errors: n.errors,
          };
        });
        const voidRows = voids.map((v, i): ReturnInError => {
          const invoice = invoices[notes.length + i];
          return {
            kind: "void",
            id: v.id,
            invoiceId: v.invoiceId,
            invoice: invoice ? { prefix: invoice.prefix, number: invoice.number } : null,
            invoiceHere: invoice !== undefined,
            note: null,
            reason: v.document.reason,
            at: v.document.voidedAt,
            errors: v.errors,
          };
        });
        return [...noteRows, ...voidRows].sort((a, b) => a.at.localeCompare(b.at));
      }),
    ),
  );
}
