import {
  movementTotals,
  type ShiftDocument,
  type ShiftHandover,
  type ShiftRejection,
  shiftRejection,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import type { Queryable } from "../../db/database";
import { takeInvoiceVersions } from "../devices/deviceActivity";

type Row = Record<string, unknown>;

/** What one shift revision's transaction did. */
export type ShiftWrite =
  | { kind: "written"; row: Row }
  /** Another request stored this revision first: answer from what is stored. */
  | { kind: "raced" }
  | { kind: "rejected"; errors: ShiftRejection[] };

/** The shifts of a batch the server already has: current rows and every stored revision's document. */
export async function loadStoredShifts(db: Queryable, companyId: string, ids: string[]) {
  if (ids.length === 0) return { rows: new Map<string, Row>(), revisions: new Map<string, unknown>() };
  const [rows, revisions] = await Promise.all([
    db.query("SELECT * FROM shifts WHERE company_id = $1 AND id = ANY($2::uuid[])", [companyId, ids]),
    db.query(
      "SELECT shift_id, revision, document FROM shift_revisions WHERE company_id = $1 AND shift_id = ANY($2::uuid[])",
      [companyId, ids],
    ),
  ]);
  return {
    rows: new Map(rows.map((r) => [String(r.id), r])),
    revisions: new Map(revisions.map((r) => [`${r.shift_id}@${r.revision}`, r.document])),
  };
}

/** Fields fixed when the shift opens: no later (or earlier) revision may say otherwise. */
function changedField(row: Row, doc: ShiftDocument): string | null {
  if (String(row.terminal_id) !== doc.terminalId) return "terminalId";
  if (String(row.opened_by) !== doc.openedBy) return "openedBy";
  // PGlite and pg give a Date; compared as instants (the till may write any offset).
  if (new Date(row.opened_at as Date | string).getTime() !== Date.parse(doc.openedAt)) return "openedAt";
  if (Number(row.opening_float) !== doc.openingFloat) return "openingFloat";
  // A closed shift stays closed: a newer revision may not reopen it.
  if (row.status === "closed" && doc.status === "open" && doc.revision > Number(row.revision)) return "status";
  return null;
}

const storedHandovers = (row: Row) => (Array.isArray(row.handovers) ? (row.handovers as ShiftHandover[]) : []);

/**
 * The shift's device may change only by a handover ("Tomar turno"): a newer revision whose
 * handovers keep the stored ones and continue from the current holder to the uploading device.
 * A device that handed the shift over (signed out) may no longer write it: SHIFT_TAKEN_OVER.
 */
function deviceChangeRejection(row: Row, doc: ShiftDocument): ShiftRejection | null {
  const holder = String(row.device_id);
  if (holder === doc.deviceId) return null;
  const stored = storedHandovers(row);
  if (stored.some((h) => h.fromDeviceId === doc.deviceId)) return shiftRejection("SHIFT_TAKEN_OVER", {}, "deviceId");
  const handovers = doc.handovers ?? [];
  // Taken over from an older state than the server's: the holder wrote meanwhile (or another
  // device of the terminal took it over first, in a request racing this one).
  if (handovers.length > 0 && doc.revision <= Number(row.revision))
    return shiftRejection("SHIFT_HANDOVER_STALE", {}, "revision");
  const keepsStored =
    handovers.length > stored.length &&
    stored.every((h, i) => h.deviceId === handovers[i]?.deviceId && h.at === handovers[i]?.at);
  let current = holder;
  for (const h of handovers.slice(stored.length)) {
    if (h.fromDeviceId !== current) return shiftRejection("SHIFT_CHANGED", { field: "deviceId" }, "deviceId");
    current = h.deviceId;
  }
  if (!keepsStored || current !== doc.deviceId)
    return shiftRejection("SHIFT_CHANGED", { field: "deviceId" }, "deviceId");
  return null;
}

/**
 * shiftWriter: stores one shift revision in the caller's transaction. Every revision goes to
 * shift_revisions; the shifts row follows the newest one, taking a version from the device's own
 * counter (so it comes down in the device's pull like its invoices). The partial unique index
 * shifts_one_open makes a second open shift on a terminal impossible (the caller answers it).
 */
export async function writeShiftRevision(tx: Queryable, auth: AuthContext, doc: ShiftDocument): Promise<ShiftWrite> {
  const current = (
    await tx.query("SELECT * FROM shifts WHERE company_id = $1 AND id = $2 FOR UPDATE", [auth.companyId, doc.id])
  )[0];
  if (current) {
    const field = changedField(current, doc);
    if (field) return { kind: "rejected", errors: [shiftRejection("SHIFT_CHANGED", { field }, field)] };
    const handover = deviceChangeRejection(current, doc);
    if (handover) return { kind: "rejected", errors: [handover] };
  }
  const inserted = await tx.query(
    `INSERT INTO shift_revisions (company_id, shift_id, revision, document, user_id, device_id)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT DO NOTHING RETURNING revision`,
    [auth.companyId, doc.id, doc.revision, JSON.stringify(doc), auth.userId, auth.deviceId ?? doc.deviceId],
  );
  if (inserted.length === 0) return { kind: "raced" };
  // An older revision arriving late is kept in the history; the current row stays the newest.
  if (current && Number(current.revision) > doc.revision) return { kind: "written", row: current };
  const version = await takeInvoiceVersions(tx, auth.companyId, doc.deviceId, 1);
  if (version === null) throw new Error(`device ${doc.deviceId} vanished during the push`);
  const { cashIn, cashOut } = movementTotals(doc.movements);
  const cash = (list: { kind: string; amount: number }[] | undefined) =>
    list ? (list.find((x) => x.kind === "cash")?.amount ?? 0) : null;
  const rows = await tx.query(
    `INSERT INTO shifts (company_id, id, revision, status, terminal_id, device_id, opened_by, opened_at, opening_float,
                         movements_net, closed_at, closed_by, till_expected_cash, counted_cash, version, handovers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)
     ON CONFLICT (company_id, id) DO UPDATE SET revision = EXCLUDED.revision, status = EXCLUDED.status,
       device_id = EXCLUDED.device_id, handovers = EXCLUDED.handovers,
       movements_net = EXCLUDED.movements_net, closed_at = EXCLUDED.closed_at, closed_by = EXCLUDED.closed_by,
       till_expected_cash = EXCLUDED.till_expected_cash, counted_cash = EXCLUDED.counted_cash,
       version = EXCLUDED.version, updated_at = now()
     RETURNING *`,
    [
      auth.companyId,
      doc.id,
      doc.revision,
      doc.status,
      doc.terminalId,
      doc.deviceId,
      doc.openedBy,
      doc.openedAt,
      doc.openingFloat,
      cashIn - cashOut,
      doc.closing?.closedAt ?? null,
      doc.closing?.closedBy ?? null,
      cash(doc.closing?.expected),
      cash(doc.closing?.counted),
      version,
      JSON.stringify(doc.handovers ?? []),
    ],
  );
  return { kind: "written", row: rows[0] as Row };
}

/** The open shift on a terminal other than `id`, if any (who holds it decides the answer). */
export async function openShiftOn(db: Queryable, companyId: string, terminalId: string, id: string) {
  const rows = await db.query(
    "SELECT id, device_id FROM shifts WHERE company_id = $1 AND terminal_id = $2 AND status = 'open' AND id <> $3",
    [companyId, terminalId, id],
  );
  return rows[0];
}
