import type {
  CreditNoteDocument,
  DeviceReport,
  InvoiceVoidDocument,
  NewClient,
  ShiftDocument,
} from "@mostrador/domain";
import { invoicesWithStatus, listUnsyncedInvoicesInDb } from "./invoiceQueries";
import type { LocalDatabase } from "./localDatabase";
import type { LocalInvoice } from "./localRecords";

/**
 * What exists only on this device: every record the sign-out check refuses to wipe, and what
 * "Exportar pendientes" carries. One definition for both, so the file never leaves out a kind the
 * check counts (issue: the file once carried invoices only, and a revoked till lost its returns).
 */

/** Per kind: pending (the push would send it) and, where the server can refuse it, in error. */
export interface UnsyncedCounts {
  invoices: { pending: number; error: number };
  /** Credit notes (returns); "annulled" ones are given up on this till and never sent. */
  creditNotes: { pending: number; error: number };
  /**
   * Voids of synced invoices. One in error was refused (its invoice is back to synced) but
   * «Sincronizar de nuevo» may still upload it (an imported void refused with DEVICE_MISMATCH is
   * taken once its maker is revoked), so it stays here until sent again or "discarded".
   */
  voids: { pending: number; error: number };
  /** Cash shifts whose current revision (opening, movements or closing) the server has not accepted. */
  shifts: { pending: number; error: number };
  /** Clients made here and not uploaded yet; one the server refused as malformed never will be. */
  clients: number;
}

/** Every kind but invoices: the sync indicator reads invoices by status apart (see useSyncStatus). */
export type UnsyncedBesideInvoices = Omit<UnsyncedCounts, "invoices">;

export const noUnsynced: UnsyncedCounts = {
  invoices: { pending: 0, error: 0 },
  creditNotes: { pending: 0, error: 0 },
  voids: { pending: 0, error: 0 },
  shifts: { pending: 0, error: 0 },
  clients: 0,
};

/** What the next push would send. */
export function pendingUnsynced(c: UnsyncedBesideInvoices & Partial<Pick<UnsyncedCounts, "invoices">>): number {
  return (c.invoices?.pending ?? 0) + c.creditNotes.pending + c.voids.pending + c.shifts.pending + c.clients;
}

/** What the server refused and a cashier can still fix, send again or give up. */
export function errorUnsynced(c: UnsyncedBesideInvoices & Partial<Pick<UnsyncedCounts, "invoices">>): number {
  return (c.invoices?.error ?? 0) + c.creditNotes.error + c.voids.error + c.shifts.error;
}

export function totalUnsynced(c: UnsyncedCounts): number {
  return pendingUnsynced(c) + errorUnsynced(c);
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

/**
 * Counts by index only (a live query: it re-runs when any of the five tables changes). Promise chains,
 * no nested async functions: a live query's transaction (see countNumbersLeft).
 */
export function countUnsyncedInDb(db: LocalDatabase): Promise<UnsyncedCounts> {
  return db.transaction("r", unsyncedTables(db), () =>
    Promise.all([
      invoicesWithStatus(db, "pending").count(),
      invoicesWithStatus(db, "error").count(),
      countBesideInvoices(db),
    ]).then(([pending, error, others]) => ({ invoices: { pending, error }, ...others })),
  );
}

/**
 * Every kind but invoices, counted as countUnsyncedInDb counts them: the sync indicator's live query
 * (a sale writes none of its four tables, unless it makes a client: it does not re-run this one).
 */
export function countUnsyncedBesideInvoicesInDb(db: LocalDatabase): Promise<UnsyncedBesideInvoices> {
  return db.transaction("r", [db.creditNotes, db.invoiceVoids, db.shifts, db.tillClients], () =>
    countBesideInvoices(db),
  );
}

/** Inside a transaction over (at least) the four tables. */
function countBesideInvoices(db: LocalDatabase): Promise<UnsyncedBesideInvoices> {
  return Promise.all([
    db.creditNotes.where("status").equals("pending").count(),
    db.creditNotes.where("status").equals("error").count(),
    db.invoiceVoids.where("status").equals("pending").count(),
    db.invoiceVoids.where("status").equals("error").count(),
    db.shifts.where("status").equals("pending").count(),
    db.shifts.where("status").equals("error").count(),
    db.tillClients.where("status").equals("pending").count(),
  ]).then(([np, ne, vp, ve, sp, se, c]) => ({
    creditNotes: { pending: np, error: ne },
    voids: { pending: vp, error: ve },
    shifts: { pending: sp, error: se },
    clients: c,
  }));
}

/** Everything countUnsyncedInDb counts, read in one transaction, oldest first per kind. */
export function listUnsyncedRecordsInDb(db: LocalDatabase): Promise<UnsyncedRecords> {
  return db.transaction("r", unsyncedTables(db), async () => {
    const [invoices, notes, voids, shifts, clients] = await Promise.all([
      listUnsyncedInvoicesInDb(db),
      db.creditNotes.where("status").anyOf("pending", "error").toArray(),
      db.invoiceVoids.where("status").anyOf("pending", "error").toArray(),
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

/**
 * What the till reports about its queue after a sync or a push (sync/queueReporter; the back office's fleet: "Pendientes",
 * "Con error", "Pendiente más antigua", and the silent tills with something pending): every kind the sync
 * indicator and the sign-out check count, not invoices alone — a till out of contact with a return or a
 * shift's closing not uploaded is as much at risk as one with a sale. The oldest pending record is dated
 * by when its unsent state was made: a sale or return by its issue, a void or a client by its creation, a
 * shift by its last change (its closing, a cash movement).
 */
export function deviceReportFromDb(db: LocalDatabase): Promise<DeviceReport> {
  return db.transaction("r", unsyncedTables(db), async () => {
    const [counts, invoices, notes, voids, shifts, clients] = await Promise.all([
      countUnsyncedInDb(db),
      invoicesWithStatus(db, "pending").toArray(),
      db.creditNotes.where("status").equals("pending").toArray(),
      db.invoiceVoids.where("status").equals("pending").toArray(),
      db.shifts.where("status").equals("pending").toArray(),
      db.tillClients.where("status").equals("pending").toArray(),
    ]);
    const since = [
      ...invoices.map((i) => i.issuedAt),
      ...notes.map((n) => n.issuedAt),
      ...voids.map((v) => v.createdAt),
      ...shifts.map((s) => s.updatedAt),
      ...clients.map((c) => c.createdAt),
    ];
    const oldest = since.reduce<string | null>((min, at) => (min === null || at < min ? at : min), null);
    return { pending: pendingUnsynced(counts), errors: errorUnsynced(counts), oldestPendingAt: oldest };
  });
}
