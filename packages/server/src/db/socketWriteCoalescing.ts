import type { Writable } from "node:stream";

/**
 * Makes every write a socket receives during one tick leave in a single `writev`.
 *
 * Why: `pg` corks the socket only around one statement's messages (Parse, Bind, Describe, Execute, Sync), so
 * every statement is a socket write (a `writev` system call, and a wake-up of the PostgreSQL backend) of its
 * own; BEGIN and COMMIT are one more each. In pipeline mode a transaction's BEGIN and the statements made with
 * it are made one after the other in the same tick: corked for the tick, they leave in one write. Socket
 * writes were a quarter of the server's CPU samples in the issue 17 ingest profile.
 *
 * How: the first write of a tick corks the socket and schedules the uncork with `process.nextTick`, which runs
 * as soon as the code running now returns, before the event loop goes back to I/O: a write is never delayed past
 * the current tick. Made from a promise continuation (where the database layer makes its statements: after an
 * awaited answer or pool.connect()), the uncork waits for every continuation already able to run, so a
 * transaction's BEGIN and the statements made with it go together; made from a plain callback, it runs before
 * that callback's continuations, which then start a write of their own (never fewer coalesced, never later).
 *
 * A closed or errored socket is left alone: a write to a socket that is no longer writable goes straight to
 * the original `write` (which reports the error as before), and the scheduled uncork sends nothing on a
 * destroyed socket (the writes it held are failed by destroy, as a pending write is), so nothing is written
 * after destroy. `end()` flushes whatever is corked itself.
 */
export function coalesceSocketWrites(socket: Writable): void {
  const write = socket.write;
  let uncorkScheduled = false;
  const uncork = () => {
    uncorkScheduled = false;
    // Our cork only: end() may have uncorked it already (writableCorked back to 0). On a destroyed socket
    // uncork() only takes the count back (the stream sends nothing once destroyed; its pending writes were failed).
    if (socket.writableCorked > 0) socket.uncork();
  };
  socket.write = function coalescedWrite(this: Writable, ...args: Parameters<Writable["write"]>) {
    if (!uncorkScheduled && socket.writable) {
      uncorkScheduled = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return (write as (...a: unknown[]) => boolean).apply(socket, args);
  } as Writable["write"];
}
