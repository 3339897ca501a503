import type { PullResponse } from "@mostrador/domain";
import type { PullOptions } from "../api/serverTransport";
import type { PullCursors } from "../storage/localStore";

/** The cursors a page announces for the next one (the stock section's too, when the server sent it). */
export function nextCursors(page: PullResponse): PullCursors {
  return {
    cursor: page.cursor,
    invoiceCursor: page.invoiceCursor ?? 0,
    ...(page.stock ? { stockCursor: page.stock.cursor, stockWarehouseId: page.stock.warehouseId } : {}),
  };
}

/** A pull page asked for: its cursors, its answer, and the next page's cursors once its headers announced them. */
export interface PageRequest {
  from: PullCursors;
  answer: Promise<PullResponse>;
  announced: PullCursors | null;
  /** Set while the pull waits for this answer: told of the announcement when it comes. */
  onAnnounced: ((next: PullCursors) => void) | null;
  abort: AbortController;
}

/** Asks for a page; `pull` gets the request's abort signal and the header's callback (NEXT_PULL_HEADER). */
export function requestPage(
  from: PullCursors,
  pull: (signal: AbortSignal, onNextPull: NonNullable<PullOptions["onNextPull"]>) => Promise<PullResponse>,
): PageRequest {
  const abort = new AbortController();
  const request: PageRequest = { from, answer: Promise.resolve() as never, announced: null, onAnnounced: null, abort };
  request.answer = pull(abort.signal, (next) => {
    request.announced = next;
    request.onAnnounced?.(next);
  });
  request.answer.catch(() => undefined); // awaited by the pull; this only keeps an unused prefetch from being "unhandled"
  return request;
}

/** While the pull waits for `current`, the page its headers announce (at most one) is asked for with `ask`. */
export function askWhenAnnounced(
  current: PageRequest,
  ask: (next: PullCursors) => PageRequest,
): { request: PageRequest | null } {
  const ahead: { request: PageRequest | null } = { request: null };
  const askAhead = (next: PullCursors) => {
    ahead.request ??= ask(next);
  };
  if (current.announced) askAhead(current.announced);
  else current.onAnnounced = askAhead;
  return ahead;
}

/** The page asked ahead, if the body's cursors (`expected`) are the ones it was asked with; otherwise aborted. */
export function confirmedOrAborted(
  ahead: { request: PageRequest | null },
  expected: PullCursors | null,
): PageRequest | null {
  const early = ahead.request;
  if (early && expected && sameCursors(early.from, expected)) return early;
  early?.abort.abort(); // announced wrongly, the pull failed, or nothing follows: not used
  return null;
}

function sameCursors(a: PullCursors, b: PullCursors): boolean {
  return (
    a.cursor === b.cursor &&
    a.invoiceCursor === b.invoiceCursor &&
    a.stockCursor === b.stockCursor &&
    a.stockWarehouseId === b.stockWarehouseId
  );
}
