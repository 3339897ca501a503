import {
  type CashMovementKind,
  type PullChange,
  type ShiftClosing,
  type ShiftDocument,
  type ShiftPushResult,
  uuidv7,
} from "@mostrador/domain";
import { type LocalSchemas, loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import { type LocalInvoice, type LocalShift, shiftHasUnsentChanges } from "./localRecords";
import type { ApplyPushResult } from "./localStore";
import { LocalStoreError } from "./localStoreErrors";

/**
 * The till's cash shifts: every change (opening, a movement, the closing) is a new revision of
 * one document, written in one read-write transaction (durable before it resolves, like an
 * invoice) and left pending until the server answers that revision.
 */

export interface OpenShiftInput {
  terminalId: string;
  deviceId: string;
  openedBy: string;
  /** "Base inicial", centavos. */
  openingFloat: number;
  note?: string;
  now?: Date;
}

export interface CashMovementInput {
  kind: CashMovementKind;
  amount: number;
  reason: string;
  by: string;
  now?: Date;
}

export type CloseShiftInput = Omit<ShiftClosing, "closedAt"> & { now?: Date };

export function validShift({ shiftDocumentSchema }: LocalSchemas, input: unknown): ShiftDocument {
  const parsed = shiftDocumentSchema.safeParse(input);
  if (!parsed.success)
    throw new LocalStoreError("INVALID_SHIFT", "the shift does not pass validation", parsed.error.issues);
  return parsed.data;
}

export function pendingRecord(document: ShiftDocument, previous: LocalShift | undefined, now: string): LocalShift {
  return {
    id: document.id,
    terminalId: document.terminalId,
    shiftStatus: document.status,
    openedAt: document.openedAt,
    status: "pending",
    document,
    errors: [],
    serverRevision: previous?.serverRevision ?? 0,
    serverVersion: previous?.serverVersion ?? null,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    // A shift taken over here keeps what was sold before on the other device, and who opened it.
    ...(previous?.soldElsewhere ? { soldElsewhere: previous.soldElsewhere } : {}),
    ...(previous?.openedByName ? { openedByName: previous.openedByName } : {}),
  };
}

export function findOpenShift(db: LocalDatabase, terminalId: string): Promise<LocalShift | undefined> {
  return db.shifts.where("[terminalId+shiftStatus]").equals([terminalId, "open"]).first();
}

/** "Abrir turno": one open shift per terminal, checked in the same transaction as the write. */
export async function openShiftInDb(db: LocalDatabase, input: OpenShiftInput): Promise<LocalShift> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", db.shifts, async () => {
    if (await findOpenShift(db, input.terminalId))
      throw new LocalStoreError("SHIFT_ALREADY_OPEN", "this terminal already has an open shift");
    const now = input.now ?? new Date();
    const document = validShift(schemas, {
      id: uuidv7(now.getTime()),
      revision: 1,
      terminalId: input.terminalId,
      deviceId: input.deviceId,
      openedBy: input.openedBy,
      openedAt: now.toISOString(),
      openingFloat: input.openingFloat,
      note: input.note ?? "",
      status: "open",
      movements: [],
      closing: null,
    });
    const record = pendingRecord(document, undefined, now.toISOString());
    await db.shifts.add(record);
    return record;
  });
}

async function reviseOpenShift(
  db: LocalDatabase,
  id: string,
  change: (document: ShiftDocument) => unknown,
  now: Date,
): Promise<LocalShift> {
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", db.shifts, async () => {
    const local = await db.shifts.get(id);
    if (!local) throw new LocalStoreError("NOT_FOUND", `no shift ${id} on this device`);
    if (local.document.status !== "open") throw new LocalStoreError("SHIFT_NOT_OPEN", "the shift is closed");
    const document = validShift(schemas, {
      ...(change(local.document) as object),
      revision: local.document.revision + 1,
    });
    const record = pendingRecord(document, local, now.toISOString());
    await db.shifts.put(record);
    return record;
  });
}

/** "Movimientos de efectivo": an Ingreso or Retiro is a new revision of the open shift. */
export function addCashMovementInDb(db: LocalDatabase, id: string, input: CashMovementInput): Promise<LocalShift> {
  const now = input.now ?? new Date();
  const movement = {
    id: uuidv7(now.getTime()),
    kind: input.kind,
    amount: input.amount,
    reason: input.reason.trim(),
    at: now.toISOString(),
    by: input.by,
  };
  return reviseOpenShift(db, id, (doc) => ({ ...doc, movements: [...doc.movements, movement] }), now);
}

/** "Cerrar turno": the closed revision, written offline like any other. */
export function closeShiftInDb(db: LocalDatabase, id: string, input: CloseShiftInput): Promise<LocalShift> {
  const { now: at, ...closing } = input;
  const now = at ?? new Date();
  return reviseOpenShift(
    db,
    id,
    (doc) => ({ ...doc, status: "closed", closing: { ...closing, closedAt: now.toISOString() } }),
    now,
  );
}

/** The invoices sold during the shift, oldest first. */
export async function listShiftInvoicesInDb(db: LocalDatabase, shiftId: string): Promise<LocalInvoice[]> {
  const rows = await db.invoices.where("document.shiftId").equals(shiftId).toArray();
  return rows.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

/** Shifts whose current revision the server has not answered for, oldest first. */
export async function listShiftsToPushInDb(db: LocalDatabase, limit: number): Promise<ShiftDocument[]> {
  const pending = await db.shifts.where("status").equals("pending").toArray();
  return pending
    .filter(shiftHasUnsentChanges)
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt))
    .slice(0, limit)
    .map((s) => s.document);
}

/** accepted → synced, rejected → error (with its reasons), retry → stays pending; newer local revisions stay pending. */
export function applyShiftPushResultsInDb(
  db: LocalDatabase,
  results: readonly ShiftPushResult[],
): Promise<ApplyPushResult> {
  const outcome: ApplyPushResult = { synced: 0, rejected: 0, retry: 0, ignored: 0 };
  const now = new Date().toISOString();
  return db.transaction("rw", db.shifts, async () => {
    const locals = await db.shifts.bulkGet(results.map((r) => r.id));
    const updates: LocalShift[] = [];
    results.forEach((result, i) => {
      const local = locals[i];
      if (result.outcome === "retry") {
        outcome.retry += 1;
        return;
      }
      if (!local || result.revision < local.serverRevision) {
        outcome.ignored += 1;
        return;
      }
      if (result.revision < local.document.revision) {
        // An older revision was answered while a newer one waits here: it stays pending.
        updates.push({ ...local, serverRevision: result.revision, updatedAt: now });
        outcome.ignored += 1;
        return;
      }
      if (result.outcome === "accepted") {
        outcome.synced += 1;
        updates.push({
          ...local,
          status: "synced",
          errors: [],
          serverRevision: result.revision,
          serverVersion: result.shift.version,
          updatedAt: now,
        });
      } else {
        outcome.rejected += 1;
        updates.push({
          ...local,
          status: "error",
          errors: [...result.errors],
          serverRevision: result.revision,
          updatedAt: now,
        });
      }
    });
    if (updates.length > 0) await db.shifts.bulkPut(updates);
    return outcome;
  });
}

/**
 * The pull's `shifts` rows (ShiftSummary): the server's word on this device's own shifts. A
 * shift with a revision not yet answered is never touched; one this till does not hold is
 * skipped (a summary has no movements to rebuild the document from). Returns the ids kept.
 */
export async function applyPulledShifts(db: LocalDatabase, changes: readonly PullChange[]): Promise<string[]> {
  const kept: string[] = [];
  const locals = await db.shifts.bulkGet(changes.map((c) => c.id));
  const now = new Date().toISOString();
  const updates: LocalShift[] = [];
  changes.forEach((change, i) => {
    const local = locals[i];
    if (!local || change.deleted === true || change.data === undefined) return;
    const data = change.data as { revision?: unknown };
    const revision = typeof data.revision === "number" ? data.revision : 0;
    // A newer local revision (unsent, or rejected: a rejected revision is not on the server) wins.
    if (local.document.revision > revision) {
      kept.push(change.id);
      return;
    }
    updates.push({
      ...local,
      status: "synced",
      errors: [],
      serverRevision: revision,
      serverVersion: change.version,
      updatedAt: now,
    });
  });
  if (updates.length > 0) await db.shifts.bulkPut(updates);
  return kept;
}
