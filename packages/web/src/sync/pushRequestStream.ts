import type { CreditNoteDocument, InvoiceVoidDocument, NewClient, ShiftDocument } from "@mostrador/domain";
import type { LocalStore, PushQueuePage } from "../storage/localStore";
import { PUSH_BATCH_SIZE, type PushRequestPlan, planPushRequests } from "./pushPlan";

/** What one read of the push queue planned: its requests, and whether the queue has more to read. */
export interface PlannedPage {
  plans: PushRequestPlan[];
  done: boolean;
}

/**
 * The push's requests as the queue is read: the first page's requests are sent while the next page is read
 * (reading 1,000 invoices before sending any was a fifth of an upload's time in Chromium). One read at a time,
 * in order, so requests leave in the queue's order; the next read starts as soon as fewer requests than the
 * senders wait, so a sender seldom waits for storage.
 */
export class PushRequestStream {
  private readonly waiting: PushRequestPlan[];
  private reading: Promise<void> | null = null;
  private done: boolean;
  private failure: { error: unknown } | null = null;
  /** Invoices in the requests planned so far (sent or waiting). */
  plannedInvoices: number;

  constructor(
    first: PlannedPage,
    private readonly readNext: () => Promise<PlannedPage>,
    /** Requests waiting below which the next page is read ahead: the number of senders. */
    private readonly readAheadBelow: number,
  ) {
    this.waiting = [...first.plans];
    this.done = first.done;
    this.plannedInvoices = countInvoices(first.plans);
  }

  /** A stream of requests planned already (nothing more to read). */
  static of(plans: PushRequestPlan[]): PushRequestStream {
    return new PushRequestStream({ plans, done: true }, () => Promise.resolve({ plans: [], done: true }), 0);
  }

  /** The request `next` hands out first, when one waits (the push sends those with clients alone). */
  peek(): PushRequestPlan | undefined {
    return this.waiting[0];
  }

  /** The next request to send, reading the queue when none waits; undefined once everything was handed out. */
  async next(): Promise<PushRequestPlan | undefined> {
    while (this.waiting.length === 0 && !this.done) await this.read();
    const plan = this.waiting.shift();
    if (this.waiting.length < this.readAheadBelow && !this.done) void this.read().catch(() => {});
    return plan;
  }

  /** Everything read and planned: the stream's total is final (the push's progress uses it). */
  get complete(): boolean {
    return this.done;
  }

  /** Reads one page unless a read is under way (then waits for it); a failed read fails every later call. */
  private read(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    this.reading ??= this.readNext()
      .then((page) => {
        this.waiting.push(...page.plans);
        this.plannedInvoices += countInvoices(page.plans);
        this.done = page.done;
      })
      .catch((error: unknown) => {
        this.failure = { error };
        throw error;
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }
}

/** What rides along with the queue's invoices: clients in the first requests, the rest after the last page's. */
export interface PushAlong {
  shifts: ShiftDocument[];
  creditNotes: CreditNoteDocument[];
  voids: InvoiceVoidDocument[];
  clients: NewClient[];
}

/**
 * The push's requests for the queue, from its first page (already read) on, PUSH_BATCH_SIZE invoices a page.
 * Clients go in the first requests (an invoice naming one then finds it); shifts, credit notes and voids after
 * the last page's invoices, as the server stores a request's documents in that order.
 */
export function pushQueueStream(
  store: Pick<LocalStore, "listInvoicesToPushPage">,
  first: PushQueuePage,
  along: PushAlong,
  senders: number,
): PushRequestStream {
  const plan = (documents: PushQueuePage["documents"], last: boolean, clients: PushAlong["clients"]) => ({
    plans: last
      ? planPushRequests(documents, along.shifts, along.creditNotes, along.voids, clients)
      : planPushRequests(documents, [], [], [], clients),
    done: last,
  });
  let after = first.next;
  return new PushRequestStream(
    plan(first.documents, after === null, along.clients),
    async () => {
      const page = await store.listInvoicesToPushPage(PUSH_BATCH_SIZE, after ?? undefined);
      after = page.next;
      return plan(page.documents, after === null, []);
    },
    senders,
  );
}

function countInvoices(plans: readonly PushRequestPlan[]): number {
  return plans.reduce((sum, plan) => sum + plan.invoices.length, 0);
}
