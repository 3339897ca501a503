import type { CreditNoteDocument, InvoiceVoidDocument, NewClient, ShiftDocument } from "@mostrador/domain";
import { listUnsyncedInvoicesInDb } from "./invoiceQueries";
import type { LocalDatabase } from "./localDatabase";
import type { LocalInvoice } from "./localRecords";

/**
 * What exists only on this device: every record the sign-out check refuses to wipe, and what
 * "Exportar pendientes" carries. One definition for both, so the file never leaves out a kind the
 * check counts (issue: the file once carried invoices only, and a revoked till lost its returns).
 */

/** Per kind: pending (the push would send it) and, where the server can refuse it for good, in error. */
export interface UnsyncedCounts {
  invoices: { pending: number; error: number };
  /** Credit notes (returns); "annulled" ones are given up on this till and never sent. */
  creditNotes: { pending: number; error: number };
  /** Voids of synced invoices; a refused void put its invoice back, so only pending ones count. */
  voids: number;
  /** Cash shifts whose current revision (opening, movements or closing) the server has not accepted. */
  shifts: { pending: number; error: number };
  /** Clients made here and not uploaded yet; one the server refused as malformed never will be. */
  clients: number;
}

export const noUnsynced: UnsyncedCounts = {
  invoices: { pending: 0, error: 0 },
  creditNotes: { pending: 0, error: 0 },
  voids: 0,
  shifts: { pending: 0, error: 0 },
  clients: 0,
};

export function totalUnsynced(c: UnsyncedCounts): number {
  return (
    c.invoices.pending +
    c.invoices.error +
    c.creditNotes.pending +
    c.creditNotes.error +
    c.voids +
    c.shifts.pending +
    c.shifts.error +
    c.clients
  );
}

/** Records the push would send (and the ones in error), each as it would be uploaded. */
export interface UnsyncedRecords {
  /** Local records: the file takes their documents, the caller their count. */
  invoices: LocalInvoice[];
  creditNotes: CreditNoteDocument[];
  voids: InvoiceVoidDocument[];
  shifts: ShiftDocument[];
  clients: NewClient[];
}

/** The tables countUnsyncedInDb reads: a caller's transaction must include them. */
export const unsyncedTables = (db: LocalDatabase) => [
  db.invoices,
  db.creditNotes,
  db.invoiceVoids,
  db.shifts,
  db.tillClients,
];

/** Counts by index only (a live query: it re-runs when any of the five tables changes). */
export function countUnsyncedInDb(db: LocalDatabase): Promise<UnsyncedCounts> {
  return db.transaction("r", unsyncedTables(db), async () => {
    const [ip, ie, np, ne, v, sp, se, c] = await Promise.all([
      db.invoices.where("status").equals("pending").count(),
      db.invoices.where("status").equals("error").count(),
      db.creditNotes.where("status").equals("pending").count(),
      db.creditNotes.where("status").equals("error").count(),
      db.invoiceVoids.where("status").equals("pending").count(),
      db.shifts.where("status").equals("pending").count(),
      db.shifts.where("status").equals("error").count(),
      db.tillClients.where("status").equals("pending").count(),
    ]);
    return {
      invoices: { pending: ip, error: ie },
      creditNotes: { pending: np, error: ne },
      voids: v,
      shifts: { pending: sp, error: se },
      clients: c,
    };
  });
}

/** Everything countUnsyncedInDb counts, read in one transaction, oldest first per kind. */
export function listUnsyncedRecordsInDb(db: LocalDatabase): Promise<UnsyncedRecords> {
  return db.transaction("r", unsyncedTables(db), async () => {
    const [invoices, notes, voids, shifts, clients] = await Promise.all([
      listUnsyncedInvoicesInDb(db),
      db.creditNotes.where("status").anyOf("pending", "error").toArray(),
      db.invoiceVoids.where("status").equals("pending").toArray(),
      db.shifts.where("status").anyOf("pending", "error").toArray(),
      db.tillClients.where("status").equals("pending").toArray(),
    ]);
    return {
      invoices,
      creditNotes: notes.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)).map((n) => n.document),
      voids: voids.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((v) => v.document),
      shifts: shifts.sort((a, b) => a.openedAt.localeCompare(b.openedAt)).map((s) => s.document),
      // Clients first in the push too: an invoice naming one finds it on the server.
      clients: clients.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((c) => c.client),
    };
  });
}
