import type { ShiftDocument, SoldElsewhere, TerminalShift } from "@mostrador/domain";
import type { LocalSchemas } from "./loadLocalSchemas";
import type { LocalDatabase } from "./localDatabase";
import type { LocalShift } from "./localRecords";
import type { PendingImportResult } from "./pendingFileImport";
import { findOpenShift, pendingRecord, validShift } from "./shiftRecords";

/** The device importing a file and the cashier signed in on it. */
export interface ShiftImporter {
  deviceId: string;
  terminalId: string;
  userId: string;
}

/** Nothing sold elsewhere yet: the pull's terminalShift replaces it with the server's figures. */
const nothingSoldElsewhere: SoldElsewhere = {
  salesCount: 0,
  salesTotal: 0,
  subtotal: 0,
  discount: 0,
  tax: 0,
  changeGiven: 0,
  byPaymentMethod: [],
  taxes: [],
  voidedCount: 0,
  voidedTotal: 0,
  firstInvoice: null,
  lastInvoice: null,
};

/** Does the stored shift already hold everything the file's revision says (its movements, its closing)? */
function holdsFileContent(local: ShiftDocument, file: ShiftDocument): boolean {
  const movements = new Set(local.movements.map((m) => m.id));
  return file.movements.every((m) => movements.has(m.id)) && (file.status === "open" || local.status === "closed");
}

/**
 * A shift of an export file, inside the import's transaction. The server takes a shift revision only
 * from the device it names, on that device's terminal, and lets another device of the terminal take
 * a shift over by a recorded handover ("Tomar turno", checked as a chain by the server). So a shift of
 * another device is imported as that handover: the file's revision + 1, held by this device, taken
 * over by the cashier signed in here. Its opening, movements and closing (the counted cash) are
 * uploaded as they were made; the handover says who brought them in and when.
 */
export async function importShift(
  db: LocalDatabase,
  schemas: LocalSchemas,
  doc: ShiftDocument,
  importer: ShiftImporter | null,
  result: PendingImportResult,
  now: Date,
): Promise<void> {
  const refuse = async (reason: "OTHER_TERMINAL" | "SHIFT_OPEN_HERE" | "SHIFT_CONFLICT" | "NOT_A_TILL") => {
    const label = (await db.terminals.get(doc.terminalId))?.name ?? "";
    result.refused.push({ kind: "shift", id: doc.id, reason, label });
  };
  const local = await db.shifts.get(doc.id);
  if (local) {
    if (holdsFileContent(local.document, doc)) {
      result.shifts.alreadyPresent += 1;
      return;
    }
    // This device's own shift with a newer revision in the file (like an invoice): it becomes pending again.
    if (importer?.deviceId === doc.deviceId && local.document.deviceId === doc.deviceId) {
      await db.shifts.put(pendingRecord(doc, local, now.toISOString()));
      result.shifts.imported += 1;
      return;
    }
    // Taken over here from an older state: the file's later changes would conflict with this device's revision.
    return refuse("SHIFT_CONFLICT");
  }
  if (!importer) return refuse("NOT_A_TILL");
  if (importer.terminalId !== doc.terminalId) return refuse("OTHER_TERMINAL");
  // One open shift per terminal here (the shift gate), as on the server.
  if (doc.status === "open" && (await findOpenShift(db, doc.terminalId))) return refuse("SHIFT_OPEN_HERE");
  const at = now.toISOString();
  if (doc.deviceId === importer.deviceId) {
    await db.shifts.add(pendingRecord(doc, undefined, at));
    result.shifts.imported += 1;
    return;
  }
  const fromUserId = doc.handovers?.[doc.handovers.length - 1]?.by ?? doc.openedBy;
  let document: ShiftDocument;
  try {
    document = validShift(schemas, {
      ...doc,
      revision: doc.revision + 1,
      deviceId: importer.deviceId,
      handovers: [
        ...(doc.handovers ?? []),
        { at, by: importer.userId, deviceId: importer.deviceId, fromDeviceId: doc.deviceId, fromUserId },
      ],
    });
  } catch {
    // No revision or handover left to add (the schema's limits): it cannot be taken over.
    result.shifts.invalid += 1;
    return;
  }
  const record: LocalShift = pendingRecord(document, undefined, at);
  if (doc.status === "open") {
    // Held here from now on: the closing adds what the server says was sold in it on other devices.
    const seen = (await db.meta.get("terminalShift"))?.value as TerminalShift | null | undefined;
    const known = seen?.document.id === doc.id ? seen : null;
    record.soldElsewhere = known?.soldElsewhere ?? nothingSoldElsewhere;
    if (known) record.openedByName = known.openedByName;
  }
  await db.shifts.add(record);
  result.shifts.imported += 1;
}
