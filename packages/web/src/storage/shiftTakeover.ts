import type { TerminalShift } from "@mostrador/domain";
import { loadLocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalShift } from "./localRecords";
import { LocalStoreError } from "./localStoreErrors";
import { findOpenShift, pendingRecord, validShift } from "./shiftRecords";

/**
 * "Tomar turno": the open shift of the terminal, held by another device (its cashier signed out),
 * becomes this device's. Like every shift write it is a new revision, durable here before it
 * resolves and uploaded by the push: the server's document one revision on, with this device as
 * its device and the handover recorded. What the shift sold elsewhere stays with it, so the
 * closing expects those sales too (the server counts them without this device's own invoices).
 */
export interface TakeOverShiftInput {
  terminalShift: TerminalShift;
  deviceId: string;
  /** The cashier signed in here, who takes the shift over. */
  by: string;
  now?: Date;
}

export async function takeOverShiftInDb(db: LocalDatabase, input: TakeOverShiftInput): Promise<LocalShift> {
  const { terminalShift, deviceId, by } = input;
  const server = terminalShift.document;
  const schemas = await loadLocalSchemas(); // before the transaction: see loadLocalSchemas
  return db.transaction("rw", db.shifts, async () => {
    const open = await findOpenShift(db, server.terminalId);
    if (open?.id === server.id) return open; // taken over already (a second click, another tab)
    if (open) throw new LocalStoreError("SHIFT_ALREADY_OPEN", "this terminal already has an open shift here");
    if (await db.shifts.get(server.id)) throw new LocalStoreError("SHIFT_NOT_OPEN", "the shift was closed here");
    if (server.status !== "open" || server.deviceId === deviceId)
      throw new LocalStoreError("SHIFT_NOT_OPEN", "there is no shift of another device to take over");
    const now = input.now ?? new Date();
    const document = validShift(schemas, {
      ...server,
      revision: server.revision + 1,
      deviceId,
      handovers: [
        ...(server.handovers ?? []),
        { at: now.toISOString(), by, deviceId, fromDeviceId: server.deviceId, fromUserId: terminalShift.heldBy },
      ],
    });
    const record: LocalShift = {
      ...pendingRecord(document, undefined, now.toISOString()),
      // The server holds every revision up to the one taken over: only the handover is unsent.
      serverRevision: server.revision,
      soldElsewhere: terminalShift.soldElsewhere,
      openedByName: terminalShift.openedByName,
    };
    await db.shifts.add(record);
    return record;
  });
}

/**
 * A pull page's terminalShift, inside the page's transaction: kept for the shift gate, and a
 * shift this device holds takes the server's newest "sold elsewhere" (invoices of the previous
 * holder that arrived late), so its closing converges like the server's figures do.
 */
export async function applyTerminalShiftInDb(
  db: LocalDatabase,
  terminalShift: TerminalShift | null | undefined,
): Promise<void> {
  if (terminalShift === undefined) return; // an older server: nothing known
  await db.meta.put({ key: "terminalShift", value: terminalShift });
  if (!terminalShift) return;
  const local = await db.shifts.get(terminalShift.document.id);
  if (!local?.soldElsewhere || local.document.deviceId !== terminalShift.document.deviceId) return;
  if (JSON.stringify(local.soldElsewhere) === JSON.stringify(terminalShift.soldElsewhere)) return;
  await db.shifts.put({ ...local, soldElsewhere: terminalShift.soldElsewhere });
}
