import type { AuthContext } from "../../auth/authTokens";
import type { Database } from "../../db/database";
import { rawIdOf } from "../../http/rawItem";
import type { DeviceActivity } from "../devices/deviceActivity";
import type { SecretBox } from "../dianCertificate/secretBox";
import { acceptInvoiceGroup, acceptInvoicePush, type InvoicePushAnswer, type InvoiceUpload } from "./invoiceAcceptor";

/**
 * pushGroupCommit: the server-side group commit of invoice pushes. A company's pushes all write the
 * same shared rows (the day's sales summaries, the warehouse's stock), so its transactions run one
 * after the other however many tills push at once. Pushes that arrive while one of the company's
 * pushes is being accepted wait and are then accepted together: one context query, one transaction
 * (one statement of each kind, one COMMIT) for all of them, each answered with its own results only
 * after that COMMIT. A push that arrives when nothing is in flight is accepted at once, alone.
 *
 * - A group never holds one invoice id twice (a retry of a push still in flight): the later push waits
 *   for the next group and then sees the invoice stored (duplicate). Two pushes of one till may share
 *   a group (a till uploading its queue keeps two requests in flight): its versions follow their order.
 * - When the group's transaction fails, nothing of it is stored and nothing was answered: each push is
 *   then accepted alone (as without the group), so a bad one fails only itself.
 * - Groups overlap: the next group is taken when the one before it begins its transaction, and its
 *   context query and validation run meanwhile; its transaction waits until the one before is done.
 *   What it decided without seeing the invoices being written is still safe: a push holding an
 *   invoice id of that group waits for the group after; a number that group took is refused by the
 *   unique index (the group fails → each alone, which then sees the number taken).
 * - At most `maxInvoices` invoices per group (a push is never split); the first push always goes
 *   (unless it holds an invoice id still being written).
 * - Only small pushes (at most `groupedPushMax` invoices: an online till's sale) are grouped. A larger
 *   batch already has its own transaction's worth of invoices and is accepted at once, alone, beside
 *   the others: batches overlap their context query and validation with each other's transactions
 *   (20 devices × 100 per request: 733/s grouped against 970/s alone in one pair at load 13).
 */
export interface PushGroupCommit {
  accept(auth: AuthContext, rawInvoices: unknown[], activity: DeviceActivity): Promise<InvoicePushAnswer>;
}

/** A group being accepted: its invoice ids, whether it began writing, when it is done. */
interface InFlight {
  ids: Set<string>;
  writing: Promise<void>;
  finished: boolean;
  done: Promise<void>;
}

const NO_IDS: ReadonlySet<string> = new Set();

interface Waiting {
  upload: InvoiceUpload;
  resolve: (answer: InvoicePushAnswer) => void;
  reject: (err: unknown) => void;
}

export interface PushGroupCommitOptions {
  maxInvoices?: number;
  groupedPushMax?: number;
  /** Accepts a group of two or more pushes (tests inject faults here). */
  acceptGroup?: (db: Database, uploads: InvoiceUpload[]) => Promise<InvoicePushAnswer[]>;
  /** Accepts one push alone. */
  acceptAlone?: (db: Database, upload: InvoiceUpload) => Promise<InvoicePushAnswer>;
}

export function pushGroupCommit(
  db: Database,
  /** Opens the DIAN software PIN for the electronic documents the pushes generate. */
  secrets: SecretBox,
  options: PushGroupCommitOptions = {},
): PushGroupCommit {
  const maxInvoices = options.maxInvoices ?? 400;
  const groupedPushMax = options.groupedPushMax ?? 20;
  const acceptGroup = options.acceptGroup ?? ((d, uploads) => acceptInvoiceGroup(d, secrets, uploads));
  const acceptAlone =
    options.acceptAlone ?? ((d, u) => acceptInvoicePush(d, u.auth, secrets, u.rawInvoices, u.activity));
  /** Per company: the pushes waiting for the next group (present while one is in flight). */
  const queues = new Map<string, Waiting[]>();
  /** Per company: wakes its drain when a push arrives while the drain waits for a group's write. */
  const wakers = new Map<string, () => void>();

  async function runAlone(w: Waiting, on: Database) {
    try {
      w.resolve(await acceptAlone(on, w.upload));
    } catch (err) {
      w.reject(err);
    }
  }

  async function run(group: Waiting[], on: Database) {
    if (group.length === 1) return runAlone(group[0] as Waiting, on);
    let answers: InvoicePushAnswer[];
    try {
      answers = await acceptGroup(
        on,
        group.map((w) => w.upload),
      );
    } catch {
      // Rolled back, nobody answered: each alone, at once (as if they had arrived without the group).
      await Promise.all(group.map((w) => runAlone(w, on)));
      return;
    }
    group.forEach((w, i) => {
      w.resolve(answers[i] as InvoicePushAnswer);
    });
  }

  /**
   * A company's groups, one after the other: a group's transactions begin only once the group before
   * it is done (its fallback included), but its context query and validation run while that group
   * is still writing, so the serial part is the transaction alone. The next group is taken when the
   * one before it begins its transaction; its invoice ids must not be in the group still writing
   * (a retry then waits and sees its invoice stored). Two groups at most are in flight.
   */
  async function drain(companyId: string, queue: Waiting[]) {
    let previous: InFlight | null = null;
    try {
      for (;;) {
        if (previous) await previous.writing;
        const busy = previous && !previous.finished ? previous.ids : NO_IDS;
        const group = queue.length > 0 ? takeGroup(queue, maxInvoices, busy) : [];
        if (group.length === 0) {
          // Nothing more, or only retries of invoices still being written: wait for that write, or for
          // a push that can be decided meanwhile.
          if (!previous || previous.finished) break;
          await Promise.race([previous.done, new Promise<void>((resolve) => wakers.set(companyId, resolve))]);
          wakers.delete(companyId);
          continue;
        }
        previous = launch(group, previous);
      }
    } finally {
      queues.delete(companyId);
    }
  }

  /** Runs a group whose transactions wait for the group before it (see drain). */
  function launch(group: Waiting[], before: InFlight | null): InFlight {
    let began!: () => void;
    const writing = new Promise<void>((resolve) => {
      began = resolve;
    });
    const afterBefore = before?.done ?? Promise.resolve();
    const ordered: Database = {
      ...db,
      transaction: async (fn) => {
        await afterBefore;
        began();
        return db.transaction(fn);
      },
    };
    const flight: InFlight = {
      ids: new Set(group.flatMap((w) => w.upload.rawInvoices.map(rawIdOf))),
      writing,
      finished: false,
      done: Promise.resolve(),
    };
    // A group that writes nothing (every invoice answered from what the server holds) never begins a
    // transaction: it counts as writing once it waited for the group before it.
    flight.done = run(group, ordered).finally(async () => {
      await afterBefore;
      flight.finished = true;
      began();
    });
    return flight;
  }

  return {
    accept(auth, rawInvoices, activity) {
      return new Promise<InvoicePushAnswer>((resolve, reject) => {
        const waiting: Waiting = { upload: { auth, rawInvoices, activity }, resolve, reject };
        if (rawInvoices.length > groupedPushMax) {
          void runAlone(waiting, db);
          return;
        }
        const queue = queues.get(auth.companyId);
        if (queue) {
          queue.push(waiting);
          wakers.get(auth.companyId)?.();
          return;
        }
        const fresh = [waiting];
        queues.set(auth.companyId, fresh);
        void drain(auth.companyId, fresh);
      });
    },
  };
}

/**
 * The next group, taken out of the queue in arrival order; what does not fit stays for the one after,
 * and so does a push with an invoice id of the group still writing (`busy`).
 */
export function takeGroup(queue: Waiting[], maxInvoices: number, busy: ReadonlySet<string> = NO_IDS): Waiting[] {
  const group: Waiting[] = [];
  const ids = new Set<string>();
  let invoices = 0;
  const rest: Waiting[] = [];
  for (const w of queue) {
    const { auth, rawInvoices } = w.upload;
    const device = auth.deviceId ?? `user:${auth.userId}`;
    const own = rawInvoices.map(rawIdOf);
    const fits =
      !own.some((id) => busy.has(id)) &&
      (group.length === 0 ||
        (invoices + rawInvoices.length <= maxInvoices && !own.some((id) => id === "" || ids.has(id))));
    // A push that waits keeps its place: later pushes of its till wait behind it (their order).
    if (!fits || rest.some((r) => (r.upload.auth.deviceId ?? `user:${r.upload.auth.userId}`) === device)) {
      rest.push(w);
      continue;
    }
    group.push(w);
    for (const id of own) ids.add(id);
    invoices += rawInvoices.length;
  }
  queue.splice(0, queue.length, ...rest);
  return group;
}
