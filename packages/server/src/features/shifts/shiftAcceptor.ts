import {
  type ShiftDocument,
  type ShiftPushResult,
  type ShiftRejection,
  shiftDocumentSchema,
  shiftRejection,
} from "@mostrador/domain";
import type { AuthContext } from "../../auth/authTokens";
import { type Database, isDataError, isUniqueViolation } from "../../db/database";
import { rawIdOf, rawRevisionOf } from "../../http/rawItem";
import { sameDocumentContent } from "../invoices/invoiceContent";
import { presentShiftSummary } from "./shiftPresenter";
import { loadStoredShifts, openShiftOn, writeShiftRevision } from "./shiftWriter";

type Row = Record<string, unknown>;
interface Item {
  index: number;
  doc: ShiftDocument;
}

const rejected = (id: string, revision: number, errors: ShiftRejection[]): ShiftPushResult => ({
  outcome: "rejected",
  id,
  revision,
  errors,
});
const accepted = (doc: ShiftDocument, row: Row, duplicate: boolean): ShiftPushResult => ({
  outcome: "accepted",
  id: doc.id,
  revision: doc.revision,
  duplicate,
  shift: presentShiftSummary(row),
});

/**
 * shiftAcceptor: the shifts of a push, answered one by one with the invoices' guarantees. Exactly
 * once is the database's job: shift_revisions' key (company, shift, revision) admits each revision
 * once, and shifts_one_open admits one open shift per terminal. A rejected shift stores nothing.
 *
 * 1. Parse each shift alone: a malformed one is rejected (SHIFT_INVALID, field named).
 * 2. Keep one copy of each id and revision (copies get the first one's answer).
 * 3. Compare with the stored revisions: the same content again is a duplicate; other content
 *    under a stored revision is REVISION_CONFLICT.
 * 4. Validate the rest: the uploading device's own shift, on its terminal, by users allowed there.
 * 5. Write each revision in its own transaction (a shift is a few writes a day): closings first,
 *    so a till that closed a shift and opened the next offline gets both in one batch; a second
 *    open shift on the terminal → SHIFT_ALREADY_OPEN, or "retry" when it is this device's own
 *    (its closing is still on the way); a value the database refuses → SHIFT_INVALID.
 * 6. Answer in the batch's order.
 */
export async function acceptShiftBatch(
  db: Database,
  auth: AuthContext,
  rawShifts: unknown[],
): Promise<ShiftPushResult[]> {
  const results = new Map<number, ShiftPushResult>();

  // 1 + 2
  const items: Item[] = [];
  const seen = new Set<string>();
  rawShifts.forEach((raw, index) => {
    const parsed = shiftDocumentSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      results.set(
        index,
        rejected(rawIdOf(raw), rawRevisionOf(raw), [
          shiftRejection("SHIFT_INVALID", { detail: detail.slice(0, 500) }, issue?.path.join(".") || undefined),
        ]),
      );
      return;
    }
    const key = `${parsed.data.id}@${parsed.data.revision}`;
    if (seen.has(key)) return;
    seen.add(key);
    items.push({ index, doc: parsed.data });
  });

  // 3
  const stored = await loadStoredShifts(
    db,
    auth.companyId,
    items.map((i) => i.doc.id),
  );
  const toDecide = items.filter(({ index, doc }) => {
    const answer = answerFromStored(stored, doc);
    if (answer) results.set(index, answer);
    return !answer;
  });

  // 4
  const ctx = await loadShiftContext(
    db,
    auth.companyId,
    toDecide.map((i) => i.doc),
  );
  const toWrite = toDecide.filter(({ index, doc }) => {
    const errors = validateShift(doc, auth, ctx);
    if (errors.length) results.set(index, rejected(doc.id, doc.revision, errors));
    return errors.length === 0;
  });

  // 5
  const order = (d: ShiftDocument) => (d.status === "closed" ? 0 : 1);
  toWrite.sort((a, b) => order(a.doc) - order(b.doc) || a.doc.revision - b.doc.revision);
  for (const { index, doc } of toWrite) results.set(index, await writeOne(db, auth, doc));

  // 6
  return rawShifts.map((raw, index) => {
    const direct = results.get(index);
    if (direct) return direct;
    const first = items.find((d) => d.doc.id === rawIdOf(raw) && d.doc.revision === rawRevisionOf(raw))?.index;
    return results.get(first ?? -1) as ShiftPushResult;
  });
}

type Stored = Awaited<ReturnType<typeof loadStoredShifts>>;

function answerFromStored(stored: Stored, doc: ShiftDocument): ShiftPushResult | undefined {
  const document = stored.revisions.get(`${doc.id}@${doc.revision}`);
  const row = stored.rows.get(doc.id);
  if (document === undefined || !row) return undefined;
  if (!sameDocumentContent(document, doc)) return rejected(doc.id, doc.revision, [conflictOf(row, doc)]);
  return accepted(doc, row, true);
}

/** Other content under a stored revision; when a handover is involved, say which side lost. */
function conflictOf(row: Row, doc: ShiftDocument): ShiftRejection {
  if (String(row.device_id) === doc.deviceId) return shiftRejection("REVISION_CONFLICT");
  const handovers = Array.isArray(row.handovers) ? (row.handovers as { fromDeviceId: string }[]) : [];
  if (handovers.some((h) => h.fromDeviceId === doc.deviceId)) return shiftRejection("SHIFT_TAKEN_OVER", {}, "deviceId");
  // Another device's takeover written from a state the server has since moved past.
  if (doc.handovers?.length) return shiftRejection("SHIFT_HANDOVER_STALE", {}, "revision");
  return shiftRejection("REVISION_CONFLICT");
}

interface ShiftContext {
  devices: Map<string, string>;
  users: Map<string, { active: boolean; role: string; terminalIds: string[] }>;
}

async function loadShiftContext(db: Database, companyId: string, docs: ShiftDocument[]): Promise<ShiftContext> {
  if (docs.length === 0) return { devices: new Map(), users: new Map() };
  const userIds = [
    ...new Set(
      docs.flatMap((d) => [
        d.openedBy,
        ...(d.closing ? [d.closing.closedBy] : []),
        ...d.movements.map((m) => m.by),
        ...(d.handovers ?? []).map((h) => h.by),
      ]),
    ),
  ];
  const [devices, users] = await Promise.all([
    db.query("SELECT id, terminal_id FROM devices WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      [...new Set(docs.map((d) => d.deviceId))],
    ]),
    db.query("SELECT id, active, role, terminal_ids FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])", [
      companyId,
      userIds,
    ]),
  ]);
  return {
    devices: new Map(devices.map((d) => [String(d.id), String(d.terminal_id)])),
    users: new Map(
      users.map((u) => [
        String(u.id),
        { active: Boolean(u.active), role: String(u.role), terminalIds: (u.terminal_ids as string[]) ?? [] },
      ]),
    ),
  };
}

/** A shift is the drawer of the device that uploads it, on that device's terminal. */
function validateShift(doc: ShiftDocument, auth: AuthContext, ctx: ShiftContext): ShiftRejection[] {
  if (doc.deviceId !== auth.deviceId || !ctx.devices.has(doc.deviceId))
    return [shiftRejection("DEVICE_MISMATCH", {}, "deviceId")];
  if (ctx.devices.get(doc.deviceId) !== doc.terminalId) return [shiftRejection("TERMINAL_MISMATCH", {}, "terminalId")];
  const allowed = (userId: string) => {
    const u = ctx.users.get(userId);
    return !!u?.active && (u.role === "admin" || u.terminalIds.length === 0 || u.terminalIds.includes(doc.terminalId));
  };
  const people: [string, string][] = [
    ["openedBy", doc.openedBy],
    ...(doc.closing ? [["closing.closedBy", doc.closing.closedBy] as [string, string]] : []),
    ...doc.movements.map((m, i) => [`movements.${i}.by`, m.by] as [string, string]),
    ...(doc.handovers ?? []).map((h, i) => [`handovers.${i}.by`, h.by] as [string, string]),
  ];
  return people.filter(([, id]) => !allowed(id)).map(([field]) => shiftRejection("CASHIER_NOT_ALLOWED", {}, field));
}

async function writeOne(db: Database, auth: AuthContext, doc: ShiftDocument): Promise<ShiftPushResult> {
  try {
    const outcome = await db.transaction((tx) => writeShiftRevision(tx, auth, doc));
    if (outcome.kind === "written") return accepted(doc, outcome.row, false);
    if (outcome.kind === "rejected") return rejected(doc.id, doc.revision, outcome.errors);
    // Another request (tab, process, retry) stored this revision first: answer what it holds.
    const again = await loadStoredShifts(db, auth.companyId, [doc.id]);
    return (
      answerFromStored(again, doc) ?? {
        outcome: "retry",
        id: doc.id,
        revision: doc.revision,
        reason: "changed meanwhile, retry",
      }
    );
  } catch (err) {
    if (isUniqueViolation(err)) {
      const other = await openShiftOn(db, auth.companyId, doc.terminalId, doc.id);
      if (other && String(other.device_id) === doc.deviceId)
        return {
          outcome: "retry",
          id: doc.id,
          revision: doc.revision,
          reason: "this device's previous shift is still open on the server",
        };
      if (other) return rejected(doc.id, doc.revision, [shiftRejection("SHIFT_ALREADY_OPEN", {}, "status")]);
      return { outcome: "retry", id: doc.id, revision: doc.revision, reason: "changed meanwhile, retry" };
    }
    if (isDataError(err))
      return rejected(doc.id, doc.revision, [
        shiftRejection("SHIFT_INVALID", {
          detail: `the database refused a value (${String((err as Error).message).slice(0, 200)})`,
        }),
      ]);
    throw err;
  }
}
