import type { PullResponse, PullStock } from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Queryable } from "../../db/database";
import { CONTACT_PRECISION_SECONDS, recordDeviceContact } from "../devices/deviceActivity";
import { shiftFactsSql, terminalShiftOf } from "../shifts/terminalShiftReader";
import { changeFeedTables } from "./changeFeed";

export interface PullQuery {
  cursor: number;
  invoiceCursor: number;
  stockCursor?: number | undefined;
  stockWarehouseId?: string | undefined;
}

/** What the probe read (one statement): the heads, the terminal's open shift, whether anything is new. */
export interface PullProbe {
  head: string | number | null;
  min_cursor: string | number | null;
  invoice_head: string | number | null;
  warehouse_id: string | null;
  stock_head: string | number | null;
  shift_id: string | null;
  shift_document: unknown;
  shift_names: Record<string, string> | null;
  shift_sales_elsewhere: string | null;
  contact_due: boolean;
  /** A row above the cursors in any table but the device's shifts and credit notes (said apart). */
  changed: boolean;
  shifts_above: boolean;
  credit_notes_above: boolean;
}

/**
 * The one statement of a caught-up pull: the heads a pull reads (the company's change counter, the
 * device's invoice counter, its terminal's warehouse and that warehouse's stock counter), whether any
 * version index holds a row above the till's cursors (the same evidence the full pull's page end
 * reads, in the same snapshot as the heads), the terminal's open shift and whether the device's last
 * contact is due (recordDeviceContact's rule); of the open shift also its people's names and whether
 * the fingerprint of what other devices sold in it (terminalShiftReader.shiftFactsSql: no second round trip
 * in the usual case, nor while those sales are unchanged).
 *
 * "A row above the cursor" is asked as the highest version compared with the cursor, not as EXISTS: the
 * statement is named, so after five calls PostgreSQL may plan it once for any cursor, and a generic
 * EXISTS (version > $3) expects a third of the rows to match and an early hit in any scan: with 20,000
 * products it read them all on every pull (a sequential scan, 3.6–5.7 ms). The highest version is one
 * step down the (company, version) index whatever the plan and the statistics (pullPlans.pg.test).
 */
const SAID_APART = ["shifts", "credit_notes"];

export function idleProbeSql(): string {
  const tables = changeFeedTables();
  const aboveOf = ({ table, companyColumn, cursor, deviceScoped }: (typeof tables)[number]) => {
    const device = deviceScoped ? " AND device_id = $2" : "";
    return `COALESCE((SELECT max(version) FROM ${table} WHERE ${companyColumn} = $1${device}), 0) > ${cursor === "cursor" ? "$3" : "$4"}`;
  };
  // The device's shifts and credit notes seldom change: said apart, so a pull after a sale skips them.
  const above = tables.filter((t) => !SAID_APART.includes(t.table)).map(aboveOf);
  const apart = tables.filter((t) => SAID_APART.includes(t.table)).map((t) => `${aboveOf(t)} AS ${t.table}_above`);
  return `SELECT c.version AS head, c.min_cursor, d.invoice_version AS invoice_head,
                 t.warehouse_id, sc.version AS stock_head, os.id AS shift_id, os.document AS shift_document,
                 os.shift_names, os.shift_sales_elsewhere,
                 (d.last_seen_at IS NULL OR d.last_seen_at < now() - make_interval(secs => $6)
                  OR d.schema_version IS DISTINCT FROM COALESCE($5::int, d.schema_version)) AS contact_due,
                 (${above.join("\n                  OR ")}) AS changed,
                 ${apart.join(",\n                 ")}
            FROM devices d
            LEFT JOIN change_counters c ON c.company_id = d.company_id
            LEFT JOIN terminals t ON t.company_id = d.company_id AND t.id = d.terminal_id
            LEFT JOIN stock_counters sc ON sc.company_id = t.company_id AND sc.warehouse_id = t.warehouse_id
            LEFT JOIN LATERAL (
              SELECT s.id, r.document, ${shiftFactsSql}
                FROM shifts s
                JOIN shift_revisions r ON r.company_id = s.company_id AND r.shift_id = s.id AND r.revision = s.revision
               WHERE s.company_id = d.company_id AND s.terminal_id = d.terminal_id AND s.status = 'open'
               LIMIT 1) os ON true
           WHERE d.company_id = $1 AND d.id = $2`;
}

let probe: string | null = null;

/** The probe's one statement (null for a token without a device). */
export async function probePull(
  db: Queryable,
  auth: AuthContext,
  q: PullQuery,
  schemaVersion: number | null,
): Promise<PullProbe | null> {
  if (!auth.deviceId) return null;
  probe ??= idleProbeSql();
  const [row] = await db.query<PullProbe>(probe, [
    auth.companyId,
    auth.deviceId,
    q.cursor,
    q.invoiceCursor,
    schemaVersion,
    CONTACT_PRECISION_SECONDS,
  ]);
  return row ?? null;
}

/**
 * The heads a full pull reads first (changeFeed.readChanges, stockFeed.readStockChanges), as the probe read
 * them in one snapshot: a pull after a sale (something new) then needs none of those lookups again.
 */
export function probedHeads(row: PullProbe) {
  return {
    head: Number(row.head ?? 0),
    minCursor: Number(row.min_cursor ?? 0),
    invoiceHead: Number(row.invoice_head ?? 0),
    // The device's tables with nothing above the till's invoice cursor: not read (unless the pull resets).
    quiet: [...(row.shifts_above ? [] : ["shifts"]), ...(row.credit_notes_above ? [] : ["credit_notes"])],
    // The probe joins the terminal as the stock feed does; without a warehouse row, the feed's own lookup.
    stock: row.warehouse_id === null ? undefined : { warehouseId: row.warehouse_id, head: Number(row.stock_head ?? 0) },
  };
}

/** The terminal's open shift as the probe read it (with its facts: no further query in the usual case). */
export function probedTerminalShift(db: Queryable, auth: AuthContext, row: PullProbe) {
  return terminalShiftOf(
    db,
    auth.companyId,
    auth.deviceId as string,
    row.shift_id === null ? undefined : { document: row.shift_document },
    row.shift_id === null
      ? undefined
      : {
          names: row.shift_names,
          salesElsewhere: row.shift_sales_elsewhere,
        },
  );
}

/** The idle answer from the probe's row, or null when the full pull must answer. */
async function idleAnswer(
  db: Queryable,
  auth: AuthContext,
  q: PullQuery,
  schemaVersion: number | null,
  row: PullProbe,
): Promise<PullResponse | null> {
  if (row.changed || row.shifts_above || row.credit_notes_above) return null;
  const { head, minCursor, invoiceHead, stock: stockHead } = probedHeads(row);
  const caughtUp = head === q.cursor && invoiceHead === q.invoiceCursor && !(q.cursor > 0 && q.cursor < minCursor);
  if (!caughtUp) return null;
  let stock: PullStock | undefined;
  if (q.stockCursor !== undefined) {
    if (!stockHead || stockHead.warehouseId !== q.stockWarehouseId || stockHead.head !== q.stockCursor) {
      return null; // balances to send, or the whole warehouse: the full pull
    }
    stock = {
      warehouseId: stockHead.warehouseId,
      cursor: stockHead.head,
      hasMore: false,
      full: false,
      invoiceVersion: q.invoiceCursor,
      balances: [],
    };
  }
  const page: PullResponse = {
    cursor: q.cursor,
    invoiceCursor: q.invoiceCursor,
    hasMore: false,
    reset: false,
    changes: [],
    serverTime: new Date().toISOString(),
  };
  page.terminalShift = await probedTerminalShift(db, auth, row);
  if (stock) page.stock = stock;
  if (row.contact_due) await recordDeviceContact(db, auth, schemaVersion);
  return page;
}

/**
 * idlePull: the answer to a pull with nothing new for the till — the most frequent request of a
 * fleet (every till, every 30 s) — from one statement instead of the full pull's dozen. When anything
 * is new, a cursor needs a reset, the stock section would carry balances or start over, the full pull
 * answers, unchanged, from the probe's row (its heads, the open shift, whether contact is due: a pull
 * after a sale then reads none of them again). The idle answer is the one the full pull gives in that
 * state (idlePull.test compares them). Null for a token without a device.
 */
export async function probeOrIdle(
  db: Queryable,
  auth: AuthContext,
  q: PullQuery,
  schemaVersion: number | null,
): Promise<{ idle: PullResponse } | { probe: PullProbe } | null> {
  const row = await probePull(db, auth, q, schemaVersion);
  if (!row) return null;
  const idle = await idleAnswer(db, auth, q, schemaVersion, row);
  return idle ? { idle } : { probe: row };
}
