import {
  type CreditNoteDocument,
  type InvoiceDocument,
  type InvoiceVoidDocument,
  MAX_PUSH_BATCH,
  type NewClient,
  type PushRequest,
  type ShiftDocument,
} from "@mostrador/domain";

/**
 * Invoices per push request: the server's maximum (MAX_PUSH_BATCH). Each request costs both sides
 * a fixed share (auth, the acceptor's context query, a transaction, the answer's IndexedDB
 * transaction), so an offline queue uploads in as few requests as the server takes.
 */
export const PUSH_BATCH_SIZE = MAX_PUSH_BATCH;
/**
 * The server refuses bodies over 1 MB (413), which would block a queue of big invoices for ever:
 * a batch also closes once its JSON passes this size (a single invoice is far below it).
 */
export const PUSH_BATCH_MAX_BYTES = 600_000;

/** Batches of at most PUSH_BATCH_SIZE invoices and about PUSH_BATCH_MAX_BYTES of JSON. */
export function splitIntoBatches(documents: readonly InvoiceDocument[]): InvoiceDocument[][] {
  return planPushRequests(documents, []).map((r) => r.invoices);
}

export interface PushRequestPlan {
  /** Clients made at the till: the server writes them before the request's invoices. */
  clients: NewClient[];
  invoices: InvoiceDocument[];
  shifts: ShiftDocument[];
  creditNotes: CreditNoteDocument[];
  voids: InvoiceVoidDocument[];
}

type PlannedKind = keyof PushRequestPlan;
type PlannedDocument = PushRequestPlan[PlannedKind][number];
const emptyPlan = (): PushRequestPlan => ({ clients: [], invoices: [], shifts: [], creditNotes: [], voids: [] });
const planSize = (p: PushRequestPlan) =>
  p.clients.length + p.invoices.length + p.shifts.length + p.creditNotes.length + p.voids.length;

/**
 * The push requests for the pending documents: clients made at the till come first (the server
 * writes a request's clients before its invoices); shifts, credit notes and voids ride in the same
 * requests, after the invoices (the server stores a request's invoices before its shifts, credit
 * notes and voids). Each request holds at most PUSH_BATCH_SIZE of each kind and about
 * PUSH_BATCH_MAX_BYTES of JSON in all.
 */
export function planPushRequests(
  invoices: readonly InvoiceDocument[],
  shifts: readonly ShiftDocument[],
  creditNotes: readonly CreditNoteDocument[] = [],
  voids: readonly InvoiceVoidDocument[] = [],
  clients: readonly NewClient[] = [],
): PushRequestPlan[] {
  const plans: PushRequestPlan[] = [];
  let current = emptyPlan();
  let bytes = 0;
  const add = (kind: PlannedKind, doc: PlannedDocument) => {
    const size = JSON.stringify(doc).length;
    if (planSize(current) > 0 && (current[kind].length >= PUSH_BATCH_SIZE || bytes + size > PUSH_BATCH_MAX_BYTES)) {
      plans.push(current);
      current = emptyPlan();
      bytes = 0;
    }
    (current[kind] as PlannedDocument[]).push(doc);
    bytes += size;
  };
  for (const client of clients) add("clients", client);
  for (const doc of invoices) add("invoices", doc);
  for (const doc of shifts) add("shifts", doc);
  for (const doc of creditNotes) add("creditNotes", doc);
  for (const doc of voids) add("voids", doc);
  if (planSize(current) > 0) plans.push(current);
  return plans;
}

/** The request body of a plan: the optional sections only when they carry something. */
export function pushBodyOf(plan: PushRequestPlan): PushRequest {
  return {
    ...(plan.clients.length > 0 ? { clients: plan.clients } : {}),
    invoices: plan.invoices,
    ...(plan.shifts.length > 0 ? { shifts: plan.shifts } : {}),
    ...(plan.creditNotes.length > 0 ? { creditNotes: plan.creditNotes } : {}),
    ...(plan.voids.length > 0 ? { voids: plan.voids } : {}),
  };
}
