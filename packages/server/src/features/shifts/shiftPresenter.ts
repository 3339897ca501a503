import type { ShiftSummary } from "@mostrador/domain";

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A shifts row as the API shows it (push answers, the pull, the admin list). */
export function presentShiftSummary(r: Row): ShiftSummary {
  return {
    id: String(r.id),
    revision: Number(r.revision),
    status: r.status as ShiftSummary["status"],
    terminalId: String(r.terminal_id),
    deviceId: String(r.device_id),
    openedBy: String(r.opened_by),
    openedAt: iso(r.opened_at),
    openingFloat: Number(r.opening_float),
    closedAt: isoOrNull(r.closed_at),
    closedBy: r.closed_by === null || r.closed_by === undefined ? null : String(r.closed_by),
    tillExpectedCash: numOrNull(r.till_expected_cash),
    countedCash: numOrNull(r.counted_cash),
    receivedAt: iso(r.received_at),
    version: Number(r.version),
  };
}
