import type { PullChange, SyncedEntity } from "@mostrador/domain";
import type { Queryable } from "../../db/database";
import { presentCompany } from "../auth/userPresenter";
import type { ResourceDefinition } from "../catalog/resourceDefinition";
import { catalogResources } from "../catalog/resourceDefinitions";
import { presentRow } from "../catalog/resourceStore";
import {
  ELECTRONIC_DOCUMENT_COLUMNS,
  ELECTRONIC_DOCUMENT_JOIN,
  electronicDocumentOfRow,
} from "../electronicDocument/invoiceElectronicDocuments";
import { presentCreditNote } from "../invoices/creditNotePresenter";
import { presentInvoiceSummary } from "../invoices/invoicePresenter";
import { presentWindow } from "../maintenance/maintenanceSchedule";
import { presentNumberBlock } from "../numbering/numberBlockPresenter";
import { presentShiftSummary } from "../shifts/shiftPresenter";
import { readCatalogPageJson } from "./catalogPageReader";
import type { PullPage, PullPageChange } from "./pullAnswerJson";

type Row = Record<string, unknown>;

interface Source {
  entity: SyncedEntity;
  table: string;
  /** Extra filter: device-scoped rows; $1 company, $2 cursor, $3 limit, $4 device. */
  deviceScoped?: boolean;
  idColumn?: string;
  present: (row: Row) => Record<string, unknown>;
  /** Catalog tables: the page is read with only the presented columns (catalogPageReader). */
  catalog?: ResourceDefinition;
}

const sources: Source[] = [
  ...catalogResources
    .filter((d) => d.entity !== null)
    .map((d) => ({
      entity: d.entity as SyncedEntity,
      table: d.table,
      present: (r: Row) => presentRow(d, r),
      catalog: d,
    })),
  {
    entity: "company",
    table: "companies",
    idColumn: "id",
    present: (r) => ({ ...presentCompany(r), version: r.version }),
  },
  { entity: "numberBlocks", table: "number_blocks", deviceScoped: true, present: (r) => presentNumberBlock(r) },
  { entity: "maintenanceWindows", table: "maintenance_windows", present: (r) => ({ ...presentWindow(r) }) },
];

/** $1 company, $2 cursor, $3 limit, $4 head, $5 device: rows above the head are left for the next pull. */
function whereFor(s: Source): string {
  const company = s.table === "companies" ? "id = $1" : "company_id = $1";
  return `${company} AND version > $2 AND version <= $4${s.deviceScoped ? " AND device_id = $5" : ""}`;
}

/**
 * changeFeed: everything that changed for a till since its cursor, in version order.
 * Versions are unique per company and commit in order (see changeVersions), so
 * "version > cursor" never skips a row.
 */
/** The company's change counter (head, and the oldest cursor still served) and the device's invoice head. */
async function readHeads(db: Queryable, companyId: string, deviceId: string) {
  const [counter, device] = await Promise.all([
    db.query<{ version: number; min_cursor: number }>(
      "SELECT version, min_cursor FROM change_counters WHERE company_id = $1",
      [companyId],
    ),
    db.query<{ v: number }>("SELECT invoice_version AS v FROM devices WHERE company_id = $1 AND id = $2", [
      companyId,
      deviceId,
    ]),
  ]);
  return {
    head: Number(counter[0]?.version ?? 0),
    minCursor: Number(counter[0]?.min_cursor ?? 0),
    invoiceHead: Number(device[0]?.v ?? 0),
  };
}

export async function readChanges(
  db: Queryable,
  companyId: string,
  deviceId: string,
  cursors: { cursor: number; invoiceCursor: number },
  limit: number,
  withCounts: boolean,
  /**
   * The heads, when the pull's probe read them already (idlePull.probedHeads): not read again; and the
   * device's tables it saw nothing new in above the till's invoice cursor (`quiet`): not read.
   */
  known?: { head: number; minCursor: number; invoiceHead: number; quiet?: readonly string[] },
): Promise<PullPage> {
  const { head, minCursor, invoiceHead } = known ?? (await readHeads(db, companyId, deviceId));
  const { cursor } = cursors;
  // A cursor from the future means the server's data was restored: the till reloads everything.
  // (A till whose local data predates its own schema version resets its cursor itself.)
  const reset = cursor > head || (cursor > 0 && cursor < minCursor) || cursors.invoiceCursor > invoiceHead;
  const from = reset ? 0 : cursor;
  const invoiceFrom = reset ? 0 : cursors.invoiceCursor;
  // Everything is read up to the heads taken first: a write committing meanwhile (with a higher
  // version) comes with the next pull instead of being skipped by a cursor that jumped past it.
  // Invoices, shifts and credit notes share the device's counter (devices.invoice_version): one
  // cursor, one page. An invoice returned or voided at another till takes a new version from its
  // own device's counter, so its returned quantities and status come down to the till that sold it.
  const deviceRowsSql = (table: string) =>
    `SELECT * FROM ${table} WHERE company_id = $1 AND device_id = $2 AND version > $3 AND version <= $5 ORDER BY version LIMIT $4`;
  const deviceParams = [companyId, deviceId, invoiceFrom, limit + 1, invoiceHead];
  // The invoices come with their ticket's electronic document (DEE POS and contingency sales, issue 19), joined.
  const invoiceRowsSql = `SELECT i.*, ${ELECTRONIC_DOCUMENT_COLUMNS} FROM invoices i ${ELECTRONIC_DOCUMENT_JOIN}
     WHERE i.company_id = $1 AND i.device_id = $2 AND i.version > $3 AND i.version <= $5 ORDER BY i.version LIMIT $4`;
  const deviceRows = (table: string) =>
    !reset && known?.quiet?.includes(table)
      ? Promise.resolve([])
      : db.query(table === "invoices" ? invoiceRowsSql : deviceRowsSql(table), deviceParams);
  const [invoiceRows, shiftRows, creditNoteRows] = await Promise.all([
    deviceRows("invoices"),
    deviceRows("shifts"),
    deviceRows("credit_notes"),
  ]);
  // DEE POS and contingency sales carry their electronic document (CUDE, QR, state: issue 19).
  const invoiceSummaries = invoiceRows.map((r) => {
    const electronicDocument = electronicDocumentOfRow(r);
    return electronicDocument ? { ...presentInvoiceSummary(r), electronicDocument } : presentInvoiceSummary(r);
  });
  const deviceChanges = [
    ...invoiceSummaries.map(
      (invoice): PullChange => ({
        entity: "invoices",
        id: invoice.id,
        version: invoice.version,
        data: invoice,
      }),
    ),
    ...shiftRows.map(
      (r): PullChange => ({
        entity: "shifts",
        id: String(r.id),
        version: Number(r.version),
        data: presentShiftSummary(r),
      }),
    ),
    ...creditNoteRows.map(
      (r): PullChange => ({
        entity: "creditNotes",
        id: String(r.id),
        version: Number(r.version),
        data: presentCreditNote(r),
      }),
    ),
  ].sort((a, b) => a.version - b.version);
  const invoiceHasMore = deviceChanges.length > limit;
  const invoicePage = deviceChanges.slice(0, limit);
  const invoiceCursor = invoiceHasMore
    ? Number(invoicePage[invoicePage.length - 1]?.version)
    : Math.max(invoiceHead, invoiceFrom);

  const { end, hasMore } = await pageEnd(db, companyId, deviceId, from, head, limit);
  // Only the page's own rows are read and presented: every row up to `end` and none above it.
  const params = [companyId, from, limit + 1, end, deviceId];
  const perSource =
    end <= from
      ? []
      : await Promise.all(
          sources.map(async (s): Promise<PullPageChange[]> => {
            const p = s.deviceScoped ? params : params.slice(0, 4);
            // A catalog row comes presented by PostgreSQL, as JSON text; the others' rows are read whole.
            if (s.catalog)
              return (await readCatalogPageJson(db, s.catalog, whereFor(s), p)).map((r) => ({
                entity: s.entity,
                ...r,
              }));
            const rows = await db.query(`SELECT * FROM ${s.table} WHERE ${whereFor(s)} ORDER BY version LIMIT $3`, p);
            return rows.map((row) => ({
              entity: s.entity,
              id: String(row.id),
              version: Number(row.version),
              data: s.present(row),
            }));
          }),
        );
  const tombstones =
    end <= from
      ? []
      : await db.query<{ entity: SyncedEntity; id: string; version: number }>(
          "SELECT entity, id, version FROM tombstones WHERE company_id = $1 AND version > $2 AND version <= $4 ORDER BY version LIMIT $3",
          params.slice(0, 4),
        );
  const all = [
    ...perSource.flat(),
    ...tombstones.map((t): PullChange => ({ entity: t.entity, id: t.id, version: Number(t.version), deleted: true })),
  ].sort((a, b) => a.version - b.version);
  const changes = all.slice(0, limit);
  const response: PullPage = {
    cursor: hasMore ? end : Math.max(head, from),
    invoiceCursor,
    hasMore: hasMore || invoiceHasMore,
    reset,
    changes: [...changes, ...invoicePage],
    serverTime: new Date().toISOString(),
  };
  if (withCounts) response.remaining = await countRemaining(db, companyId, deviceId, from, head, invoiceFrom);
  return response;
}

/**
 * Where a page of `limit` changes ends: the version of its last change, read from the version indexes
 * alone (each table's first limit + 1 versions above the cursor, merged), and whether more follow.
 * Versions are unique per company, so "version <= end" is exactly the page. Without this every page
 * read and presented up to limit + 1 full rows of every table and threw most of them away.
 */
async function pageEnd(
  db: Queryable,
  companyId: string,
  deviceId: string,
  from: number,
  head: number,
  limit: number,
): Promise<{ end: number; hasMore: boolean }> {
  const branches = [
    ...sources.map((s) => `(SELECT version FROM ${s.table} WHERE ${whereFor(s)} ORDER BY version LIMIT $3)`),
    "(SELECT version FROM tombstones WHERE company_id = $1 AND version > $2 AND version <= $4 ORDER BY version LIMIT $3)",
  ];
  // Caught up with the catalog (a pull after a sale: only the device's rows and stock are new): no row can match.
  if (from >= head) return { end: head, hasMore: false };
  const rows = await db.query<{ version: number }>(
    `SELECT version FROM (${branches.join(" UNION ALL ")}) AS page ORDER BY version OFFSET $6 LIMIT 2`,
    [companyId, from, limit + 1, head, deviceId, limit - 1],
  );
  const [last, next] = rows.map((r) => Number(r.version));
  if (next !== undefined && last !== undefined) return { end: last, hasMore: true };
  // Nothing new (end <= from) reads no table's rows at all: the idle pull is this one query.
  return { end: head, hasMore: false };
}

/** Every table a pull reads by version, and the cursor it follows (for sync/idlePull's one statement). */
export function changeFeedTables(): {
  table: string;
  companyColumn: "id" | "company_id";
  cursor: "cursor" | "invoiceCursor";
  deviceScoped: boolean;
}[] {
  return [
    ...sources.map((s) => ({
      table: s.table,
      companyColumn: s.table === "companies" ? ("id" as const) : ("company_id" as const),
      cursor: "cursor" as const,
      deviceScoped: Boolean(s.deviceScoped),
    })),
    { table: "tombstones", companyColumn: "company_id", cursor: "cursor", deviceScoped: false },
    ...["invoices", "shifts", "credit_notes"].map((table) => ({
      table,
      companyColumn: "company_id" as const,
      cursor: "invoiceCursor" as const,
      deviceScoped: true,
    })),
  ];
}

/**
 * counts=1: how many rows of each entity are still to come, in one statement (it was one per table:
 * 8 + 3 round trips on the first page). Catalog counts up to the head, like the pages; this device's
 * invoices, shifts and credit notes above its invoice cursor.
 */
async function countRemaining(
  db: Queryable,
  companyId: string,
  deviceId: string,
  from: number,
  head: number,
  invoiceFrom: number,
): Promise<NonNullable<PullPage["remaining"]>> {
  // Same placeholders as whereFor ($3, the limit, is unused by a count) and $6 the invoice cursor.
  const counted: [string, string][] = [
    ...sources.map((s): [string, string] => [s.entity, `SELECT count(*) FROM ${s.table} WHERE ${whereFor(s)}`]),
    ...(
      [
        ["invoices", "invoices"],
        ["shifts", "shifts"],
        ["creditNotes", "credit_notes"],
      ] as const
    ).map(([entity, table]): [string, string] => [
      entity,
      `SELECT count(*) FROM ${table} WHERE company_id = $1 AND device_id = $5 AND version > $6`,
    ]),
  ];
  const [row] = await db.query<Record<string, number>>(
    `SELECT ${counted.map(([entity, sql]) => `(${sql})::int AS "${entity}"`).join(", ")} WHERE $3::int IS NULL`,
    [companyId, from, null, head, deviceId, invoiceFrom],
  );
  return Object.fromEntries(counted.map(([entity]) => [entity, row?.[entity] ?? 0]).filter(([, n]) => Number(n) > 0));
}
