import Dexie, { type Table } from "dexie";

/**
 * A read-write Dexie transaction whose promise settles when IndexedDB reports the commit ("complete":
 * with strict durability the data is on disk), heard ahead of Dexie's own handler of that event.
 *
 * Why: Dexie's handler re-runs, synchronously, every live query the write touched (each opens a read
 * transaction) before any continuation of the transaction's promise can run. For "Facturar" that put
 * ~3 ms of main-thread work between the durable write and the receipt (measured in Chromium). Our
 * listener runs first, and the microtask checkpoint after it runs the caller's continuation (the
 * receipt) before Dexie's handler. Nothing resolves before the commit; failures are Dexie's, unchanged.
 *
 * `work` must be a chain of Dexie promises (see newInvoiceSave.ts): its value is the result.
 */
export function writeAnsweredAtCommit<T>(db: Dexie, tables: readonly Table[], work: () => PromiseLike<T>): Promise<T> {
  // Made here, outside the transaction's scope: inside it Dexie swaps the global Promise for its own,
  // whose continuations would wait for Dexie's handler.
  const commit = nativeDeferred();
  let settled: { value: T } | null = null;
  const whole = db.transaction("rw", tables as Table[], () => {
    hearCommitFirst(Dexie.currentTransaction.idbtrans, commit);
    return work().then((value) => {
      settled = { value };
      return value;
    });
  });
  // The scope runs later, in a Dexie tick. Completed: the work's chain had resolved before the commit
  // could begin. Aborted, or never made (a closed database): Dexie's own outcome, whichever comes first.
  const heard = commit.promise.then(
    () => (settled ? (settled as { value: T }).value : whole),
    () => whole,
  );
  return Promise.race([heard, whole]);
}

interface NativeDeferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

function nativeDeferred(): NativeDeferred {
  let resolve: () => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Settles `commit` on the native transaction's "complete" or "abort", heard before Dexie's `oncomplete`. */
function hearCommitFirst(idbtrans: IDBTransaction | undefined, commit: NativeDeferred): void {
  if (!idbtrans) return;
  idbtrans.addEventListener("complete", () => commit.resolve(), { once: true });
  idbtrans.addEventListener("abort", () => commit.reject(idbtrans.error), { once: true });
  // An event handler attribute keeps the place where it was first set among the listeners: set
  // again, the handler Dexie set when it made the transaction runs after the listener above.
  const dexieHandler = idbtrans.oncomplete;
  idbtrans.oncomplete = null;
  idbtrans.oncomplete = dexieHandler;
}
