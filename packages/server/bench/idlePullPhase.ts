/**
 * The ingest benchmark's third phase: incremental pulls with nothing new, from a till whose terminal has
 * an open shift (a till in use always has one: the pull then carries it, with who opened and holds it).
 * The fleet's most frequent request (every till, every 30 s).
 */
import { uuidv7 } from "@mostrador/domain";

// biome-ignore lint/suspicious/noExplicitAny: a benchmark reads a few known fields of the JSON answers
type Answer = Record<string, any>;

export interface IdlePullClient {
  /** POSTs `body` as JSON with the phase's client; the answer's JSON. */
  post(path: string, body: unknown, token?: string): Promise<Answer>;
  /** GETs `path` with the phase's client: the answer's text and headers. */
  getText(path: string, token: string): Promise<{ text: string; headers: [string, string][] }>;
}

export interface IdlePullTill {
  token: string;
  deviceId: string;
  terminalId: string;
}

export interface IdlePullTimes {
  /** The q-quantile of the times, in ms, two decimals. */
  p: (q: number) => string;
  times: number[];
}

export interface IdlePullFigures {
  /** The server's first 200 idle pulls (its idle-pull path not yet optimized by V8). */
  cold: IdlePullTimes;
  /** 200 more, after 50 untimed: what a server of a fleet answers (the figure beside the target). */
  warm: IdlePullTimes;
  /** The last answer's size on the wire: body plus response headers. */
  bytes: number;
}

/**
 * Sales made in the open shift by a till of its terminal: the pulling till's own, or another
 * device's (a second till sharing the cash drawer: each pull then carries what it sold, "soldElsewhere").
 */
export interface ShiftSales {
  till: IdlePullTill;
  /** `n` new invoices of `till`'s device (accepted as they are, in the shift `shiftId`). */
  make(n: number, shiftId: string): unknown[];
  count: number;
}

/**
 * Opens a shift on `till`'s terminal (with `shiftSales` in it), walks its cursors to the end, then times
 * idle pulls.
 */
export async function measureIdlePulls(
  client: IdlePullClient,
  till: IdlePullTill,
  cashierId: string,
  shiftSales: ShiftSales[] = [],
): Promise<IdlePullFigures> {
  const shift = {
    id: uuidv7(),
    revision: 1,
    terminalId: till.terminalId,
    deviceId: till.deviceId,
    openedBy: cashierId,
    openedAt: new Date().toISOString(),
    openingFloat: 10_000_000,
    status: "open",
  };
  const opened = await client.post("/api/sync/push", { invoices: [], shifts: [shift] }, till.token);
  if (opened.shiftResults?.[0]?.outcome !== "accepted") throw new Error(`shift: ${JSON.stringify(opened)}`);
  for (const sales of shiftSales)
    for (let sold = 0; sold < sales.count; sold += 200) {
      const invoices = sales.make(Math.min(200, sales.count - sold), shift.id);
      const answer = await client.post("/api/sync/push", { invoices }, sales.till.token);
      const refused = (answer.results as { outcome: string }[] | undefined)?.find((r) => r.outcome !== "accepted");
      if (!answer.results || refused) throw new Error(`shift sales: ${JSON.stringify(refused ?? answer)}`);
    }

  let cursor = 0;
  let invoiceCursor = 0;
  // The stock section's cursor, followed as the till does (issue 14).
  let stock = "stockCursor=0";
  for (;;) {
    const r = await client.getText(
      `/api/sync/pull?cursor=${cursor}&invoiceCursor=${invoiceCursor}&${stock}&limit=5000`,
      till.token,
    );
    const page = JSON.parse(r.text) as {
      cursor: number;
      invoiceCursor: number;
      hasMore: boolean;
      stock?: { cursor: number; warehouseId: string };
    };
    cursor = page.cursor;
    invoiceCursor = page.invoiceCursor;
    if (page.stock) stock = `stockCursor=${page.stock.cursor}&stockWarehouseId=${page.stock.warehouseId}`;
    if (!page.hasMore) break;
  }

  let bytes = 0;
  /** Times `n` pulls with nothing new, one after another, as a till polls. */
  async function idlePulls(n: number): Promise<IdlePullTimes> {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const r = await client.getText(
        `/api/sync/pull?cursor=${cursor}&invoiceCursor=${invoiceCursor}&${stock}`,
        till.token,
      );
      times.push(performance.now() - s);
      bytes = Buffer.byteLength(r.text) + r.headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
      // Timed only while it is what it claims to be: an answer with nothing new.
      const answer = JSON.parse(r.text) as { changes?: unknown[]; hasMore?: boolean };
      if (answer.changes?.length !== 0 || answer.hasMore !== false) throw new Error(`not an idle pull: ${r.text}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { p: (q) => (sorted[Math.floor(q * (sorted.length - 1))] as number).toFixed(2), times };
  }
  // The first pulls with nothing new a server answers run its idle-pull path cold (first calls of its
  // functions, before V8 optimizes them: 5–17 ms for the first ~15): measured as before (`cold`), then
  // again after 50 more, as a server of a fleet always answers them (`warm`; the ingest phases are warmed
  // the same way).
  const cold = await idlePulls(200);
  await idlePulls(50);
  const warm = await idlePulls(200);
  return { cold, warm, bytes };
}
